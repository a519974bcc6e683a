import io

import pytest
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


PERIOD_ROWS = [
    AZ_HEADER,
    ["1", "Bölmə", "", "", ""],
    ["1.1", "Rüblük", "Energetika Nazirliyi", "2026-cı ilin IV rübü", ""],
    ["1.2", "Oxunmayan", "Energetika Nazirliyi", "tezliklə", ""],
    ["1.3", "Müddətsiz", "Energetika Nazirliyi", "", ""],
    ["1.4", "Daimi", "Energetika Nazirliyi", "mütəmadi", ""],
    ["1.5", "Hər il", "Energetika Nazirliyi", "hər il", ""],
    ["1.6", "Təsdiqdən sonra", "Energetika Nazirliyi", "planın təsdiq edildiyi gündən 3 ay ərzində", ""],
    [
        "1.7",
        "Tikintidən sonra",
        "Energetika Nazirliyi",
        "в течение 6 месяцев после завершения строительства",
        "",
    ],
    ["1.8", "İlin sonunadək", "Energetika Nazirliyi", "by Q2 2026", ""],
]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "",
                "1 October 2026 – 31 December 2026",
                "unreadable: needs a control date",
                "no period: needs a control date",
                "continuous, with no single due date",
                "every year",
                "3 months after the approval of the plan",
                "counted from an event whose date is not known: needs a control date",
                "by 30 June 2026",
            ],
        ),
        (
            "az",
            [
                "",
                "1 oktyabr 2026 – 31 dekabr 2026",
                "oxunmadı: nəzarət tarixi lazımdır",
                "müddət yoxdur: nəzarət tarixi lazımdır",
                "daimi, vahid icra tarixi yoxdur",
                "hər il",
                "planın təsdiqindən 3 ay sonra",
                "tarixi məlum olmayan hadisədən hesablanır: nəzarət tarixi lazımdır",
                "30 iyun 2026 tarixinədək",
            ],
        ),
        (
            "ru",
            [
                "",
                "1 октября 2026 г. – 31 декабря 2026 г.",
                "не распознан: нужен контрольный срок",
                "срок не указан: нужен контрольный срок",
                "постоянно, без единого срока",
                "ежегодно",
                "через 3 месяца после утверждения плана",
                "отсчитывается от события с неизвестной датой: нужен контрольный срок",
                "до 30 июня 2026 г.",
            ],
        ),
    ],
)
def test_the_preview_shows_what_every_period_was_read_as(executors, language, expected):
    with translation.override(language):
        preview = build_preview(
            read_tables(io.BytesIO(xlsx_bytes(PERIOD_ROWS)), "plan.xlsx"),
            filename="plan.xlsx",
            index=OrganizationIndex.build(),
        )
        assert [row.reading for row in preview.rows] == expected


def test_items_that_will_need_a_control_date_are_warned_not_refused(executors):
    preview = preview_of(xlsx_bytes(PERIOD_ROWS))
    assert preview.is_clean
    warned = {(p.row, p.code) for p in preview.all_problems if p.severity == "warning"}
    assert warned == {(4, "unreadable_deadline"), (5, "no_control_date"), (9, "no_control_date")}
    assert [row.number for row in preview.rows if row.needs_control_date] == ["1.2", "1.3", "1.7"]
