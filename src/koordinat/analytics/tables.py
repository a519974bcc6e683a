"""The data tables of the analytics pages: drawn beside their charts, downloaded as CSV or XLSX.

A table is a caption, column headers and rows of cells; a cell holds its value (a count, a share or
a text) and the register link behind it. The page draws the table (a chart, if any, is drawn from
the table's own cells by charts.js); the download writes the same values through core.spreadsheets.
"""

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse
from django.utils import formats
from openpyxl import Workbook
from openpyxl.styles import Font

from koordinat.core.spreadsheets import CsvWriter, xlsx_row

FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Cell:
    value: Any  # int, float (a share from 0 to 1), str, or None for "nothing to count"
    url: str = ""
    is_rate: bool = False

    @property
    def text(self) -> str:
        if self.value is None:
            return "—"
        if self.is_rate:
            return f"{formats.number_format(round(self.value * 100), 0)} %"
        return str(self.value)

    @property
    def numeric(self) -> bool:
        return self.value is None or isinstance(self.value, int | float)

    @property
    def chart_value(self) -> Any:
        """What a chart plots: a share as a percentage, nothing for no value."""
        if self.value is None:
            return ""
        return round(self.value * 100, 1) if self.is_rate else self.value

    @property
    def export_value(self) -> Any:
        if self.value is None:
            return None
        return round(self.value * 100, 1) if self.is_rate else self.value


@dataclass(frozen=True)
class Row:
    header: str
    cells: Sequence[Cell]
    url: str = ""  # where the row's header links (a plan's dashboard)


@dataclass(frozen=True)
class DataTable:
    key: str  # names the table in its download's address: ?table=<key>&format=csv
    caption: str
    headers: Sequence[str]  # the first names the rows
    rows: Sequence[Row]
    chart: str = ""  # "bar" or "line": charts.js draws the table
    series: Sequence[int] = field(
        default_factory=tuple
    )  # the columns charted (1 is the first after the header)
    stacked: bool = False

    @property
    def series_attribute(self) -> str:
        return ",".join(str(column) for column in self.series)

    def values(self) -> list[list[Any]]:
        return [[row.header, *(cell.export_value for cell in row.cells)] for row in self.rows]


def rate(part: int, whole: int) -> Cell:
    return Cell(part / whole if whole else None, is_rate=True)


def download(table: DataTable, kind: str, *, filename: str) -> HttpResponse:
    """The table as CSV (UTF-8 with a BOM, for Excel) or XLSX (a share as a percentage number)."""
    writers: dict[str, Callable[[DataTable], tuple[bytes, str]]] = {"csv": _csv, "xlsx": _xlsx}
    content, content_type = writers[kind](table)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{kind}"'
    return response


def _csv(table: DataTable) -> tuple[bytes, str]:
    buffer = io.StringIO()
    writer = CsvWriter(buffer, lineterminator="\n")
    writer.writerow([str(header) for header in table.headers])
    for values in table.values():
        writer.writerow(["" if value is None else value for value in values])
    return ("\ufeff" + buffer.getvalue()).encode(), "text/csv; charset=utf-8"


def _xlsx(table: DataTable) -> tuple[bytes, str]:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.key[:31])
    sheet.append(xlsx_row(sheet, [table.caption]))
    sheet.append(xlsx_row(sheet, [str(header) for header in table.headers], font=Font(bold=True)))
    for values in table.values():
        sheet.append(xlsx_row(sheet, values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
