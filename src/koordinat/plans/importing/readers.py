"""Reading the tables of an uploaded plan safely: size, type and what the file unpacks to first
(`core.archives`), then its rows and cells, bounded before and while they are read."""

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from koordinat.core.archives import ArchiveRefused, open_archive

MAX_UPLOAD_BYTES_DEFAULT = 20 * 2**20
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


class UnreadableFile(Exception):
    """The file cannot be read as a plan table; the message says why, in the user's language."""


@dataclass(frozen=True)
class Table:
    """Rows of cell texts from one sheet or one document table; `where` names it for messages.
    A sheet's rows are read from the file as they are iterated, so a long plan is never all in memory."""

    where: str
    rows: Iterable[list[str]]
    first_row_number: int = 1


@dataclass(frozen=True)
class TableLimits:
    """How many rows and cells a plan file may hold (settings `KOORDINAT_MAX_IMPORT_ROWS`, `..._CELLS`)."""

    rows: int
    cells: int

    @classmethod
    def from_settings(cls) -> "TableLimits":
        return cls(rows=settings.KOORDINAT_MAX_IMPORT_ROWS, cells=settings.KOORDINAT_MAX_IMPORT_CELLS)

    def check(self, filename: str, rows: int, cells: int) -> None:
        if rows > self.rows:
            raise UnreadableFile(
                _(
                    "%(file)s has more than %(limit)d rows, the most a plan file may have; split it into parts."
                )
                % {"file": filename, "limit": self.rows}
            )
        if cells > self.cells:
            raise UnreadableFile(
                _(
                    "%(file)s has more than %(limit)d cells, the most a plan file may have; "
                    "remove unused columns or split it into parts."
                )
                % {"file": filename, "limit": self.cells}
            )


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
    not_a_document = UnreadableFile(
        _("%(file)s is not a DOCX or XLSX document. Save the plan as .docx or .xlsx and upload it again.")
        % {"file": filename}
    )
    if not data.startswith(b"PK\x03\x04"):
        raise not_a_document
    try:
        archive = open_archive(data, filename)
    except ArchiveRefused as refused:
        raise UnreadableFile(str(refused)) from refused
    names = set(archive.namelist())
    limits = TableLimits.from_settings()
    if "word/document.xml" in names:
        _check_docx_size(archive, filename, limits)
        return list(_docx_tables(data, filename))
    if "xl/workbook.xml" in names:
        _check_shared_strings(archive, filename, limits)
        return list(_xlsx_tables(data, filename, limits))
    raise not_a_document


def _xlsx_tables(data: bytes, filename: str, limits: TableLimits) -> Iterator[Table]:
    """The sheets, once the sizes they state (their <dimension>, which the rows are padded to) are
    within the limits; a sheet that states none is held to them while it is read."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files
        raise UnreadableFile(_("%(file)s is damaged and cannot be opened.") % {"file": filename}) from exc
    rows = cells = 0
    for sheet in workbook.worksheets:
        if sheet.max_row is not None:
            rows += sheet.max_row
            cells += sheet.max_row * (sheet.max_column or 1)
    limits.check(filename, rows, cells)
    for sheet in workbook.worksheets:
        yield Table(
            where=_("sheet “%(name)s”") % {"name": sheet.title}, rows=_SheetRows(sheet, filename, limits)
        )


@dataclass(frozen=True)
class _SheetRows:
    """A sheet's rows as texts, parsed from the file on each pass (see `xlsx.sheet_values`), counted
    against the limits as they come (rows missing from the file come as empty rows, and count). The
    workbook reads from the bytes in memory, so leaving it open holds no file handle."""

    sheet: Any
    filename: str
    limits: TableLimits

    def __iter__(self) -> Iterator[list[str]]:
        from .xlsx import sheet_values  # openpyxl loads only when a workbook is read

        rows = cells = 0
        try:
            for row in sheet_values(self.sheet):
                rows, cells = rows + 1, cells + len(row)
                self.limits.check(self.filename, rows, cells)
                yield [_cell_text(value) for value in row]
        except UnreadableFile:
            raise
        except Exception as exc:  # a sheet damaged past its first bytes fails only when read
            raise UnreadableFile(
                _("%(file)s is damaged and cannot be opened.") % {"file": self.filename}
            ) from exc


def _elements(archive: Any, part: str, filename: str) -> Iterator[Any]:
    """Each element of an XML part as it ends, dropped once looked at: memory stays flat."""
    from lxml import etree

    try:
        with archive.open(part) as source:
            for _event, element in etree.iterparse(
                source, events=("end",), resolve_entities=False, no_network=True
            ):
                yield element
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
    except etree.LxmlError as exc:
        raise UnreadableFile(_("%(file)s is damaged and cannot be opened.") % {"file": filename}) from exc


def _check_shared_strings(archive: Any, filename: str, limits: TableLimits) -> None:
    """openpyxl reads every shared string of a workbook into memory as it opens it, and a file needs
    no more distinct strings than it has cells: count them first, in the part openpyxl would read."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS
    from openpyxl.xml.functions import fromstring

    try:
        found = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES))).find(SHARED_STRINGS)
    except Exception:  # a damaged manifest: openpyxl reports it when it opens the file
        return
    if found is None:
        return
    strings = 0
    for element in _elements(archive, found.PartName[1:], filename):
        if element.tag == f"{SHEET}si":
            strings += 1
            limits.check(filename, 0, strings)


def _check_docx_size(archive: Any, filename: str, limits: TableLimits) -> None:
    """Count the table rows and cells (a cell spanning columns counts once per column, as python-docx
    repeats it) in one streaming pass, before python-docx builds the whole document in memory."""
    rows = cells = 0
    for element in _elements(archive, "word/document.xml", filename):
        if element.tag == f"{WORD}tr":
            rows += 1
        elif element.tag == f"{WORD}tc":
            cells += 1
        elif element.tag == f"{WORD}gridSpan":
            try:
                cells += max(0, int(element.get(f"{WORD}val") or 1) - 1)
            except ValueError as exc:
                raise UnreadableFile(
                    _("%(file)s is damaged and cannot be opened.") % {"file": filename}
                ) from exc
        limits.check(filename, rows, cells)


def _docx_tables(data: bytes, filename: str) -> Iterator[Table]:
    from docx import Document
    from docx.table import _Cell

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for damaged files
        raise UnreadableFile(_("%(file)s is damaged and cannot be opened.") % {"file": filename}) from exc
    for index, table in enumerate(document.tables, start=1):
        rows: list[list[str]] = []
        for row in table.rows:
            # A merged cell keeps its text once: in its first column and its first row. (python-docx's
            # `row.cells` finds a vertically merged cell's text by walking up row by row, recursively:
            # a cell merged down a long table would take minutes and end in a RecursionError.)
            texts: list[str] = []
            for tc in row._tr.tc_lst:
                first = "" if tc.vMerge == "continue" else _cell_text(_Cell(tc, table).text)
                texts.extend([first] + [""] * (tc.grid_span - 1))
            rows.append(texts)
        yield Table(where=_("table %(number)d") % {"number": index}, rows=rows)
