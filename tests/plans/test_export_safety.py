"""No cell of a plan export starts a formula, whatever came in through an import or a form (issue #11, 5)."""

import csv
import datetime
import io
import zipfile
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from koordinat.directory import services as directory_services
from koordinat.plans import exporting, services
from koordinat.plans.importing.pipeline import preview_file
from koordinat.plans.models import Measure
from tests.conftest import texts

from .files import AZ_HEADER, docx_bytes, xlsx_bytes

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HYPERLINK = '=HYPERLINK("http://evil","x")'
DDE = "-cmd|' /C calc'!A0"


def hostile_rows(number_cell: object = "-5") -> list[list[object]]:
    """A plan whose measure texts, executor names, deadline wording and expected results all start
    like formulas; `number_cell` is a number typed into the expected result."""
    return [
        AZ_HEADER,
        ["1", HYPERLINK, "=1+2 Agentliyi", "=2026", "@SUM(A1)"],
        ["2", "+7 994 12 345 67", "@Nəzarət Agentliyi; Energetika Nazirliyi", "-2026-cı il", DDE],
        ["3", "=1+2", "Energetika Nazirliyi", "+2027", number_cell],
        ["4", "@SUM(A1)", "Energetika Nazirliyi", "2027-ci il", "'=sitat"],
    ]


@pytest.fixture
def hostile_organizations(coordinator, executors):
    """Organisations whose registered names start like formulas (a form or an import can name them so)."""
    return [
        directory_services.organization_create(actor=coordinator, kind="state_agency", name=texts(name))
        for name in ("=1+2 Agentliyi", "@Nəzarət Agentliyi")
    ]


def imported_plan(coordinator, center, code: str, data: bytes, filename: str):
    plan = services.plan_create(
        actor=coordinator,
        code=code,
        kind="action_plan",
        title={"az": "=Plan " + code},
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=center,
    )
    preview = preview_file(io.BytesIO(data), filename, plan=plan)
    assert preview.is_clean, preview.to_json()["problems"]
    services.plan_import_commit(actor=coordinator, plan=plan, preview=preview)
    # Texts from a form or a future API are not trimmed the way table cells are: a tab and a CR.
    measure = Measure.objects.get(plan=plan, number="4")
    Measure.objects.filter(pk=measure.pk).update(
        text_az="\t=1+2", text="\t=1+2", expected_result_az="\r=cmd", expected_result="\r=cmd"
    )
    return plan


def assert_no_formula_in_xlsx(data: bytes) -> list[list[object]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                root = ElementTree.fromstring(archive.read(name))
                assert root.findall(f".//{MAIN}f") == [], name
                for cell in root.iter(f"{MAIN}c"):
                    assert cell.get("t") in (None, "n", "s", "inlineStr"), ElementTree.tostring(cell)
    sheet = load_workbook(io.BytesIO(data)).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                assert cell.quotePrefix, cell.coordinate
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def assert_no_formula_in_csv(text: str, delimiter: str = ",") -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    for row in rows:
        for field in row:
            assert not field.startswith(FORMULA_STARTS), field
    return rows


@pytest.mark.parametrize("source", ["xlsx", "docx"])
def test_an_imported_plan_exports_without_a_single_formula(
    coordinator, center, executors, hostile_organizations, source
):
    if source == "xlsx":
        data = xlsx_bytes(hostile_rows(number_cell=-5), as_text=True)
    else:
        data = docx_bytes([[str(cell) for cell in row] for row in hostile_rows()])
    plan = imported_plan(coordinator, center, f"EVIL-{source.upper()}", data, f"plan.{source}")
    first = Measure.objects.get(plan=plan, number="1")
    assert (first.text_az, first.deadline_text, first.expected_result_az) == (HYPERLINK, "=2026", "@SUM(A1)")
    assert [e.organization.name for e in first.executors.all()] == ["=1+2 Agentliyi"]
    expected = [row.cells() for row in exporting.plan_rows(plan, "az")]
    assert expected[0] == ["1", HYPERLINK, "=1+2 Agentliyi", "=2026", "@SUM(A1)"]
    assert expected[1][1:] == [
        "+7 994 12 345 67",
        "@Nəzarət Agentliyi; Energetika Nazirliyi",
        "-2026-cı il",
        DDE,
    ]
    assert expected[2][4] == "-5"
    assert expected[3][1::3] == ["\t=1+2", "\r=cmd"]

    cells = assert_no_formula_in_xlsx(exporting.export_xlsx(plan, "az"))
    assert cells[0][0] == f"=Plan EVIL-{source.upper()}"
    assert cells[3:] == expected  # the visible value of each cell is the text as it came in

    rows = assert_no_formula_in_csv(exporting.export_csv(plan, "az"))
    assert rows[1][1:] == ["'" + HYPERLINK, "'=1+2 Agentliyi", "'=2026", "'@SUM(A1)"]
    assert rows[2][4] == "'" + DDE
    assert rows[3][4] == "'-5"
    assert rows[4][1] == "'\t=1+2"

    decidim = exporting.export_decidim_csv(plan)
    decidim_rows = assert_no_formula_in_csv(decidim, delimiter=";")
    assert decidim_rows[1][2] == "'" + HYPERLINK
    assert decidim_rows[1][5] == "<p>@SUM(A1)</p>"  # a description is HTML, which starts no formula
    # and back in through the Decidim import, every text is the original
    preview = preview_file(io.BytesIO(decidim.encode()), "results.csv")
    assert [row.text for row in preview.rows] == [HYPERLINK, "+7 994 12 345 67", "=1+2", "=1+2"]
    assert [row.expected_result for row in preview.rows] == ["@SUM(A1)", DDE, "-5", "=cmd"]


def test_an_apostrophe_of_the_text_itself_survives_the_csv_round_trip(coordinator, center, executors):
    plan = imported_plan(
        coordinator,
        center,
        "QUOTE",
        xlsx_bytes(
            [
                AZ_HEADER,
                ["1", "'=sitat", "Energetika Nazirliyi", "2026", "''"],
                ["2", "x", "", "", ""],
                ["3", "x", "", "", ""],
                ["4", "x", "", "", ""],
            ],
            as_text=True,
        ),
        "plan.xlsx",
    )
    decidim = exporting.export_decidim_csv(plan)
    preview = preview_file(io.BytesIO(decidim.encode()), "results.csv")
    assert (preview.rows[0].text, preview.rows[0].expected_result) == ("'=sitat", "''")
