import datetime
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from koordinat.plans.importing.readers import UnreadableFile, open_tables, read_tables
from koordinat.plans.importing.xlsx import sheet_values

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


def test_xlsx_cells_of_every_kind_become_text():
    data = xlsx_bytes(
        [
            ["5.6", 5.0, 2.5, datetime.datetime(2026, 3, 1), True, None, "  two\xa0 words "],
            [CellRichText("Rich ", TextBlock(InlineFont(b=True), "text")), "=1+1"],
        ]
    )
    (table,) = read_tables(io.BytesIO(data), "plan.xlsx")
    assert table.rows == [
        ["5.6", "5", "2.5", "01.03.2026", "True", "", "two words"],
        ["Rich text", "", "", "", "", "", ""],  # a formula openpyxl wrote has no cached result
    ]


def workbook_by_hand(sheets: list[str], *, date1904: bool = False) -> bytes:
    """An XLSX package written as Excel and other tools write it, with what openpyxl never writes:
    rich and phonetic shared strings, inline rich text, cached formula results, rows and cells
    without their references, gaps, and sheets with and without stated dimensions."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            + "".join(
                f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{sheet_type}"/>'
                for n in range(1, len(sheets) + 1)
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rel}">'
            + ('<workbookPr date1904="1"/>' if date1904 else "")
            + "<sheets>"
            + "".join(f'<sheet name="S{n}" sheetId="{n}" r:id="rId{n}"/>' for n in range(1, len(sheets) + 1))
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{n}" Type="{rel}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, len(sheets) + 1)
            )
            + f'<Relationship Id="rId90" Type="{rel}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId91" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        # Styles: 0 general, 1 a built-in date, 2 a custom date, 3 a time (a duration), 4 a percentage.
        "xl/styles.xml": (
            f'<styleSheet xmlns="{main}"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/>'
            '<numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts>'
            '<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/>'
            '<xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/>'
            '<xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="10" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
        ),
        "xl/sharedStrings.xml": (
            f'<sst xmlns="{main}"><si><t>İcra müddəti</t></si>'
            '<si><r><t>Rich </t></r><r><rPr><b/></rPr><t xml:space="preserve">shared  </t></r></si>'
            '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si><t/></si></sst>'
        ),
    }
    for n, body in enumerate(sheets, start=1):
        files[f"xl/worksheets/sheet{n}.xml"] = f'<worksheet xmlns="{main}">{body}</worksheet>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


EVERY_KIND_OF_CELL = (
    '<row r="2" spans="1:9">'
    '<c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c>'
    '<c r="E2" t="inlineStr"><is><t>inline</t></is></c>'
    '<c r="F2" t="inlineStr"><is><r><t>in</t></r><r><rPr><i/></rPr><t>line</t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>'
    '<c r="G2" t="inlineStr"><is><t>plain </t><r><t>and run</t></r></is></c>'
    '<c r="H2" t="inlineStr"/><c r="I2" t="inlineStr"><is/></c></row>'
    '<row r="3"><c r="A3"><v>42</v></c><c r="B3"><v>2.5</v></c><c r="C3"><v>1.5E+3</v></c>'
    '<c r="D3" s="1"><v>46082</v></c><c r="E3" s="2"><v>46082.5</v></c><c r="F3" s="3"><v>1.25</v></c>'
    '<c r="G3" s="4"><v>0.25</v></c><c r="H3" s=""><v>7</v></c><c r="I3" s="0"><v>8</v></c></row>'
    '<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v>0</v></c><c r="C4" t="e"><v>#N/A</v></c>'
    '<c r="D4" t="str"><f>A1&amp;"x"</f><v>text result</v></c><c r="E4"><f>1+1</f><v>2</v></c>'
    '<c r="F4" t="d"><v>2026-03-01T10:30:00</v></c><c r="G4"><v></v></c><c r="H4"/><c r="I4" t="s"/></row>'
    '<row r="7"><c r="C7" t="inlineStr"><is><t>after a gap</t></is></c><c r="A7"><v>1</v></c></row>'
    '<row><c><v>5</v></c><c t="inlineStr"><is><t>no references</t></is></c><c r="E8"><v>6</v></c><c><v>7</v></c></row>'
    '<row r="9"><c r="Z9"><v>9</v></c></row>'
)


@pytest.mark.parametrize("date1904", [False, True], ids=["1900", "1904"])
@pytest.mark.parametrize(
    "sheet",
    [
        f'<dimension ref="A1:I8"/><sheetData>{EVERY_KIND_OF_CELL}</sheetData>',
        f"<sheetData>{EVERY_KIND_OF_CELL}</sheetData>",
        f'<dimension ref="A1:D5"/><sheetData>{EVERY_KIND_OF_CELL}</sheetData>',
        '<dimension ref="A1:C6"/><sheetData><row r="2"><c r="A2"><v>1</v></c></row></sheetData>',
        '<dimension ref="A1"/><sheetData/>',
        "<sheetData/>",
    ],
    ids=["dimension", "no-dimension", "dimension-cuts", "rows-after-the-last", "empty", "empty-no-dimension"],
)
def test_sheet_values_are_those_openpyxl_reads(sheet, date1904):
    """The fast cell reader against openpyxl's own read-only rows, on cells of every kind."""
    workbook = load_workbook(
        io.BytesIO(workbook_by_hand([sheet], date1904=date1904)), read_only=True, data_only=True
    )
    (worksheet,) = workbook.worksheets
    expected = [list(row) for row in worksheet.iter_rows(values_only=True)]
    assert [list(row) for row in sheet_values(worksheet)] == expected


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


def test_an_oversized_file_is_refused(settings):
    settings.KOORDINAT_MAX_UPLOAD_BYTES = 2**20
    with pytest.raises(UnreadableFile, match="larger than 1 MB"):
        read_tables(io.BytesIO(b"PK\x03\x04" + b"x" * (2**20 + 10)), "huge.xlsx")


def test_an_empty_file_is_refused():
    with pytest.raises(UnreadableFile, match="empty"):
        read_tables(io.BytesIO(b""), "empty.xlsx")


def test_a_sheet_is_read_as_its_rows_are_asked_for():
    """A sheet damaged after its first rows opens, and fails only where its rows are read."""
    data = workbook_by_hand(
        [
            '<dimension ref="A1:A3"/><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>x'
        ]
    )
    (table,) = open_tables(io.BytesIO(data), "plan.xlsx")
    rows = iter(table.rows)
    assert next(rows) == ["1"]
    with pytest.raises(UnreadableFile, match=r"plan\.xlsx is damaged"):
        next(rows)
