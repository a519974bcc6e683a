import csv
import datetime
import io
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from koordinat.core.spreadsheets import FORMULA_STARTS, CsvWriter, csv_field, csv_text, xlsx_row


@given(st.text())
def test_no_csv_field_starts_a_formula_and_every_text_comes_back(text):
    field = csv_field(text)
    assert not field.startswith(FORMULA_STARTS)
    assert csv_text(field) == text


def test_csv_keeps_numbers_and_dates_and_leaves_foreign_apostrophes_alone():
    buffer = io.StringIO()
    CsvWriter(buffer).writerow([-5, Decimal("-2.5"), 3.0, datetime.date(2026, 1, 2), None, "-5", "@x"])
    assert next(csv.reader(io.StringIO(buffer.getvalue()))) == [
        "-5",
        "-2.5",
        "3.0",
        "2026-01-02",
        "",
        "'-5",
        "'@x",
    ]
    assert csv_text("'rock'n'roll") == "'rock'n'roll"  # not written by csv_field: left as it is


def test_xlsx_texts_are_text_and_numbers_and_dates_stay_what_they_are():
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("S")
    values = [
        "=1+2",
        "+7",
        "-x",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "#N/A",
        "a\x01b",
        -5,
        2.5,
        datetime.date(2026, 3, 1),
    ]
    sheet.append(xlsx_row(sheet, values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    (cells,) = load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows()
    assert [cell.data_type for cell in cells] == ["s"] * 8 + ["n", "n", "d"]
    assert [cell.value for cell in cells[:8]] == ["=1+2", "+7", "-x", "@SUM(A1)", "\tx", "\rx", "#N/A", "ab"]
    assert [cell.quotePrefix for cell in cells[:8]] == [True] * 6 + [False, False]
    assert cells[8].value == -5
    assert cells[10].value.date() == datetime.date(2026, 3, 1)
