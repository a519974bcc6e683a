"""Item numbers as real plans write them (issue #12 item 4): sections supplied where the file has no
line for them, letters, Roman sections, "1)" and "№ 1"; only truly conflicting numbers refused."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from koordinat.plans import selectors, services
from koordinat.plans.importing.matching import OrganizationIndex
from koordinat.plans.importing.preview import build_preview
from koordinat.plans.importing.readers import read_tables
from koordinat.plans.models import Measure, outline_sort_key
from koordinat.plans.numbering import normalise, read_number

from .files import AZ_HEADER, EN_HEADER, RU_HEADER, xlsx_bytes


def preview_of(rows, language="en"):
    with translation.override(language):
        return build_preview(
            read_tables(io.BytesIO(xlsx_bytes(rows)), "plan.xlsx"),
            filename="plan.xlsx",
            index=OrganizationIndex.build(),
        )


def numbers(preview):
    return [row.number for row in preview.rows]


def problems(preview, severity="error"):
    return [(p.row, p.code, p.message) for p in preview.all_problems if p.severity == severity]


@pytest.fixture
def plan(coordinator, center):
    return services.plan_create(
        actor=coordinator,
        code="NUM-1",
        kind="national_action_plan",
        title={"az": "Açıq hökumət planı"},
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=center,
    )


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("5", "5"),
        ("5.", "5"),
        ("5)", "5"),
        ("(5)", "5"),
        ("№ 5", "5"),
        ("№5", "5"),
        ("No. 5", "5"),
        ("5.6.", "5.6"),
        ("5.6)", "5.6"),
        ("5. 6", "5.6"),
        ("05.06", "5.6"),
        ("5.6a", "5.6a"),
        ("5.6-a", "5.6a"),
        ("5.6 a", "5.6a"),
        ("5.6A", "5.6a"),
        ("5.6.а", "5.6a"),  # a Cyrillic а
        ("5.6б", "5.6b"),  # Russian plans letter inserted items а, б, в
        ("5.6ç", "5.6ç"),
        ("I", "I"),
        ("IV.", "IV"),
        ("IX)", "IX"),
        ("ІІ", "II"),  # Cyrillic І typed for the numeral
        ("II.3", "II.3"),
        ("Bölmə 6", "6"),
        ("6-cı bölmə", "6"),
        ("Раздел IV", "IV"),
        ("Section 6.", "6"),
    ],
)
def test_written_numbers_are_read_into_outline_numbers(written, number):
    assert normalise(written) == number


@pytest.mark.parametrize("written", ["x", "5..6", "5 6", "5,6", "i)", "5.x.1", "1?2", "Bölmə", ""])
def test_what_is_not_a_number_stays_refused(written):
    assert read_number(written) is None


def test_sort_keys_follow_the_outline():
    shuffled = ["5.10", "5.6d", "10", "5.6a", "4", "5.6.10", "5.7", "5.6ç", "5", "5.6.1", "5.6b", "5.6"]
    expected = ["4", "5", "5.6", "5.6.1", "5.6.10", "5.6a", "5.6b", "5.6ç", "5.6d", "5.7", "5.10", "10"]
    assert sorted(shuffled, key=outline_sort_key) == expected
    assert sorted(["IX", "IV", "II", "I", "II.1", "IV.10", "IV.2"], key=outline_sort_key) == [
        "I",
        "II",
        "II.1",
        "IV",
        "IV.2",
        "IV.10",
        "IX",
    ]


def test_the_database_orders_letters_and_roman_sections_as_the_outline(plan):
    """The sort keys hold their order under the database's own collation (PostgreSQL's ignores dots)."""
    written = ["IX", "IV", "II", "I", "5.10", "5.7", "5.6b", "5.6a", "5.6.1", "5.6", "5"]
    Measure.objects.bulk_create(
        Measure(plan=plan, number=number, sort_key=outline_sort_key(number), text_az=number)
        for number in written
    )
    assert list(plan.measures.order_by("sort_key").values_list("number", flat=True)) == [
        "I",
        "II",
        "IV",
        "5",
        "5.6",
        "5.6.1",
        "5.6a",
        "5.6b",
        "5.7",
        "5.10",
        "IX",
    ]


# The Open Government Partnership's commitments list starts at 6.1: its sections are not rows.
OGP_ROWS = [
    EN_HEADER,
    ["6.1", "Open budget data portal", "Ministry of Energy", "December 2026", ""],
    ["6.2", "Beneficial ownership register", "Ministry of Energy", "2027", ""],
    ["7.1", "Public councils at district executive authorities", "Ministry of Energy", "2026", ""],
]


def test_a_plan_starting_at_6_1_gets_its_sections_supplied(coordinator, plan, executors):
    preview = preview_of(OGP_ROWS)
    assert preview.is_clean, problems(preview)
    assert numbers(preview) == ["6", "6.1", "6.2", "7", "7.1"]
    section = preview.rows[0]
    assert (section.row, section.text, section.executors, section.supplied) == (2, "Section 6", [], True)
    assert [(p.severity, p.code) for p in section.problems] == [("warning", "supplied_section")]
    assert "no line for section 6" in section.problems[0].message

    services.plan_import_commit(actor=coordinator, plan=plan, preview=preview)
    six = Measure.objects.get(plan=plan, number="6")
    assert (six.text_az, six.text_ru, six.text_en) == ("Bölmə 6", "Раздел 6", "Section 6")
    assert not six.executors.exists()
    parents = dict(plan.measures.values_list("number", "parent__number"))
    assert parents == {"6": None, "6.1": "6", "6.2": "6", "7": None, "7.1": "7"}

    # the same file again, checked on a Russian page: the supplied sections are the same items
    result = services.plan_import_commit(actor=coordinator, plan=plan, preview=preview_of(OGP_ROWS, "ru"))
    assert (result.created, result.removed) == ([], [])
    assert Measure.objects.get(plan=plan, number="6").text_az == "Bölmə 6"


def test_a_jump_from_2_3_to_3_1_supplies_section_3(executors):
    preview = preview_of(
        [
            AZ_HEADER,
            ["2", "Şəffaflıq", "", "", ""],
            ["2.3", "Açıq məlumat portalı", "Energetika Nazirliyi", "2026", ""],
            ["3.1", "İctimai şuralar", "Energetika Nazirliyi", "2026", ""],
            ["3.1.1", "Dəyirmi masalar", "Energetika Nazirliyi", "2026", ""],
        ],
        language="az",
    )
    assert preview.is_clean
    assert numbers(preview) == ["2", "2.3", "3", "3.1", "3.1.1"]
    assert preview.rows[2].text == "Bölmə 3"


def test_items_numbered_within_roman_sections_are_placed_in_them(executors):
    preview = preview_of(
        [
            RU_HEADER,
            ["I", "Совершенствование нормативной базы", "", "", ""],
            ["1.", "Подготовка проекта закона", "Министерство энергетики", "IV квартал 2026 г.", ""],
            ["2)", "Общественное обсуждение", "Министерство энергетики", "2026", ""],
            ["II", "Открытые данные", "", "", ""],
            ["№ 1", "Портал открытых данных", "Министерство энергетики", "2027", ""],
            ["1.1", "Наборы данных министерств", "Министерство энергетики", "2027", ""],
            ["IV", "Мониторинг", "", "", ""],
            ["1", "Ежегодный отчёт", "Министерство энергетики", "ежегодно", ""],
            ["IX", "Заключительные положения", "", "", ""],
        ]
    )
    assert preview.is_clean, problems(preview)
    assert numbers(preview) == ["I", "I.1", "I.2", "II", "II.1", "II.1.1", "IV", "IV.1", "IX"]
    assert sorted(numbers(preview), key=outline_sort_key) == numbers(preview)


def test_items_carrying_their_roman_sections_number_keep_it(executors):
    preview = preview_of(
        [
            AZ_HEADER,
            ["I.", "Hüquqi baza", "", "", ""],
            ["1.1", "Qanun layihəsi", "Energetika Nazirliyi", "2026", ""],
            ["1.2", "Qaydalar", "Energetika Nazirliyi", "2026", ""],
            ["II.", "Açıq məlumat", "", "", ""],
            ["2.1", "Portal", "Energetika Nazirliyi", "2027", ""],
        ]
    )
    assert preview.is_clean, problems(preview)
    assert numbers(preview) == ["1", "1.1", "1.2", "2", "2.1"]  # the items keep the numbers people cite
    assert preview.rows[3].text == "Açıq məlumat"


def test_an_item_whose_number_contradicts_its_section_is_refused(executors):
    preview = preview_of(
        [
            AZ_HEADER,
            ["I", "Hüquqi baza", "", "", ""],
            ["1.1", "Qanun layihəsi", "Energetika Nazirliyi", "2026", ""],
            ["II", "Açıq məlumat", "", "", ""],
            ["2.1", "Portal", "Energetika Nazirliyi", "2027", ""],
            ["1.3", "Yanlış yerdə", "Energetika Nazirliyi", "2027", ""],
        ]
    )
    assert problems(preview) == [
        (6, "", "Item 1.3 is listed under section II, but its number puts it in section 1.")
    ]


def test_numbers_with_letters_sort_between_their_neighbours(coordinator, plan, executors):
    preview = preview_of(
        [
            AZ_HEADER,
            ["5", "İctimai iştirak", "", "", ""],
            ["5.6", "Dəyirmi masalar", "Ağdam Rayon İcra Hakimiyyəti", "2026", ""],
            ["5.6-a", "İctimai şuraların yaradılması", "Ağdam Rayon İcra Hakimiyyəti", "2026", ""],
            ["5.6.б", "Rəsmi saytlarda bölmələr", "Ağdam Rayon İcra Hakimiyyəti", "2026", ""],
            ["5.7", "Sorğular", "Ağdam Rayon İcra Hakimiyyəti", "2026", ""],
            ["5.10", "Hesabat", "Ağdam Rayon İcra Hakimiyyəti", "2026", ""],
        ]
    )
    assert preview.is_clean, problems(preview)
    services.plan_import_commit(actor=coordinator, plan=plan, preview=preview)
    stored = list(plan.measures.order_by("sort_key").values_list("number", "parent__number"))
    assert stored == [("5", None), ("5.6", "5"), ("5.6a", "5"), ("5.6b", "5"), ("5.7", "5"), ("5.10", "5")]
    assert selectors.next_child_number(plan=plan, parent=Measure.objects.get(plan=plan, number="5")) == "5.11"


def test_only_truly_conflicting_numbers_are_refused(executors):
    repeated = ["1.1", "Monitorinq", "Energetika Nazirliyi", "2026", ""]
    preview = preview_of(
        [
            AZ_HEADER,
            ["1", "Ekologiya", "", "", ""],
            repeated,
            repeated,  # a long table repeating its last row on the next page
            ["1.2", "Meşə bərpası", "Energetika Nazirliyi", "2026", ""],
            ["1.2.", "Başqa tədbir", "Energetika Nazirliyi", "2026", ""],
            ["5.6a", "Şuralar", "Energetika Nazirliyi", "2026", ""],
            ["5.6.а", "Saytlar", "Energetika Nazirliyi", "2026", ""],  # the same number as 5.6a
        ]
    )
    assert numbers(preview) == ["1", "1.1", "1.2", "1.2", "5", "5.6a", "5.6a"]
    assert problems(preview) == [
        (6, "", "Number 1.2 is used twice (also in row 5)."),
        (8, "", "Number 5.6a is used twice (also in row 7)."),
    ]
    assert (4, "", "Row 4 repeats item 1.1 of row 3; it is read once.") in problems(preview, "warning")


def test_a_number_a_spreadsheet_cut_short_is_read_back(executors):
    """5.10 typed into a number cell is the number 5.1; after 5.9 it can only be 5.10."""
    rows = [AZ_HEADER, [5, "Bölmə", "", "", ""]]
    rows += [[float(f"5.{n}"), f"Tədbir {n}", "Energetika Nazirliyi", "2026", ""] for n in range(1, 12)]
    preview = preview_of(rows)
    assert preview.is_clean, problems(preview)
    assert numbers(preview) == ["5", *(f"5.{n}" for n in range(1, 10)), "5.10", "5.11"]
    assert "“5.1” after item 5.9 is read as 5.10" in problems(preview, "warning")[0][2]


def test_a_section_line_merged_across_the_table_is_read(executors):
    preview = preview_of(
        [
            AZ_HEADER,
            ["I. Hüquqi bazanın təkmilləşdirilməsi", "", "", "", ""],
            ["1.", "Qanun layihəsi", "Energetika Nazirliyi", "2026", ""],
            ["Раздел 2: Открытые данные", "", "", "", ""],
            ["2.1", "Portal", "Energetika Nazirliyi", "2027", ""],
        ]
    )
    assert preview.is_clean, problems(preview)
    assert [(row.number, row.text) for row in preview.rows] == [
        ("I", "Hüquqi bazanın təkmilləşdirilməsi"),
        ("I.1", "Qanun layihəsi"),
        ("2", "Открытые данные"),
        ("2.1", "Portal"),
    ]


def test_a_person_adds_an_item_numbered_as_plans_write_it(coordinator, plan):
    content = services.MeasureContent(
        text={"az": "Bölmə"}, expected_result={}, deadline_text="", executors=[], other_executors={}
    )
    section = services.measure_create(actor=coordinator, plan=plan, number="IV.", content=content)
    assert section.number == "IV"
    assert selectors.next_child_number(plan=plan, parent=None) == "V"
    assert selectors.next_child_number(plan=plan, parent=section) == "IV.1"
    services.measure_create(actor=coordinator, plan=plan, number="5", content=content)
    services.measure_create(actor=coordinator, plan=plan, number="5.6", content=content)
    inserted = services.measure_create(actor=coordinator, plan=plan, number="5.6-a", content=content)
    assert (inserted.number, inserted.parent.number) == ("5.6a", "5")
    with pytest.raises(ValidationError):
        services.measure_create(actor=coordinator, plan=plan, number="5.6.а", content=content)  # taken


# The shape of the Open Government Partnership's commitments list: English, numbering from 6.1,
# lead institutions by their long names, start and end dates written month first.
OGP_COMMITMENTS = [
    ["Commitment ID", "Commitment title", "Lead institution", "Start date", "End date"],
    [
        "6.1",
        "Open budget data portal",
        "Ministry of Energy of the Republic of Azerbaijan",
        "9/1/2021",
        "7/30/2022",
    ],
    [
        "6.2",
        "Public register of beneficial owners",
        "Ministry of Ecology and Natural Resources of the Republic of Azerbaijan",
        "1/15/2022",
        "12/31/2022",
    ],
    ["7.1", "Round tables at district executive authorities", "Ministry of Energy", "3/1/2022", "6/30/2023"],
    ["7.2", "Public council hearings", "Ministry of Energy", "3/1/2022", "8/1/2023"],
]


def test_an_ogp_commitments_list_imports_with_its_end_dates_read(coordinator, plan, executors):
    preview = preview_of(OGP_COMMITMENTS)
    rows = {row.number: row for row in preview.rows}

    assert numbers(preview) == ["6", "6.1", "6.2", "7", "7.1", "7.2"]
    assert preview.mapping["deadline"] == 4  # the end date, not the start date
    ends = {number: rows[number].deadline.end for number in ("6.1", "6.2", "7.1")}
    assert ends == {
        "6.1": datetime.date(2022, 7, 30),
        "6.2": datetime.date(2022, 12, 31),
        "7.1": datetime.date(2023, 6, 30),
    }
    assert [match.organization_id for match in rows["6.2"].executors] == [executors["eco"].pk]
    # 8/1/2023 could be 8 January or 1 August: flagged for a person, not guessed
    assert rows["7.2"].deadline.kind == "unparseable"
    assert rows["7.2"].needs_control_date

    services.plan_import_commit(actor=coordinator, plan=plan, preview=preview)
    stored = dict(
        plan.measures.filter(number__in=["6.1", "6.2", "7.1"]).values_list("number", "deadline_end")
    )
    assert stored == ends
