"""The papers of a meeting in az, ru or en: agenda, minutes and list of instructions as DOCX and PDF,
and the calendar invitation (.ics). Minutes of a joint commission put two languages side by side."""

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from koordinat.core import clock, ical
from koordinat.core.text import capfirst, upper, xml_safe
from koordinat.directory.models import Membership

from .models import Meeting, Minutes, Participant

KINDS = ("agenda", "minutes", "instructions")
FONTS = Path(__file__).resolve().parent.parent / "static" / "dist" / "fonts"


def text_in(instance: Any, field: str, language: str) -> str:
    """The field in `language`, falling back to Azerbaijani as the pages do."""
    return getattr(instance, f"{field}_{language}", "") or getattr(instance, f"{field}_az", "") or ""


@dataclass
class Paper:
    """What a document shows, already in its language(s): the same for DOCX and PDF.

    The title names the body, the number and the date once; the line under it gives the place (left)
    and the time (right); `lines` add what the title does not (the online link, the minutes an
    instruction list comes from). Minutes and instruction lists end with the chair's and the
    secretary's signatures and, once approved, the approval line."""

    title: str
    place: str
    when: str
    sections: list[dict[str, Any]]
    languages: list[str]
    lines: list[str] = field(default_factory=list)
    signatures: list[tuple[str, str]] = field(default_factory=list)
    approval: str = ""


def _title(meeting: Meeting, kind: str, language: str) -> str:
    """ "<Body> — Minutes No. 12 of the meeting of 16 March 2026" as each language writes it."""
    minutes = getattr(meeting, "minutes", None)
    values = {
        "body": text_in(meeting.body, "name", language),
        "date": formats.date_format(timezone.localtime(meeting.starts_at).date(), "DATE_FORMAT"),
        "number": meeting.number or "",
    }
    if kind == "minutes" and minutes is not None and minutes.number:
        values["number"] = minutes.number
    if kind == "agenda":
        title = (
            _("%(body)s — Agenda of meeting No. %(number)s of %(date)s")
            if values["number"]
            else _("%(body)s — Agenda of the meeting of %(date)s")
        )
    elif kind == "minutes":
        title = (
            _("%(body)s — Minutes No. %(number)s of the meeting of %(date)s")
            if values["number"]
            else _("%(body)s — Minutes of the meeting of %(date)s")
        )
    else:
        title = (
            _("Instructions given at meeting No. %(number)s of %(body)s on %(date)s")
            if values["number"]
            else _("Instructions given at the meeting of %(body)s on %(date)s")
        )
    return capfirst(title % values, language)


def _when(meeting: Meeting) -> str:
    starts = timezone.localtime(meeting.starts_at)
    text = formats.date_format(starts, "DATETIME_FORMAT")
    if meeting.ends_at:
        text += "–" + formats.time_format(timezone.localtime(meeting.ends_at), "TIME_FORMAT")
    return text


def _post(participant: Participant) -> Membership | None:
    """The person's current post, in the participant's organisation when they hold one there."""
    if not participant.person:
        return None
    today = clock.today()
    memberships = [
        membership
        for membership in participant.person.memberships.all()
        if (membership.start_date is None or membership.start_date <= today)
        and (membership.end_date is None or membership.end_date >= today)
    ]
    memberships.sort(key=lambda membership: membership.organization_id != participant.organization_id)
    return memberships[0] if memberships else None


def _participant(participant: Participant, language: str, *, post: bool = False) -> str:
    """ "Name, post, organisation (delegation)"; the post and, for a person invited without one, the
    organisation come from the person's current membership."""
    parts = []
    organization = participant.organization
    if participant.person:
        parts.append(participant.person.full_name)
        membership = _post(participant) if post else None
        if membership is not None:
            parts.append(text_in(membership, "position", language))
            organization = organization or membership.organization
    if organization:
        parts.append(text_in(organization, "name", language))
    line = ", ".join(part for part in parts if part)
    return f"{line} ({participant.delegation})" if participant.delegation else line


def _attendance(meeting: Meeting, participants: list[Participant], language: str) -> list[dict[str, Any]]:
    """Present: the chair, the secretary, the members and the guests marked present when the meeting
    was held; absent: those marked absent, with the reason when one was recorded. Nobody is listed whose attendance was never marked."""
    officers = {meeting.chair_id: _("Chair"), meeting.secretary_id: _("Secretary")}
    officers.pop(None, None)
    absent_officers = {p.person_id for p in participants if p.person_id in officers and p.present is False}
    present: list[str] = [
        _("%(role)s: %(name)s") % {"role": officers[person.pk], "name": person.full_name}
        for person in (meeting.chair, meeting.secretary)
        if person is not None and person.pk not in absent_officers
    ]
    others = [p for p in participants if p.person_id is None or p.person_id not in officers]
    members = [p for p in others if p.present and p.role == Participant.Role.MEMBER]
    guests = [p for p in others if p.present and p.role == Participant.Role.INVITED]
    if members:
        present.append(_("Members:"))
        present.extend(_participant(p, language, post=True) for p in members)
    if guests:
        present.append(_("Invited:"))
        present.extend(_participant(p, language, post=True) for p in guests)
    absent = [
        _("%(participant)s — %(reason)s")
        % {"participant": _participant(p, language, post=True), "reason": p.absence_reason}
        if p.absence_reason
        else _participant(p, language, post=True)
        for p in participants
        if p.present is False
    ]
    sections = [{"title": upper(pgettext("minutes", "Present"), language), "lines": present}]
    if absent:
        sections.append({"title": upper(pgettext("minutes", "Absent"), language), "lines": absent})
    return sections


def _signatures(meeting: Meeting) -> list[tuple[str, str]]:
    return [
        (label, person.full_name if person else "")
        for label, person in ((_("Chair"), meeting.chair), (_("Secretary"), meeting.secretary))
    ]


def _approval(meeting: Meeting, minutes: Minutes | None) -> str:
    if minutes is None or minutes.approved_at is None:
        return ""
    approver = minutes.approved_by
    if approver is not None and approver.person_id and approver.person:
        name = approver.person.full_name
    elif meeting.chair:
        name = meeting.chair.full_name
    else:
        name = approver.display_name if approver else ""
    return _("Approved on %(date)s by %(name)s") % {
        "date": formats.date_format(timezone.localtime(minutes.approved_at).date(), "DATE_FORMAT"),
        "name": name,
    }


def paper(meeting: Meeting, kind: str, language: str) -> Paper:
    languages = [language]
    if kind == "minutes" and meeting.second_language and meeting.second_language != language:
        languages.append(meeting.second_language)
    minutes: Minutes | None = getattr(meeting, "minutes", None)
    participants = list(
        meeting.participants.select_related("person", "organization").prefetch_related(
            "person__memberships__organization"
        )
    )
    with translation.override(language):
        content = Paper(
            title=_title(meeting, kind, language),
            place=text_in(meeting, "place", language),
            when=_when(meeting),
            sections=[],
            languages=languages,
        )
        if meeting.online_url:
            content.lines.append(_("Online link: %(url)s") % {"url": meeting.online_url})
        if kind == "instructions" and minutes is not None:
            content.lines.append(
                _("Minutes No. %(number)s of %(date)s")
                % {"number": minutes.number, "date": formats.date_format(minutes.date, "DATE_FORMAT")}
            )
        if kind == "agenda":
            if meeting.chair:
                content.lines.append(
                    _("%(role)s: %(name)s") % {"role": _("Chair"), "name": meeting.chair.full_name}
                )
            if meeting.secretary:
                content.lines.append(
                    _("%(role)s: %(name)s") % {"role": _("Secretary"), "name": meeting.secretary.full_name}
                )
            content.sections.append(
                {
                    "title": _("Invited participants"),
                    "lines": [_participant(participant, language) for participant in participants],
                }
            )
        if kind == "minutes":
            content.sections.extend(_attendance(meeting, participants, language))
        if kind in ("agenda", "minutes"):
            for item in meeting.agenda.all():
                entry: dict[str, Any] = {
                    "title": f"{item.position}. "
                    + " / ".join(text_in(item, "title", code) for code in languages),
                    "lines": [],
                    "columns": [],
                }
                speakers = ", ".join(person.full_name for person in item.speakers.all())
                if speakers:
                    entry["lines"].append(f"{_('Speakers')}: {speakers}")
                if kind == "minutes":
                    entry["columns"] = [
                        (label, texts)
                        for label, texts in (
                            (_("Discussed"), [text_in(item, "discussion", code) for code in languages]),
                            (_("Decided"), [text_in(item, "decision", code) for code in languages]),
                        )
                        if any(text.strip() for text in texts)  # nothing recorded: no empty heading
                    ]
                content.sections.append(entry)
        if kind in ("minutes", "instructions") and minutes is not None:
            content.sections.append(
                {
                    "title": _("Instructions"),
                    "table": [
                        (
                            instruction.number,
                            " / ".join(text_in(instruction, "text", code) for code in languages),
                            "; ".join(
                                text_in(e.organization, "name", language) for e in instruction.executors.all()
                            ),
                            formats.date_format(instruction.control_date),
                        )
                        for instruction in minutes.instructions.all()
                    ],
                    "table_header": (_("No."), _("Instruction"), _("Executors"), _("Control date")),
                }
            )
        if kind in ("minutes", "instructions"):
            content.signatures = _signatures(meeting)
            content.approval = _approval(meeting, minutes)
    return content


SIGNATURE_LINE = "____________________"


def _borderless(document: Any, rows: list[tuple[str, str]], *, right_aligned: bool = True) -> None:
    """Two columns without borders: place and time under the title, names beside the signature line."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = document.add_table(rows=0, cols=2)
    for left, right in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = xml_safe(left), xml_safe(right)
        if right_aligned:
            cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def docx(meeting: Meeting, kind: str, language: str) -> bytes:
    from docx import Document

    content = paper(meeting, kind, language)
    document = Document()
    document.add_heading(xml_safe(content.title), level=1)
    _borderless(document, [(content.place, content.when)])
    for line in content.lines:
        document.add_paragraph(xml_safe(line))
    for section in content.sections:
        document.add_heading(xml_safe(section["title"]), level=2)
        for line in section.get("lines", []):
            document.add_paragraph(xml_safe(line))
        for label, texts in section.get("columns", []):
            document.add_paragraph(xml_safe(label)).runs[0].bold = True
            if len(texts) == 1:
                document.add_paragraph(xml_safe(texts[0]))
            else:
                row = document.add_table(rows=1, cols=len(texts)).rows[0]
                for cell, text in zip(row.cells, texts, strict=True):
                    cell.text = xml_safe(text)
        if section.get("table") is not None:
            grid = document.add_table(rows=1, cols=4)
            grid.style = "Table Grid"
            for cell, text in zip(grid.rows[0].cells, section["table_header"], strict=True):
                cell.text = xml_safe(str(text))
            for values in section["table"]:
                for cell, text in zip(grid.add_row().cells, values, strict=True):
                    cell.text = xml_safe(str(text))
    if content.signatures:
        document.add_paragraph()
        _borderless(document, [(label, f"{SIGNATURE_LINE} {name}") for label, name in content.signatures])
    if content.approval:
        document.add_paragraph(xml_safe(content.approval))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf(meeting: Meeting, kind: str, language: str) -> bytes:
    from weasyprint import HTML

    content = paper(meeting, kind, language)
    html = render_to_string(
        "meetings/documents/paper.html",
        {"paper": content, "fonts": FONTS.as_uri(), "language": language, "signature_line": SIGNATURE_LINE},
    )
    return bytes(HTML(string=html, base_url=str(FONTS)).write_pdf())


def ics(meeting: Meeting, language: str) -> str:
    """A calendar invitation (RFC 5545) for the meeting."""
    return ical.calendar([meeting_event(meeting, language)], product="Meetings", method="REQUEST")


def meeting_event(meeting: Meeting, language: str) -> ical.Event:
    """The meeting as a calendar event: the same UID in the invitation and in people's feeds."""
    return ical.Event(
        uid=f"meeting-{meeting.pk}@{ical.host()}",
        sequence=meeting.version,
        start=meeting.starts_at,
        end=meeting.ends_at,
        summary=text_in(meeting, "title", language),
        location=text_in(meeting, "place", language) or meeting.online_url,
        description=text_in(meeting.body, "name", language),
        cancelled=meeting.status == Meeting.Status.CANCELLED,
    )
