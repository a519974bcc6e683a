"""Plan files are bounded by what they unpack to, refused before they are parsed (issue #11, 6)."""

import csv
import io
import struct
import zipfile
import zlib

import pytest
from django.utils import translation

from koordinat.plans.importing.pipeline import preview_file
from koordinat.plans.importing.readers import UnreadableFile, open_tables, read_tables

from .files import AZ_HEADER, docx_bytes, xlsx_bytes
from .test_readers import workbook_by_hand

MB = 2**20
WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


class Parsed(BaseException):
    """Raised past the readers' `except Exception`, which would report it as a damaged file."""


@pytest.fixture
def no_parsing(monkeypatch):
    """Fails the test if openpyxl or python-docx is asked to parse the file."""

    def refuse(*args, **kwargs):
        raise Parsed("the file was handed to a parser")

    monkeypatch.setattr("docx.Document", refuse)
    monkeypatch.setattr("openpyxl.load_workbook", refuse)


def zip_bomb(size: int = 200 * MB, name: str = "word/document.xml") -> bytes:
    """One part of `size` bytes of zeros, packed to a few hundred kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(name, "w") as member:
            zeros = bytes(MB)
            for _ in range(size // MB):
                member.write(zeros)
    return buffer.getvalue()


def lying_zip(actual: int = 50 * MB, stated: int = 1000) -> bytes:
    """A workbook whose sheet states (in both headers, checksum included) that it unpacks to
    `stated` bytes, while its packed data unpacks to `actual` bytes."""
    name = "xl/worksheets/sheet1.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr(name, bytes(actual))
    data = bytearray(buffer.getvalue())
    crc = zlib.crc32(bytes(stated))
    local = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name).header_offset
    struct.pack_into("<L", data, local + 14, crc)
    struct.pack_into("<L", data, local + 22, stated)
    central = data.find(name.encode(), data.find(b"PK\x01\x02")) - 46
    struct.pack_into("<L", data, central + 16, crc)
    struct.pack_into("<L", data, central + 24, stated)
    return bytes(data)


def docx_with_body(body: str) -> bytes:
    """A real DOCX whose document body is replaced by `body` (WordprocessingML)."""
    original = zipfile.ZipFile(io.BytesIO(docx_bytes([AZ_HEADER])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in original.infolist():
            if item.filename == "word/document.xml":
                archive.writestr(item, f'<w:document xmlns:w="{WORD}"><w:body>{body}</w:body></w:document>')
            else:
                archive.writestr(item, original.read(item))
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_by_what_it_unpacks_to_before_parsing(no_parsing):
    data = zip_bomb()
    assert len(data) < MB
    with pytest.raises(UnreadableFile) as refused:
        open_tables(io.BytesIO(data), "bomb.docx")
    assert str(refused.value) == (
        "bomb.docx unpacks to 200 MB, more than the 100 MB allowed; it was not opened."
    )


def test_a_zip_bomb_is_refused_by_its_compression_ratio(settings, no_parsing):
    settings.KOORDINAT_MAX_UNPACKED_BYTES = 300 * MB
    with pytest.raises(UnreadableFile) as refused:
        open_tables(io.BytesIO(zip_bomb()), "bomb.docx")
    assert str(refused.value) == (
        "bomb.docx holds a part that unpacks to 1028 times its packed size, more than the 200 times "
        "allowed; it was not opened."
    )
    settings.KOORDINAT_MAX_COMPRESSION_RATIO = 2000
    settings.KOORDINAT_MAX_UNPACKED_BYTES = 10 * MB
    with pytest.raises(UnreadableFile, match="unpacks to 11 MB, more than the 10 MB allowed"):
        open_tables(io.BytesIO(zip_bomb(11 * MB)), "bomb.docx")


def test_a_part_that_unpacks_to_more_than_it_states_is_refused(no_parsing):
    """zipfile would unpack the whole part in one piece before cutting it to its stated size."""
    with pytest.raises(UnreadableFile, match=r"^lying\.xlsx is damaged and cannot be opened\.$"):
        open_tables(io.BytesIO(lying_zip()), "lying.xlsx")


def test_too_many_parts_are_refused_before_zipfile_reads_them(settings, no_parsing, monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(1001):
            archive.writestr(f"xl/media/image{number}.png", b"")
    monkeypatch.setattr(zipfile, "ZipFile", None)  # would fail if it were called
    with pytest.raises(UnreadableFile, match=r"many\.xlsx holds more than 1000 packed parts"):
        open_tables(io.BytesIO(buffer.getvalue()), "many.xlsx")


def test_the_number_of_parts_is_a_setting(settings):
    data = xlsx_bytes([AZ_HEADER, ["1", "Tədbir", "", "", ""]])
    assert open_tables(io.BytesIO(data), "plan.xlsx")
    settings.KOORDINAT_MAX_ARCHIVE_MEMBERS = 5
    with pytest.raises(UnreadableFile, match="holds more than 5 packed parts"):
        open_tables(io.BytesIO(data), "plan.xlsx")


def test_a_sheet_stating_ten_million_rows_is_refused_before_its_rows_are_read(monkeypatch):
    data = workbook_by_hand(
        ['<dimension ref="A1:E10000000"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>']
    )
    monkeypatch.setattr("koordinat.plans.importing.xlsx.sheet_values", None)
    with pytest.raises(UnreadableFile) as refused:
        open_tables(io.BytesIO(data), "long.xlsx")
    assert str(refused.value) == (
        "long.xlsx has more than 100000 rows, the most a plan file may have; split it into parts."
    )


def test_a_sheet_stating_too_many_cells_is_refused(settings):
    data = workbook_by_hand(['<dimension ref="A1:XFD200"/><sheetData></sheetData>'])
    with pytest.raises(UnreadableFile, match=r"wide\.xlsx has more than 2000000 cells"):
        open_tables(io.BytesIO(data), "wide.xlsx")
    settings.KOORDINAT_MAX_IMPORT_CELLS = 10_000_000
    assert open_tables(io.BytesIO(data), "wide.xlsx")


def test_a_sheet_stating_no_size_is_counted_while_it_is_read(settings):
    """Without a <dimension>, a row numbered 1,000,000 would make the reader yield a million rows."""
    data = workbook_by_hand(
        [
            '<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="A1000000"><v>2</v></c></row>'
            "</sheetData>"
        ]
    )
    (table,) = open_tables(io.BytesIO(data), "gaps.xlsx")
    with pytest.raises(UnreadableFile, match=r"gaps\.xlsx has more than 100000 rows"):
        for _row in table.rows:
            pass
    settings.KOORDINAT_MAX_IMPORT_CELLS = 30
    rows = "".join(
        f'<row r="{n}">' + "".join(f'<c r="{c}{n}"><v>{n}</v></c>' for c in "ABCDE") + "</row>"
        for n in range(1, 8)
    )
    (table,) = open_tables(io.BytesIO(workbook_by_hand([f"<sheetData>{rows}</sheetData>"])), "cells.xlsx")
    with pytest.raises(UnreadableFile, match=r"cells\.xlsx has more than 30 cells"):
        list(table.rows)


def test_the_row_limit_is_a_setting_and_is_reported_in_the_preview(settings, executors):
    rows = [AZ_HEADER] + [[str(n), f"Tədbir {n}", "Energetika Nazirliyi", "2026", ""] for n in range(1, 31)]
    data = xlsx_bytes(rows)
    assert preview_file(io.BytesIO(data), "plan.xlsx").is_clean
    settings.KOORDINAT_MAX_IMPORT_ROWS = 20
    preview = preview_file(io.BytesIO(data), "plan.xlsx")
    assert [(problem.code, problem.message) for problem in preview.problems] == [
        (
            "unreadable_file",
            "plan.xlsx has more than 20 rows, the most a plan file may have; split it into parts.",
        )
    ]
    assert not preview.rows


def test_a_docx_with_a_huge_table_is_refused_before_python_docx_reads_it(no_parsing):
    rows = "".join(f"<w:tr><w:tc><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc></w:tr>" for n in range(100_001))
    data = docx_with_body(f"<w:tbl>{rows}</w:tbl>")
    with pytest.raises(UnreadableFile, match=r"^huge\.docx has more than 100000 rows"):
        open_tables(io.BytesIO(data), "huge.docx")


def test_a_docx_cell_spanning_millions_of_columns_is_refused(settings, no_parsing):
    span = '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3000000"/></w:tcPr><w:p/></w:tc></w:tr>'
    with pytest.raises(UnreadableFile, match=r"^span\.docx has more than 2000000 cells"):
        open_tables(io.BytesIO(docx_with_body(f"<w:tbl>{span}</w:tbl>")), "span.docx")


def test_the_docx_limits_are_settings(settings):
    data = docx_bytes([AZ_HEADER] + [[str(n), "Tədbir", "", "", ""] for n in range(1, 12)])
    assert len(read_tables(io.BytesIO(data), "plan.docx")[0].rows) == 12
    settings.KOORDINAT_MAX_IMPORT_ROWS = 10
    with pytest.raises(UnreadableFile, match="more than 10 rows"):
        read_tables(io.BytesIO(data), "plan.docx")
    settings.KOORDINAT_MAX_IMPORT_ROWS = 100
    settings.KOORDINAT_MAX_IMPORT_CELLS = 50
    with pytest.raises(UnreadableFile, match="more than 50 cells"):
        read_tables(io.BytesIO(data), "plan.docx")


def test_a_cell_merged_down_a_long_docx_table_is_read_once_and_quickly():
    """python-docx finds a vertically merged cell's text recursively, row by row: a column merged down
    1,500 rows took minutes and ended in a RecursionError."""
    rows = "".join(
        f"<w:tr><w:tc><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:tc><w:tc><w:tcPr>"
        + ('<w:vMerge w:val="restart"/>' if n == 1 else "<w:vMerge/>")
        + "</w:tcPr><w:p><w:r><w:t>merged</w:t></w:r></w:p></w:tc></w:tr>"
        for n in range(1, 1501)
    )
    (table,) = read_tables(io.BytesIO(docx_with_body(f"<w:tbl>{rows}</w:tbl>")), "merged.docx")
    assert table.rows[0] == ["1", "merged"]
    assert table.rows[1499] == ["1500", ""]


def decidim_csv(rows: int = 3, columns: int = 0, line: str = "") -> bytes:
    header = ["id", "parent/id", "title/az"] + [f"x{n}" for n in range(columns)]
    lines = [",".join(header)] + [f"{n},,Nəticə {n}" for n in range(1, rows + 1)]
    if line:
        lines.append(line)
    return "\n".join(lines).encode()


def problem_of(data: bytes) -> str:
    preview = preview_file(io.BytesIO(data), "results.csv")
    (problem,) = preview.problems
    assert not preview.rows
    return problem.message


def test_a_decidim_csv_with_a_gigantic_line_is_refused(db):
    assert problem_of(decidim_csv(line="9,," + "x" * (5 * MB))) == (
        "results.csv has a line longer than 1048576 characters; it was not read."
    )


def test_a_decidim_csv_with_too_many_rows_or_columns_is_refused(settings, db):
    assert preview_file(io.BytesIO(decidim_csv(rows=30)), "results.csv").is_clean
    settings.KOORDINAT_MAX_IMPORT_ROWS = 20
    assert problem_of(decidim_csv(rows=30)).startswith("results.csv has more than 20 rows")
    settings.KOORDINAT_MAX_IMPORT_CELLS = 5000
    assert problem_of(decidim_csv(rows=2, columns=6000)).startswith("results.csv has more than 5000 cells")


def test_a_decidim_csv_with_a_field_past_the_csv_modules_limit_says_so(db):
    assert problem_of(decidim_csv(line='9,,"' + "x" * 200_000 + '"')) == (
        "results.csv is not a well-formed CSV file."
    )


def test_a_workbook_with_more_shared_strings_than_cells_allowed_is_refused_before_opening(
    settings, no_parsing
):
    """openpyxl keeps every shared string of a workbook in memory from the moment it opens it."""
    data = workbook_by_hand(
        ['<dimension ref="A1"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>']
    )
    settings.KOORDINAT_MAX_IMPORT_CELLS = 3  # the workbook has four shared strings
    with pytest.raises(UnreadableFile, match=r"^strings\.xlsx has more than 3 cells"):
        open_tables(io.BytesIO(data), "strings.xlsx")


def test_a_decidim_csv_field_past_the_limit_says_so_whatever_another_library_set(db):
    """The csv module's limit is process-wide and frictionless raises it on import: the reader keeps
    its own."""
    previous = csv.field_size_limit(2**30)
    try:
        assert problem_of(decidim_csv(line='9,,"' + "x" * 200_000 + '"')) == (
            "results.csv is not a well-formed CSV file."
        )
    finally:
        csv.field_size_limit(previous)
