"""The papers of a meeting in az, ru or en: agenda, minutes and list of instructions as DOCX and PDF,
and the calendar invitation (.ics). Minutes of a joint commission put two languages side by side."""

import datetime
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from koordinat.core import clock
from koordinat.core.text import xml_safe

from .models import Meeting

KINDS = ("agenda", "minutes", "instructions")
FONTS = Path(__file__).resolve().parent.parent / "static" / "dist" / "fonts"


def text_in(instance: Any, field: str, language: str) -> str:
    """The field in `language`, falling back to Azerbaijani as the pages do."""
    return getattr(instance, f"{field}_{language}", "") or getattr(instance, f"{field}_az", "") or ""


@dataclass
class Paper:
    """What a document shows, already in its language(s): the same for DOCX and PDF."""

    title: str
    heading: list[tuple[str, str]]
    sections: list[dict[str, Any]]
    languages: list[str]


def _heading(meeting: Meeting, language: str) -> list[tuple[str, str]]:
    when = timezone.localtime(meeting.starts_at)
    rows = [
        (_("Collegial body"), text_in(meeting.body, "name", language)),
        (_("Date and time"), formats.date_format(when, "DATETIME_FORMAT")),
    ]
    place = text_in(meeting, "place", language)
    if place:
        rows.append((_("Place"), place))
    if meeting.online_url:
        rows.append((_("Online link"), meeting.online_url))
    if meeting.chair:
        rows.append((_("Chair"), meeting.chair.full_name))
    if meeting.secretary:
        rows.append((_("Secretary"), meeting.secretary.full_name))
    return rows


def paper(meeting: Meeting, kind: str, language: str) -> Paper:
    languages = [language]
    if kind == "minutes" and meeting.second_language and meeting.second_language != language:
        languages.append(meeting.second_language)
    with translation.override(language):
        title = {
            "agenda": _("Agenda of meeting No. %(number)d"),
            "minutes": _("Minutes of meeting No. %(number)d"),
            "instructions": _("Instructions of meeting No. %(number)d"),
        }[kind] % {"number": meeting.number}
        minutes = getattr(meeting, "minutes", None)
        if kind != "agenda" and minutes is not None:
            title = _("%(title)s — minutes No. %(number)s of %(date)s") % {
                "title": title,
                "number": minutes.number,
                "date": formats.date_format(minutes.date),
            }
        heading = _heading(meeting, language)
        sections: list[dict[str, Any]] = []
        if kind in ("agenda", "minutes"):
            present = [p for p in meeting.participants.all() if p.present or kind == "agenda"]
            sections.append(
                {
                    "title": _("Participants") if kind == "minutes" else _("Invited participants"),
                    "lines": [_participant(participant, language) for participant in present],
                }
            )
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
                        (_("Discussed"), [text_in(item, "discussion", code) for code in languages]),
                        (_("Decided"), [text_in(item, "decision", code) for code in languages]),
                    ]
                sections.append(entry)
        if kind in ("minutes", "instructions") and minutes is not None:
            sections.append(
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
    return Paper(title=title, heading=heading, sections=sections, languages=languages)


def _participant(participant: Any, language: str) -> str:
    parts = []
    if participant.person:
        parts.append(participant.person.full_name)
    if participant.organization:
        parts.append(text_in(participant.organization, "name", language))
    line = ", ".join(parts)
    return f"{line} ({participant.delegation})" if participant.delegation else line


def docx(meeting: Meeting, kind: str, language: str) -> bytes:
    from docx import Document

    content = paper(meeting, kind, language)
    document = Document()
    document.add_heading(xml_safe(content.title), level=1)
    table = document.add_table(rows=0, cols=2)
    for label, value in content.heading:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = xml_safe(label), xml_safe(value)
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
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf(meeting: Meeting, kind: str, language: str) -> bytes:
    from weasyprint import HTML

    content = paper(meeting, kind, language)
    html = render_to_string(
        "meetings/documents/paper.html", {"paper": content, "fonts": FONTS.as_uri(), "language": language}
    )
    return bytes(HTML(string=html, base_url=str(FONTS)).write_pdf())


def _ics_text(value: str) -> str:
    """RFC 5545 TEXT: a line break of any kind is written as \\n, so no typed text starts a line of its own."""
    lines = "\n".join(xml_safe(value).splitlines())
    return lines.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for character in line:
        encoded = character.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def ics(meeting: Meeting, language: str) -> str:
    """A calendar invitation (RFC 5545) for the meeting."""
    starts = meeting.starts_at.astimezone(datetime.UTC)
    ends = (meeting.ends_at or meeting.starts_at + datetime.timedelta(hours=2)).astimezone(datetime.UTC)
    stamp = "%Y%m%dT%H%M%SZ"
    place = text_in(meeting, "place", language) or meeting.online_url
    host = getattr(settings, "KOORDINAT_BASE_URL", "http://localhost").split("//")[-1].split("/")[0]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Koordinat//Meetings//AZ",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"SEQUENCE:{meeting.version}",
        f"DTSTAMP:{clock.now().astimezone(datetime.UTC).strftime(stamp)}",
        f"DTSTART:{starts.strftime(stamp)}",
        f"DTEND:{ends.strftime(stamp)}",
        f"SUMMARY:{_ics_text(text_in(meeting, 'title', language))}",
        f"LOCATION:{_ics_text(place)}",
        f"DESCRIPTION:{_ics_text(text_in(meeting.body, 'name', language))}",
        "STATUS:CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "STATUS:CONFIRMED",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
