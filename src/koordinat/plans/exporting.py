"""The plan back out: XLSX and DOCX in the official table layout, CSV, and Decidim's results CSV.

The XLSX/DOCX layout is the one the importer reads, so export → import → export gives the same plan.
"""

import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import translation
from docx import Document
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from koordinat.core.html_text import text_to_html
from koordinat.core.spreadsheets import CsvWriter, xlsx_cell, xlsx_row
from koordinat.core.text import xml_safe

from .importing.decidim import SEPARATOR as DECIDIM_SEPARATOR
from .models import Measure, Plan

HEADERS = {
    "az": ["№", "Tədbirin adı", "İcraçılar", "İcra müddəti", "Gözlənilən nəticə"],
    "ru": [
        "№ п/п",
        "Наименование мероприятия",
        "Ответственные исполнители",
        "Срок исполнения",
        "Ожидаемый результат",
    ],
    "en": ["No.", "Measure", "Responsible", "Deadline", "Expected result"],
}
DECIDIM_LANGUAGES = ["az", "ru", "en"]
# Written after an executor taking part by agreement, as plans in each language write it, so that
# the importer reads it back.
BY_AGREEMENT = {"az": "razılaşdırılmaqla", "ru": "по согласованию", "en": "upon agreement"}


@dataclass(frozen=True)
class ExportRow:
    number: str
    text: str
    executors: str
    deadline: str
    expected_result: str

    def cells(self) -> list[str]:
        return [self.number, self.text, self.executors, self.deadline, self.expected_result]


def _measures(plan: Plan) -> Iterator[Measure]:
    yield from (
        plan.measures.select_related("parent")
        .prefetch_related("executors__organization")
        .order_by("sort_key")
        .iterator(chunk_size=2000)
    )


def plan_rows(plan: Plan, language: str) -> list[ExportRow]:
    """One row per measure in outline order, texts in `language` (falling back like the pages)."""
    with translation.override(language):
        return [
            ExportRow(
                number=measure.number,
                text=measure.text,
                executors="; ".join(
                    f"{executor.organization.name} ({BY_AGREEMENT[language]})"
                    if executor.by_agreement
                    else executor.organization.name
                    for executor in sorted(measure.executors.all(), key=lambda e: e.position)
                ),
                deadline=measure.deadline_text,
                expected_result=measure.expected_result,
            )
            for measure in _measures(plan)
        ]


def export_xlsx(plan: Plan, language: str) -> bytes:
    """Bold title and header, wrapped text, readable column widths; every text a string cell
    (`core.spreadsheets`), so nothing that came in through an import or a form runs as a formula."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(plan.code[:31])
    for letter, width in zip("ABCDE", (8, 70, 45, 22, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    wrapped = Alignment(wrap_text=True, vertical="top")
    with translation.override(language):
        title = plan.title
    sheet.append([xlsx_cell(sheet, title, font=Font(bold=True, size=13))])
    sheet.append([])
    sheet.append(xlsx_row(sheet, HEADERS[language], font=Font(bold=True), alignment=wrapped))
    for row in plan_rows(plan, language):
        sheet.append(xlsx_row(sheet, row.cells(), alignment=wrapped))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_docx(plan: Plan, language: str) -> bytes:
    document = Document()
    with translation.override(language):
        document.add_heading(xml_safe(plan.title), level=1)
    rows = plan_rows(plan, language)
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADERS[language], strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row.cells(), strict=True):
            cell.text = xml_safe(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def export_csv(plan: Plan, language: str) -> str:
    buffer = io.StringIO()
    writer = CsvWriter(buffer)
    writer.writerow(HEADERS[language])
    for row in plan_rows(plan, language):
        writer.writerow(row.cells())
    return buffer.getvalue()


def export_decidim_csv(
    plan: Plan, locales: dict[str, str] | None = None, separator: str = DECIDIM_SEPARATOR
) -> str:
    """The plan as Decidim's accountability results, written as Decidim's export writes them and its
    results import (`ResultsCSVImporter`) reads them: ";"-separated UTF-8 without a byte order mark
    (its importer would take one for part of the first column's name), a row per measure with
    `id` and `parent/id`, `title/<locale>` and `description/<locale>` (HTML paragraphs, as its editor
    writes) per language, ISO dates, and the status and progress kept from Decidim. `locales` names
    each language's texts by the importing organisation's locales (az, ru, en by default); an
    installation set to another separator (DECIDIM_DEFAULT_CSV_COL_SEP) reads with that one.

    `status/id` stays empty: Decidim takes a status by its id among the statuses of the component it
    imports into, refuses the whole file for an id it does not have, and ids of another Decidim mean
    nothing there; the key and name are written for people. Text cells go through `csv_field`, as
    Decidim's own export puts an apostrophe before "=", "+", "-" and "@"; descriptions start with
    "<p>" and need none."""
    locales = locales or {code: code for code in DECIDIM_LANGUAGES}
    codes = [code for code in DECIDIM_LANGUAGES if code in locales]
    buffer = io.StringIO()
    writer = CsvWriter(buffer, delimiter=separator, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "parent/id",
            *[f"title/{locales[code]}" for code in codes],
            *[f"description/{locales[code]}" for code in codes],
            "start_date",
            "end_date",
            "status/id",
            "status/key",
            *[f"status/name/{locales[code]}" for code in codes],
            "progress",
            "reference",
            "external_id",
            "url",
        ]
    )
    for measure in _measures(plan):
        kept = measure.decidim or {}
        status = kept.get("status") or {}
        writer.writerow(
            [
                measure.pk,
                measure.parent_id or "",
                *[getattr(measure, f"text_{code}") or "" for code in codes],
                *[text_to_html(getattr(measure, f"expected_result_{code}") or "") for code in codes],
                measure.deadline_start.isoformat() if measure.deadline_start else "",
                measure.deadline_end.isoformat() if measure.deadline_end else "",
                "",
                status.get("key", ""),
                *[(status.get("name") or {}).get(code, "") for code in codes],
                kept.get("progress", ""),
                kept.get("reference", ""),
                kept.get("external_id", ""),
                kept.get("url", ""),
            ]
        )
    return buffer.getvalue()
