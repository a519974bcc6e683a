"""A dataset's rows written as CSV, XLSX or JSON, row by row: a file of every measure of the country
is streamed without holding it in memory (XLSX is written to a temporary file, as its zip needs).

CSV is RFC 4180 (comma, double quotes, CRLF line ends) in UTF-8 without a byte order mark: the files
are for programs, and Frictionless, pandas and R read them as they are; Excel users take the XLSX
file. Every text cell goes through core.spreadsheets, as every export of Koordinat: a text that a
spreadsheet would run as a formula gets a leading apostrophe (JSON carries every text exactly).
"""

import datetime
import io
import json
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from koordinat.core.spreadsheets import CsvWriter, xlsx_row

from .registry import Dataset, Row, cell

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
BATCH = 200  # rows joined into one piece of the stream


def csv_stream(dataset: Dataset, rows: Iterable[Row]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = CsvWriter(buffer, lineterminator="\r\n")
    writer.writerow(dataset.field_names)
    for count, row in enumerate(rows, start=1):
        writer.writerow([cell(value) for value in row])
        if count % BATCH == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def json_stream(dataset: Dataset, rows: Iterable[Row], metadata: dict[str, Any]) -> Iterator[bytes]:
    """{...metadata, "data": [ {field: value, ...}, ... ]}: the metadata first, then row by row."""
    head = json.dumps({**metadata, "data": []}, ensure_ascii=False, indent=None)
    yield head[: -len("[]}")].encode() + b"["
    names = dataset.field_names
    pieces: list[str] = []
    for count, row in enumerate(rows):
        record = {
            name: cell(value) if value is not None else None for name, value in zip(names, row, strict=True)
        }
        pieces.append(("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False))
        if len(pieces) == BATCH:
            yield "".join(pieces).encode()
            pieces = []
    yield ("".join(pieces) + "\n]}\n").encode()


def xlsx_file(dataset: Dataset, rows: Iterable[Row], *, title: str, as_of: datetime.datetime) -> IO[bytes]:
    """A workbook with the data on its first sheet (a header row of the field names) and, on a second,
    what each field means in the page's language, the licence and the "as of" time."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(dataset.name[:31])
    bold = Font(bold=True)
    sheet.append(xlsx_row(sheet, dataset.field_names, font=bold))
    for row in rows:
        sheet.append(xlsx_row(sheet, [_xlsx_value(value) for value in row]))
    about = workbook.create_sheet(_("About")[:31])
    about.append(xlsx_row(about, [title], font=bold))
    about.append(xlsx_row(about, [_("As of"), cell(as_of)]))
    about.append(xlsx_row(about, [_("Licence"), "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"]))
    about.append([])
    about.append(xlsx_row(about, [_("Field"), _("Type"), _("Description")], font=bold))
    for each in dataset.fields:
        about.append(xlsx_row(about, [each.name, each.type, each.full_description]))
    output = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it once sent
    workbook.save(output)
    output.seek(0)
    return output


def _xlsx_value(value: Any) -> Any:
    """Dates stay dates (a spreadsheet sorts them); a moment is written in UTC without its zone, which
    XLSX cannot hold."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0)
    return "" if value is None else value
