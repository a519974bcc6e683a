import io
import zipfile

import pytest
from django.utils import translation

from koordinat.plans.importing.readers import UnreadableFile, read_tables

from .files import AZ_HEADER, docx_bytes, xlsx_bytes


@pytest.fixture(autouse=True)
def _english_messages():
    """The messages are checked in English; their translations are checked by test_languages."""
    with translation.override("en"):
        yield


def test_xlsx_rows_come_back_as_text():
    data = xlsx_bytes([AZ_HEADER, [1, "Tədbir", "Energetika Nazirliyi", "2026-cı il", ""]])
    (table,) = read_tables(io.BytesIO(data), "plan.xlsx")
    assert table.rows[1][:4] == ["1", "Tədbir", "Energetika Nazirliyi", "2026-cı il"]
    assert "Plan" in table.where


def test_docx_tables_keep_a_vertically_merged_cell_once():
    rows = [
        AZ_HEADER,
        ["1", "Birinci", "Energetika Nazirliyi", "2026", "Nəticə"],
        ["2", "İkinci", "Energetika Nazirliyi", "2026", ""],
    ]
    (table,) = read_tables(io.BytesIO(docx_bytes(rows, merge_first_column_rows=(1, 2))), "plan.docx")
    assert table.rows[1][4] == "Nəticə"
    assert table.rows[2][4] == ""


def test_a_text_file_is_refused_with_its_name():
    with pytest.raises(UnreadableFile, match=r"notes\.txt is not a DOCX or XLSX"):
        read_tables(io.BytesIO(b"just some text"), "notes.txt")


def test_a_damaged_zip_is_refused():
    with pytest.raises(UnreadableFile, match="damaged"):
        read_tables(io.BytesIO(b"PK\x03\x04" + b"\x00" * 200), "broken.xlsx")


def test_a_zip_that_is_neither_docx_nor_xlsx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "salam")
    with pytest.raises(UnreadableFile, match="not a DOCX or XLSX"):
        read_tables(io.BytesIO(buffer.getvalue()), "archive.docx")


def test_a_zip_bomb_is_not_opened():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (50 * 2**20))
    with pytest.raises(UnreadableFile, match="unpacks to 50 MB"):
        read_tables(io.BytesIO(buffer.getvalue()), "bomb.docx")


def test_an_oversized_file_is_refused(settings):
    settings.KOORDINAT_MAX_UPLOAD_BYTES = 2**20
    with pytest.raises(UnreadableFile, match="larger than 1 MB"):
        read_tables(io.BytesIO(b"PK\x03\x04" + b"x" * (2**20 + 10)), "huge.xlsx")


def test_an_empty_file_is_refused():
    with pytest.raises(UnreadableFile, match="empty"):
        read_tables(io.BytesIO(b""), "empty.xlsx")
