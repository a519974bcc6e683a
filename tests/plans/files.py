"""Plan documents built in memory, shaped like the official tables offices receive."""

import io

from docx import Document
from openpyxl import Workbook

AZ_HEADER = ["№", "Tədbirin adı", "İcraçılar", "İcra müddəti", "Gözlənilən nəticə"]
RU_HEADER = [
    "№ п/п",
    "Наименование мероприятия",
    "Ответственные исполнители",
    "Срок исполнения",
    "Ожидаемый результат",
]
EN_HEADER = ["No.", "Measure", "Responsible", "Deadline", "Expected result"]


def xlsx_bytes(
    rows: list[list[object]], *, title_rows: list[str] = (), sheet: str = "Plan", as_text: bool = False
) -> bytes:
    """`as_text`: every text a string cell, as Excel keeps "=1+2" typed after an apostrophe (openpyxl
    would otherwise write a text starting with "=" as a formula)."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for text in title_rows:
        worksheet.append([text])
    for row in rows:
        worksheet.append(row)
        if as_text:
            for cell in worksheet[worksheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx_bytes(
    rows: list[list[str]],
    *,
    heading: str = "Tədbirlər Planı",
    merge_first_column_rows: tuple[int, int] | None = None,
) -> bytes:
    document = Document()
    document.add_paragraph(heading)
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    if merge_first_column_rows:
        first, last = merge_first_column_rows
        table.cell(first, 4).merge(table.cell(last, 4))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
