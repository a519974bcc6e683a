import io

from django.utils import translation

from koordinat.plans.importing.matching import OrganizationIndex
from koordinat.plans.importing.preview import build_preview
from koordinat.plans.importing.readers import read_tables

from .files import AZ_HEADER, EN_HEADER, RU_HEADER, docx_bytes, xlsx_bytes


def preview_of(data: bytes, name: str = "plan.xlsx", **kwargs):
    with translation.override("en"):
        return build_preview(
            read_tables(io.BytesIO(data), name), filename=name, index=OrganizationIndex.build(), **kwargs
        )


def test_a_clean_azerbaijani_table(executors):
    rows = [
        AZ_HEADER,
        ["1", "2", "3", "4", "5"],  # the column numbering row under the header
        ["1", "Ekoloji monitorinq", "", "", ""],
        [
            "1.1",
            "Monitorinq şəbəkəsinin yaradılması",
            "ETSN; Energetika Nazirliyi",
            "2026-cı ilin II rübü",
            "Şəbəkə",
        ],
        ["1.2", "Meşə bərpası", "Ağdam Rayon İcra Hakimiyyəti", "mütəmadi", ""],
    ]
    preview = preview_of(xlsx_bytes(rows, title_rows=["Tədbirlər Planı", ""]))
    assert preview.is_clean, preview.to_json()["problems"]
    assert [row.number for row in preview.rows] == ["1", "1.1", "1.2"]
    second = preview.rows[1]
    assert [e.organization_id for e in second.executors] == [executors["eco"].pk, executors["energy"].pk]
    assert second.deadline.kind == "quarter"
    assert str(second.deadline.end) == "2026-06-30"
    assert preview.rows[0].row == 5  # rows are numbered as in the file


def test_russian_and_english_headers_are_recognised(executors):
    for header in (RU_HEADER, EN_HEADER):
        preview = preview_of(
            docx_bytes([header, ["1", "Мероприятие", "Министерство энергетики", "IV квартал 2026 г.", ""]]),
            "plan.docx",
        )
        assert preview.mapping == {
            "number": 0,
            "text": 1,
            "executors": 2,
            "deadline": 3,
            "expected_result": 4,
        }
        assert preview.is_clean


def test_every_problem_is_named_by_row_and_column(executors):
    rows = [
        AZ_HEADER,
        ["1", "Birinci", "Energetika Nazirliyi", "2026", ""],
        ["1", "Təkrar nömrə", "Energetika Nazirliyi", "2026", ""],
        ["3.1", "Bölməsiz bənd", "Energetika Nazirliyi", "2026", ""],
        ["4", "Naməlum icraçı", "Kosmik Agentlik", "2026", ""],
        ["5", "Oxunmayan müddət", "Energetika Nazirliyi", "tezliklə", ""],
        ["x", "Nömrəsiz", "Energetika Nazirliyi", "2026", ""],
    ]
    preview = preview_of(xlsx_bytes(rows))
    problems = {(p.row, p.column, p.severity, p.code) for p in preview.all_problems}
    assert (3, "number", "error", "") in problems
    assert (4, "number", "warning", "supplied_section") in problems  # section 3 is added, not refused
    assert (5, "executors", "error", "unknown_executor") in problems
    assert (6, "execution period", "warning", "unreadable_deadline") in problems
    assert (7, "number", "error", "") in problems
    assert preview.unmatched == ["Kosmik Agentlik"]
    assert not preview.is_clean


def test_a_table_without_known_headers_is_refused_with_the_expected_columns(db):
    preview = preview_of(xlsx_bytes([["A", "B", "C"], ["1", "2", "3"]]))
    (problem,) = preview.problems
    assert "has recognisable column headers" in problem.message
    assert not preview.is_clean


def test_columns_given_by_hand_override_the_headers(executors):
    rows = [["Sıra", "Mətn", "Kim", "Nə vaxt"], ["1", "Tədbir", "Energetika Nazirliyi", "2027"]]
    preview = preview_of(xlsx_bytes(rows), mapping={"number": 0, "text": 1, "executors": 2, "deadline": 3})
    assert preview.is_clean
    assert preview.rows[0].executors[0].organization_id == executors["energy"].pk


def test_a_chosen_organisation_resolves_an_unknown_name(executors):
    rows = [AZ_HEADER, ["1", "Tədbir", "Kosmik Agentlik", "2027", ""]]
    preview = preview_of(xlsx_bytes(rows), executor_choices={"Kosmik Agentlik": executors["energy"].pk})
    assert preview.is_clean
    assert preview.rows[0].executors[0].organization_id == executors["energy"].pk


def test_json_shape_of_a_row(executors):
    preview = preview_of(
        xlsx_bytes(
            [AZ_HEADER, ["5.6", "Dəyirmi masalar", "Ağdam Rayon İcra Hakimiyyəti", "2021-2022-ci illər", ""]]
        )
    )
    (section, row) = preview.to_json()["rows"]
    assert (section["number"], section["problems"][0]["code"]) == ("5", "supplied_section")
    assert row["number"] == "5.6"
    assert row["deadline"] == {
        **row["deadline"],
        "text": "2021-2022-ci illər",
        "kind": "year_range",
        "start": "2021-01-01",
        "end": "2022-12-31",
    }
    assert row["executors"][0]["organization"] == executors["agdam"].pk
    assert row["executors"][0]["score"] == 1.0


def test_a_sheet_damaged_past_its_header_is_reported_as_unreadable(db):
    from koordinat.plans.importing.pipeline import preview_file

    from .test_readers import workbook_by_hand

    data = workbook_by_hand(
        [
            '<dimension ref="A1:B3"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>№</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>Tədbirin adı</t></is></c></row><row r="2"><c r="A2"><v>1'
        ]
    )
    with translation.override("en"):
        preview = preview_file(io.BytesIO(data), "plan.xlsx")
    assert [(problem.code, problem.message) for problem in preview.problems] == [
        ("unreadable_file", "plan.xlsx is damaged and cannot be opened.")
    ]
    assert not preview.rows
