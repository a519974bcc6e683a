"""Reading the tables of an uploaded plan safely: size, type, zip-bomb and corruption checks first."""

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES_DEFAULT = 20 * 2**20
MAX_UNPACKED_BYTES = 300 * 2**20
MAX_COMPRESSION_RATIO = 150


class UnreadableFile(Exception):
    """The file cannot be read as a plan table; the message says why, in the user's language."""


@dataclass(frozen=True)
class Table:
    """Rows of cell texts from one sheet or one document table; `where` names it for messages.
    A sheet's rows are read from the file as they are iterated, so a long plan is never all in memory."""

    where: str
    rows: Iterable[list[str]]
    first_row_number: int = 1


def max_upload_bytes() -> int:
    return int(getattr(settings, "KOORDINAT_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES_DEFAULT))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):  # most cells: checked first; split() also splits at no-break spaces
        return " ".join(value.split())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return str(value.strftime("%d.%m.%Y"))
    return " ".join(str(value).split())


def _check_archive(data: bytes, filename: str) -> zipfile.ZipFile:
    if not data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(
            _("%(file)s is not a DOCX or XLSX document. Save the plan as .docx or .xlsx and upload it again.")
            % {"file": filename}
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile(_("%(file)s is damaged and cannot be opened.") % {"file": filename}) from exc
    unpacked = sum(member.file_size for member in members)
    packed = max(1, sum(member.compress_size for member in members))
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        raise UnreadableFile(
            _("%(file)s unpacks to %(size)d MB, far more than a plan table needs; it was not opened.")
            % {"file": filename, "size": unpacked // 2**20}
        )
    return archive


def read_tables(stream: IO[bytes], filename: str) -> list[Table]:
    """Every table in the file with all its rows in memory (`open_tables` streams them)."""
    return [
        Table(table.where, list(table.rows), table.first_row_number)
        for table in open_tables(stream, filename)
    ]


def open_tables(stream: IO[bytes], filename: str) -> list[Table]:
    """Every table in the file, as text; a sheet's rows are read as they are iterated. Raises
    UnreadableFile with a message naming the file, when opening it or while reading a sheet."""
    limit = max_upload_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnreadableFile(
            _("%(file)s is larger than %(limit)d MB. Split the plan or remove images from it.")
            % {"file": filename, "limit": limit // 2**20}
        )
    if not data:
        raise UnreadableFile(_("%(file)s is empty.") % {"file": filename})
    archive = _check_archive(data, filename)
    names = set(archive.namelist())
    if "word/document.xml" in names:
        return list(_docx_tables(data, filename))
    if "xl/workbook.xml" in names:
        return list(_xlsx_tables(data, filename))
    raise UnreadableFile(
        _("%(file)s is not a DOCX or XLSX document. Save the plan as .docx or .xlsx and upload it again.")
        % {"file": filename}
    )


def _xlsx_tables(data: bytes, filename: str) -> Iterator[Table]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise UnreadableFile(_("%(file)s is damaged and cannot be opened.") % {"file": filename}) from exc
    for sheet in workbook.worksheets:
        yield Table(where=_("sheet “%(name)s”") % {"name": sheet.title}, rows=_SheetRows(sheet, filename))


@dataclass(frozen=True)
class _SheetRows:
    """A sheet's rows as texts, parsed from the file on each pass (see `xlsx.sheet_values`). The
    workbook reads from the bytes in memory, so leaving it open holds no file handle."""

    sheet: Any
    filename: str

    def __iter__(self) -> Iterator[list[str]]:
        from .xlsx import sheet_values  # openpyxl loads only when a workbook is read

        try:
            for row in sheet_values(self.sheet):
                yield [_cell_text(value) for value in row]
        except Exception as exc:  # a sheet damaged past its first bytes fails only when read
            raise UnreadableFile(
                _("%(file)s is damaged and cannot be opened.") % {"file": self.filename}
            ) from exc


def _docx_tables(data: bytes, filename: str) -> Iterator[Table]:
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged files
        raise UnreadableFile(_("%(file)s is damaged and cannot be opened.") % {"file": filename}) from exc
    for index, table in enumerate(document.tables, start=1):
        rows: list[list[str]] = []
        above: list[object] = []
        for row in table.rows:
            cells = list(row.cells)
            texts = []
            for column, cell in enumerate(cells):
                # A vertically merged cell repeats on every row it spans: keep its text once.
                repeated = column < len(above) and above[column] is cell._tc
                left_repeat = column > 0 and cells[column - 1]._tc is cell._tc
                texts.append("" if repeated or left_repeat else _cell_text(cell.text))
            above = [cell._tc for cell in cells]
            rows.append(texts)
        yield Table(where=_("table %(number)d") % {"number": index}, rows=rows)
