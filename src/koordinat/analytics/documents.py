"""The official execution report drawn from its snapshot (analytics.snapshot) in az, ru or en, as
DOCX and PDF: a title page, the summary figures and charts, every section's measures in outline order,
then the overdue items with their reasons, the extensions granted and the items taken off control.

Labels are the chosen language's; content is its column of that language, and a text that exists
only in another language is shown in that language with a note saying so, never swapped silently.
"""

import datetime
import io
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from koordinat.core.text import upper, xml_safe
from koordinat.execution.models import ControlItem, ExecutionStatus, Extension
from koordinat.execution.status import status_line
from koordinat.plans.periods import span_words

from . import charts

FONTS = Path(__file__).resolve().parent.parent / "static" / "dist" / "fonts"
LANGUAGE_ORDER = ("az", "ru", "en")
Progress = Callable[[int], None]


def _not_translated(code: str) -> str:
    return {
        "az": _("(in Azerbaijani: not translated)"),
        "ru": _("(in Russian: not translated)"),
        "en": _("(in English: not translated)"),
    }[code]


def _written_in(code: str) -> str:
    return {
        "az": _("(written in Azerbaijani)"),
        "ru": _("(written in Russian)"),
        "en": _("(written in English)"),
    }.get(code, "")


def content(texts: dict[str, str], language: str) -> str:
    """The text in `language`; else the first language that has it, saying which."""
    if texts.get(language):
        return texts[language]
    for code in LANGUAGE_ORDER:
        if texts.get(code):
            return f"{texts[code]} {_not_translated(code)}"
    return ""


def _date(iso: str | None) -> str:
    return formats.date_format(datetime.date.fromisoformat(iso), "DATE_FORMAT") if iso else "—"


@dataclass
class Heading:
    level: int
    text: str
    is_heading = True


@dataclass
class Entry:
    """One measure under control: what it says, who executes it, where it stood, what was reported."""

    title: str
    executors: str
    control_date: str
    status: str
    reports: list[tuple[str, str]]  # (who and when, what they wrote)
    is_heading = False


@dataclass
class Chart:
    title: str
    header: tuple[str, str]
    rows: list[tuple[str, int]]

    @property
    def bars(self) -> list[charts.Bar]:
        return charts.bars(self.rows)


@dataclass
class Paper:
    language: str
    heading: str
    plan: str
    period: str
    as_of: str
    generated: str
    office: str
    summary: list[tuple[str, str]]
    charts: list[Chart]
    outline: list[Heading | Entry] = field(default_factory=list)
    overdue: list[tuple[str, ...]] = field(default_factory=list)
    extensions: list[tuple[str, ...]] = field(default_factory=list)
    closed: list[tuple[str, ...]] = field(default_factory=list)
    labels: dict[str, Any] = field(default_factory=dict)


def _status_label(status: str) -> str:
    return str(ControlItem.Status(status).label)


def _share(part: int, whole: int) -> str:
    if not whole:
        return "—"
    return _("%(part)s of %(whole)s (%(percent)s %%)") % {
        "part": part,
        "whole": whole,
        "percent": formats.number_format(round(100 * part / whole, 1), 1),
    }


def paper(snapshot: dict[str, Any], language: str, generated_at: datetime.datetime) -> Paper:
    """What the document says in `language`: the same for DOCX and PDF."""
    with translation.override(language):
        return _paper(snapshot, language, generated_at)


def _paper(snapshot: dict[str, Any], language: str, generated_at: datetime.datetime) -> Paper:
    start = datetime.date.fromisoformat(snapshot["period"]["start"])
    end = datetime.date.fromisoformat(snapshot["period"]["end"])
    after_end = end + datetime.timedelta(days=1)
    figures = snapshot["figures"]
    items: dict[str, dict[str, Any]] = snapshot["items"]
    outline_rows = snapshot["outline"]
    measure_by_id = {row["id"]: row for row in outline_rows}
    measure_of_item = snapshot["item_measure"]

    def measure_title(item_id: int) -> tuple[str, str]:
        row = measure_by_id[measure_of_item[str(item_id)]]
        return row["number"], content(row["text"], language)

    def lead_of(item_id: int) -> str:
        executors = items[str(item_id)]["executors"]
        return content(executors[0]["name"], language) if executors and executors[0]["lead"] else "—"

    summary = [
        (_("Items under control at the end of the period"), str(figures["items"])),
        *[
            (_("of which: %(status)s") % {"status": _status_label(status)}, str(count))
            for status, count in figures["by_status"].items()
        ],
        (_("Overdue at the end of the period"), str(figures["overdue"])),
        (_("Executed in the period"), str(figures["completed"])),
        (
            _("Executed by the control date"),
            _share(figures["completed_on_time"], figures["completed_with_date"]),
        ),
        (_("Reports accepted in the period"), str(figures["reports_accepted"])),
        (_("Extensions granted in the period"), str(figures["extensions"])),
        (_("Items taken off control in the period"), str(figures["closed"])),
    ]
    status_chart = Chart(
        title=_("Items by control status at the end of the period"),
        header=(_("Control status"), _("Items")),
        rows=[(_status_label(status), count) for status, count in figures["by_status"].items()],
    )
    late_by_lead = Counter(lead_of(entry["item"]) for entry in snapshot["overdue"])
    paper_charts = [status_chart]
    if late_by_lead:
        paper_charts.append(
            Chart(
                title=_("Overdue items by lead executor (the ten with most)"),
                header=(_("Lead executor"), _("Overdue items")),
                rows=sorted(late_by_lead.items(), key=lambda pair: (-pair[1], pair[0]))[:10],
            )
        )
    result = Paper(
        language=language,
        heading=upper(_("Information on execution"), language),
        plan=content(snapshot["plan"]["title"], language),
        period=_("for %(period)s") % {"period": span_words(start, end)},
        as_of=_("As of the end of %(date)s") % {"date": _date(end.isoformat())},
        generated=_("Generated on %(moment)s")
        % {"moment": formats.date_format(timezone.localtime(generated_at), "DATETIME_FORMAT")},
        office=content(snapshot["plan"]["office"], language),
        summary=summary,
        charts=paper_charts,
        labels={
            "title": _("Information on the execution of “%(plan)s” for %(period)s")
            % {"plan": content(snapshot["plan"]["title"], language), "period": span_words(start, end)},
            "summary": _("Summary"),
            "figure": _("Figure"),
            "value": _("Value"),
            "measures": _("Measures"),
            "executors": _("Executors"),
            "control_date": _("Control date"),
            "status": _("Status at the end of the period"),
            "reports": _("Reports accepted in the period"),
            "no_reports": _("No report on this item was accepted in the period."),
            "overdue": _("Overdue items"),
            "overdue_intro": _(
                "Items still running at the end of the period whose control date had passed. The reason is "
                "the one the executor gave in its latest extension request made by the end of the period."
            ),
            "overdue_header": (
                _("No."),
                _("Measure"),
                _("Lead executor"),
                _("Control date"),
                _("Days overdue"),
                _("Reason"),
            ),
            "extensions": _("Extensions granted in the period"),
            "extensions_header": (
                _("No."),
                _("Measure"),
                _("Requested by"),
                _("Former control date"),
                _("New control date"),
                _("Reason"),
            ),
            "closed": _("Items taken off control in the period"),
            "closed_header": (_("No."), _("Measure"), _("Decision"), _("Date"), _("Reason")),
            "none": _("None."),
        },
    )

    wanted = {row["id"] for row in outline_rows if row["item"] is not None}
    for row in reversed(outline_rows):  # a section is shown when it holds an item under control
        if row["id"] in wanted and row["parent"] is not None:
            wanted.add(row["parent"])
    lead_word, co_word = _("lead executor"), _("co-executor")
    for row in outline_rows:
        if row["id"] not in wanted:
            continue
        title = f"{row['number']}. {content(row['text'], language)}"
        if row["item"] is None:
            result.outline.append(Heading(level=min(2 + row["number"].count("."), 4), text=title))
            continue
        item = items[str(row["item"])]
        line = status_line(
            control_status=item["status"],
            control_date=datetime.date.fromisoformat(item["control_date"]) if item["control_date"] else None,
            needs_date=item["needs_date"],
            today=after_end,
        )
        executors = "; ".join(
            f"{content(executor['name'], language)} ({lead_word})"
            if executor["lead"]
            else content(executor["name"], language)
            for executor in item["executors"]
        )
        reports = [
            (
                _("%(organization)s (%(role)s), accepted on %(date)s: %(status)s, %(progress)s %%")
                % {
                    "organization": content(report["organization"], language),
                    "role": lead_word if report["lead"] else co_word,
                    "date": _date(report["accepted"]),
                    "status": ExecutionStatus(report["claimed_status"]).label,
                    "progress": report["progress"],
                },
                (report["narrative"] or "—")
                + (f" {_written_in(report['language'])}" if report["language"] != language else ""),
            )
            for report in item["reports"]
        ]
        result.outline.append(
            Entry(
                title=title,
                executors=executors or "—",
                control_date=_date(item["control_date"]),
                status=line.text,
                reports=reports,
            )
        )

    for entry in snapshot["overdue"]:
        number, text = measure_title(entry["item"])
        reason = entry["reason"]
        if reason:
            said = _("%(reason)s — %(organization)s, extension request of %(date)s (%(status)s)") % {
                "reason": reason["reason"],
                "organization": content(reason["organization"], language),
                "date": _date(reason["requested"]),
                "status": Extension.Status(reason["status"]).label,
            }
        else:
            said = _("No reason given: no extension was requested by the end of the period.")
        if entry["progress"] is not None:
            said += " " + _("Progress in the latest accepted report: %(progress)s %%.") % {
                "progress": entry["progress"]
            }
        result.overdue.append(
            (number, text, lead_of(entry["item"]), _date(entry["control_date"]), str(entry["days"]), said)
        )
    for entry in snapshot["extensions"]:
        number, text = measure_title(entry["item"])
        result.extensions.append(
            (
                number,
                text,
                content(entry["organization"], language),
                _date(entry["old_date"]),
                _date(entry["new_date"]),
                entry["reason"],
            )
        )
    for entry in snapshot["closed"]:
        number, text = measure_title(entry["item"])
        result.closed.append(
            (number, text, _status_label(entry["status"]), _date(entry["closed"]), entry["reason"] or "—")
        )
    return result


def _steps(progress: Progress | None, first: int, last: int, total: int) -> Callable[[int], None]:
    """Report progress from `first` to `last` % as `done` of `total` entries are written."""
    every = max(1, total // 10)

    def step(done: int) -> None:
        if progress is not None and total and done % every == 0:
            progress(first + (last - first) * done // total)

    return step


def docx(content_paper: Paper, progress: Progress | None = None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    document = Document()
    document.core_properties.title = xml_safe(content_paper.labels["title"])
    document.core_properties.language = content_paper.language
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)

    def centred(text: str, *, size: int = 12, bold: bool = False) -> None:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(xml_safe(text))
        run.bold, run.font.size = bold, Pt(size)

    def grid(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
        table = document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.text = xml_safe(str(text))
            cell.paragraphs[0].runs[0].bold = True
        for values in rows:
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = xml_safe(str(text))

    centred(content_paper.office, size=12)
    for _blank in range(6):
        document.add_paragraph()
    centred(content_paper.heading, size=18, bold=True)
    centred(content_paper.plan, size=15, bold=True)
    centred(content_paper.period, size=13)
    document.add_paragraph()
    centred(content_paper.as_of)
    centred(content_paper.generated, size=10)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    labels = content_paper.labels
    document.add_heading(xml_safe(labels["summary"]), level=1)
    grid((labels["figure"], labels["value"]), content_paper.summary)
    for chart in content_paper.charts:
        document.add_heading(xml_safe(chart.title), level=2)
        document.add_picture(io.BytesIO(charts.png(chart.bars)), width=Cm(16))
        grid(chart.header, [(label, str(value)) for label, value in chart.rows])
    if progress:
        progress(65)

    document.add_heading(xml_safe(labels["measures"]), level=1)
    headings = {level: document.styles[f"Heading {level}"] for level in range(1, 5)}
    step = _steps(progress, 65, 90, len(content_paper.outline))
    for done, block in enumerate(content_paper.outline, start=1):
        if isinstance(block, Heading):
            document.add_paragraph(xml_safe(block.text), style=headings[block.level])
        else:
            document.add_paragraph().add_run(xml_safe(block.title)).bold = True
            paragraph = document.add_paragraph()
            for index, (label, value) in enumerate(
                (
                    (labels["executors"], block.executors),
                    (labels["control_date"], block.control_date),
                    (labels["status"], block.status),
                )
            ):
                if index:
                    paragraph.add_run().add_break()
                paragraph.add_run(xml_safe(label) + ": ").bold = True
                paragraph.add_run(xml_safe(value))
            paragraph.add_run().add_break()
            paragraph.add_run(xml_safe(labels["reports"]) + ":").bold = True
            if not block.reports:
                paragraph.add_run(" " + xml_safe(labels["no_reports"]))
            for who, text in block.reports:
                report = document.add_paragraph()
                report.paragraph_format.left_indent = Cm(0.5)
                report.add_run(xml_safe(who)).italic = True
                report.add_run().add_break()
                report.add_run(xml_safe(text))
        step(done)

    for key, header, rows in (
        ("overdue", labels["overdue_header"], content_paper.overdue),
        ("extensions", labels["extensions_header"], content_paper.extensions),
        ("closed", labels["closed_header"], content_paper.closed),
    ):
        document.add_heading(xml_safe(labels[key]), level=1)
        if key == "overdue":
            document.add_paragraph(xml_safe(labels["overdue_intro"]))
        if rows:
            grid(header, rows)
        else:
            document.add_paragraph(xml_safe(labels["none"]))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf(content_paper: Paper, progress: Progress | None = None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "analytics/documents/official_report.html",
        {
            "paper": content_paper,
            "labels": content_paper.labels,
            "charts": [(chart, charts.svg(chart.title, chart.bars)) for chart in content_paper.charts],
            "fonts": FONTS.as_uri(),
        },
    )
    if progress:
        progress(65)
    return bytes(HTML(string=html, base_url=str(FONTS)).write_pdf())
