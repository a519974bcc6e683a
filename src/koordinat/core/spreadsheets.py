"""Cells of CSV and XLSX exports that a spreadsheet never runs as a formula ("CSV injection").

Texts come from imported files and from forms, so any of them may start with "=", "+", "-", "@", a
tab or a carriage return, which Excel and LibreOffice read as the start of a formula. Every export
writes its cells through here: in CSV such a text gets a leading apostrophe (OWASP's advice), in
XLSX it is a string cell marked "quote prefix", never a formula. Numbers and dates stay numbers and
dates.
"""

import csv
from collections.abc import Iterable
from typing import IO, Any

from openpyxl.cell import WriteOnlyCell

from .text import xml_safe

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def starts_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_field(value: object) -> object:
    """A text starting like a formula gets a leading apostrophe, and so does a text that already
    starts with one, so that `csv_text` restores every text exactly; other values stay as they are."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + value
    return value


def csv_text(field: str) -> str:
    """The text that `csv_field` wrote out: the apostrophe it added taken off again."""
    if field.startswith(QUOTE) and field[1:2] and field[1:2] in (*FORMULA_STARTS, QUOTE):
        return field[1:]
    return field


class CsvWriter:
    """`csv.writer` whose every row goes through `csv_field`."""

    def __init__(self, stream: IO[str], **options: Any) -> None:
        self._writer = csv.writer(stream, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([csv_field(value) for value in row])


def xlsx_cell(sheet: Any, value: object, **style: Any) -> WriteOnlyCell:
    """A cell for a write-only sheet. Every text is a string cell (openpyxl would make a text starting
    with "=" a formula and "#N/A" an error); one starting like a formula is also marked "quote prefix",
    so it stays text when someone edits it in Excel. Characters XLSX cannot hold are left out."""
    if isinstance(value, str):
        value = xml_safe(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
        if starts_formula(value):
            cell.quotePrefix = True
    for name, setting in style.items():
        setattr(cell, name, setting)
    return cell


def xlsx_row(sheet: Any, values: Iterable[object], **style: Any) -> list[WriteOnlyCell]:
    return [xlsx_cell(sheet, value, **style) for value in values]
