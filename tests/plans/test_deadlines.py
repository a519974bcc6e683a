"""Deadline cells as they appear in real plan tables, in Azerbaijani, Russian and English."""

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koordinat.plans.deadlines import Deadline, DeadlineKind, parse_deadline

K = DeadlineKind


def expect(
    kind: DeadlineKind,
    start: str | None = None,
    end: str | None = None,
    *,
    recurrence: str | None = None,
    offset: str | None = None,
    anchor: str | None = None,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "start": date.fromisoformat(start) if start else None,
        "end": date.fromisoformat(end) if end else None,
        "recurrence": recurrence,
        "offset": offset,
        "anchor": anchor,
    }


AZ = [
    ("hər altı aydan bir", expect(K.RECURRING, recurrence="half_yearly")),
    ("30 aprel 2026-cı il tarixinə qədər", expect(K.DATE, None, "2026-04-30")),
    ("2026-cı ilin 1 oktyabr tarixinə qədər", expect(K.DATE, None, "2026-10-01")),
    ("15 may 2026, saat 11:00", expect(K.DATE, "2026-05-15", "2026-05-15")),
    ("2021–2022-ci illər", expect(K.YEAR_RANGE, "2021-01-01", "2022-12-31")),
    ("2021-2022-ci illər", expect(K.YEAR_RANGE, "2021-01-01", "2022-12-31")),
    ("2024-2026-cı illər ərzində", expect(K.YEAR_RANGE, "2024-01-01", "2026-12-31")),
    ("2026-cı ildən 2027-ci ilədək", expect(K.YEAR_RANGE, "2026-01-01", "2027-12-31")),
    (
        "2021-2023-cü illər ərzində hər il",
        expect(K.RECURRING, "2021-01-01", "2023-12-31", recurrence="yearly"),
    ),
    ("mütəmadi", expect(K.CONTINUOUS)),
    ("Mutemadi olaraq", expect(K.CONTINUOUS)),
    ("daimi", expect(K.CONTINUOUS)),
    ("müntəzəm", expect(K.CONTINUOUS)),
    ("2025-2027-ci illərdə mütəmadi", expect(K.CONTINUOUS, "2025-01-01", "2027-12-31")),
    ("hər il", expect(K.RECURRING, recurrence="yearly")),
    ("her rub", expect(K.RECURRING, recurrence="quarterly")),
    ("hər ay", expect(K.RECURRING, recurrence="monthly")),
    ("hər yarımil", expect(K.RECURRING, recurrence="half_yearly")),
    ("ildə iki dəfə", expect(K.RECURRING, recurrence="half_yearly")),
    ("hər il, ilin sonunadək", expect(K.RECURRING, recurrence="yearly:12-31")),
    ("hər il martın 1-dək", expect(K.RECURRING, recurrence="yearly:03-01")),
    ("hər rüb, hesabat rübündən sonrakı ayın 10-dək", expect(K.RECURRING, recurrence="quarterly:+10")),
    (
        "hər il, hesabat ilindən sonrakı ilin fevralın 1-dək",
        expect(K.RECURRING, recurrence="yearly:02-01"),
    ),
    ("hər rüb, rüb başa çatdıqdan sonra 10 gün ərzində", expect(K.RECURRING, recurrence="quarterly:+10")),
    ("zəruri hallarda", expect(K.RECURRING, recurrence="as_needed")),
    ("2026-cı ilin sonunadək", expect(K.YEAR, None, "2026-12-31")),
    ("2027-ci ilədək", expect(K.YEAR, None, "2027-12-31")),
    ("2026-cı il ərzində", expect(K.YEAR, "2026-01-01", "2026-12-31")),
    ("2026-ci ildə", expect(K.YEAR, "2026-01-01", "2026-12-31")),
    ("2026 cı il", expect(K.YEAR, "2026-01-01", "2026-12-31")),
    ("dekabr 2027", expect(K.MONTH, "2027-12-01", "2027-12-31")),
    ("iyun 2026", expect(K.MONTH, "2026-06-01", "2026-06-30")),
    ("2026-cı ilin dekabr ayı", expect(K.MONTH, "2026-12-01", "2026-12-31")),
    ("2026-cı ilin fevral ayında", expect(K.MONTH, "2026-02-01", "2026-02-28")),
    ("2026-cı ilin dekabr ayınadək", expect(K.MONTH, None, "2026-12-31")),
    ("31 dekabr 2026", expect(K.DATE, "2026-12-31", "2026-12-31")),
    ("2026-ci il dekabrın 31-dək", expect(K.DATE, None, "2026-12-31")),
    ("31 dekabr 2026-cı il tarixinədək", expect(K.DATE, None, "2026-12-31")),
    ("I rüb 2026", expect(K.QUARTER, "2026-01-01", "2026-03-31")),
    ("2026-cı ilin 1-ci rübü", expect(K.QUARTER, "2026-01-01", "2026-03-31")),
    ("2026-cı ilin II rübündə", expect(K.QUARTER, "2026-04-01", "2026-06-30")),
    ("2026-cı ilin 3-cü rübü", expect(K.QUARTER, "2026-07-01", "2026-09-30")),
    ("2026-cı ilin IV rübü", expect(K.QUARTER, "2026-10-01", "2026-12-31")),
    ("2026-cı ilin IV rübünədək", expect(K.QUARTER, None, "2026-12-31")),
    ("2026-cı ilin I yarımili", expect(K.HALF_YEAR, "2026-01-01", "2026-06-30")),
    ("2026-cı ilin birinci yarımilində", expect(K.HALF_YEAR, "2026-01-01", "2026-06-30")),
    ("II yarımil 2027", expect(K.HALF_YEAR, "2027-07-01", "2027-12-31")),
    ("təsdiq edildikdən sonra 6 ay ərzində", expect(K.RELATIVE, offset="P6M", anchor="approval")),
    ("Planın təsdiq edildiyi gündən 30 gün ərzində", expect(K.RELATIVE, offset="P30D", anchor="approval")),
    (
        "Sərəncam qüvvəyə mindiyi gündən 3 ay müddətində",
        expect(K.RELATIVE, offset="P3M", anchor="entry_into_force"),
    ),
]

RU = [
    ("IV квартал 2026 г.", expect(K.QUARTER, "2026-10-01", "2026-12-31")),
    ("4 квартал 2026", expect(K.QUARTER, "2026-10-01", "2026-12-31")),
    ("II квартал 2026 года", expect(K.QUARTER, "2026-04-01", "2026-06-30")),
    ("2-й квартал 2026 г.", expect(K.QUARTER, "2026-04-01", "2026-06-30")),
    ("во II квартале 2026 г.", expect(K.QUARTER, "2026-04-01", "2026-06-30")),
    ("I полугодие 2026 года", expect(K.HALF_YEAR, "2026-01-01", "2026-06-30")),
    ("в 1-м полугодии 2027 г.", expect(K.HALF_YEAR, "2027-01-01", "2027-06-30")),
    ("второе полугодие 2026 года", expect(K.HALF_YEAR, "2026-07-01", "2026-12-31")),
    ("2021–2023 годы", expect(K.YEAR_RANGE, "2021-01-01", "2023-12-31")),
    ("2021-2023 гг.", expect(K.YEAR_RANGE, "2021-01-01", "2023-12-31")),
    ("2021 - 2025 годы", expect(K.YEAR_RANGE, "2021-01-01", "2025-12-31")),
    ("с 2021 по 2023 год", expect(K.YEAR_RANGE, "2021-01-01", "2023-12-31")),
    ("в течение 2026 года", expect(K.YEAR, "2026-01-01", "2026-12-31")),
    ("2026 год", expect(K.YEAR, "2026-01-01", "2026-12-31")),
    ("до конца 2026 года", expect(K.YEAR, None, "2026-12-31")),
    ("до 2027 года", expect(K.YEAR, None, "2027-12-31")),
    ("декабрь 2027 года", expect(K.MONTH, "2027-12-01", "2027-12-31")),
    ("в декабре 2026 г.", expect(K.MONTH, "2026-12-01", "2026-12-31")),
    ("до 31 декабря 2026 г.", expect(K.DATE, None, "2026-12-31")),
    ("не позднее 01.07.2026", expect(K.DATE, None, "2026-07-01")),
    ("ежегодно", expect(K.RECURRING, recurrence="yearly")),
    ("ежегодно, до 1 марта", expect(K.RECURRING, recurrence="yearly:03-01")),
    ("ежегодно, не позднее 15 января", expect(K.RECURRING, recurrence="yearly:01-15")),
    ("ежегодно в 2021-2023 годах", expect(K.RECURRING, "2021-01-01", "2023-12-31", recurrence="yearly")),
    ("ежеквартально", expect(K.RECURRING, recurrence="quarterly")),
    (
        "ежеквартально, до 10 числа месяца, следующего за отчётным кварталом",
        expect(K.RECURRING, recurrence="quarterly:+10"),
    ),
    (
        "ежеквартально, в течение 10 дней после окончания квартала",
        expect(K.RECURRING, recurrence="quarterly:+10"),
    ),
    (
        "ежегодно, до 20 января года, следующего за отчетным",
        expect(K.RECURRING, recurrence="yearly:01-20"),
    ),
    ("ежемесячно", expect(K.RECURRING, recurrence="monthly")),
    ("раз в полугодие", expect(K.RECURRING, recurrence="half_yearly")),
    ("по мере необходимости", expect(K.RECURRING, recurrence="as_needed")),
    ("постоянно", expect(K.CONTINUOUS)),
    ("на постоянной основе", expect(K.CONTINUOUS)),
    ("регулярно", expect(K.CONTINUOUS)),
    ("постоянно, 2021-2023 гг.", expect(K.CONTINUOUS, "2021-01-01", "2023-12-31")),
    ("в течение месяца после утверждения", expect(K.RELATIVE, offset="P1M", anchor="approval")),
    ("в течение 3 месяцев после утверждения", expect(K.RELATIVE, offset="P3M", anchor="approval")),
    ("в течение 30 дней со дня утверждения плана", expect(K.RELATIVE, offset="P30D", anchor="approval")),
    (
        "в 3-месячный срок со дня вступления в силу настоящего распоряжения",
        expect(K.RELATIVE, offset="P3M", anchor="entry_into_force"),
    ),
    (
        "в течение 2 месяцев после завершения строительных работ",
        expect(K.RELATIVE, offset="P2M", anchor="event"),
    ),
    # a time of day beside a date, as event plans write it
    ("28.04.2026\n13.00", expect(K.DATE, "2026-04-28", "2026-04-28")),
    ("05.05.26 14.00 - 15.00", expect(K.DATE, "2026-05-05", "2026-05-05")),
    ("1 июня 2026 года, 15 часов", expect(K.DATE, "2026-06-01", "2026-06-01")),
    ("Весь период", expect(K.CONTINUOUS)),
    ("в течение всего периода", expect(K.CONTINUOUS)),
    ("не позднее 3 месяцев", expect(K.RELATIVE, offset="P3M", anchor="approval")),
]

EN = [
    ("no later than within three months", expect(K.RELATIVE, offset="P3M", anchor="approval")),
    (
        "Within 60 days of the completion of agency inventories",
        expect(K.RELATIVE, offset="P60D", anchor="event"),
    ),
    ("Minimally every 3 months, as often as possible", expect(K.RECURRING, recurrence="quarterly")),
    ("at least every 3 months", expect(K.RECURRING, recurrence="quarterly")),
    ("Measured annually", expect(K.RECURRING, recurrence="yearly")),
    ("30 June 2026, 10:00", expect(K.DATE, "2026-06-30", "2026-06-30")),
    ("by Q2 2026", expect(K.QUARTER, None, "2026-06-30")),
    ("Q4 2026", expect(K.QUARTER, "2026-10-01", "2026-12-31")),
    ("in the third quarter of 2026", expect(K.QUARTER, "2026-07-01", "2026-09-30")),
    ("H1 2027", expect(K.HALF_YEAR, "2027-01-01", "2027-06-30")),
    ("first half of 2027", expect(K.HALF_YEAR, "2027-01-01", "2027-06-30")),
    ("December 2027", expect(K.MONTH, "2027-12-01", "2027-12-31")),
    ("Dec 2026", expect(K.MONTH, "2026-12-01", "2026-12-31")),
    ("2020-2022", expect(K.YEAR_RANGE, "2020-01-01", "2022-12-31")),
    ("during 2026-2027", expect(K.YEAR_RANGE, "2026-01-01", "2027-12-31")),
    ("2026", expect(K.YEAR, "2026-01-01", "2026-12-31")),
    ("by the end of 2026", expect(K.YEAR, None, "2026-12-31")),
    ("by 31 December 2026", expect(K.DATE, None, "2026-12-31")),
    ("by 30.06.2026", expect(K.DATE, None, "2026-06-30")),
    ("31.12.2026", expect(K.DATE, "2026-12-31", "2026-12-31")),
    ("2026-12-31", expect(K.DATE, "2026-12-31", "2026-12-31")),
    ("December 31, 2026", expect(K.DATE, "2026-12-31", "2026-12-31")),
    ("annually", expect(K.RECURRING, recurrence="yearly")),
    ("annually by 1 March", expect(K.RECURRING, recurrence="yearly:03-01")),
    ("every year in 2024-2026", expect(K.RECURRING, "2024-01-01", "2026-12-31", recurrence="yearly")),
    ("annually until 2025", expect(K.RECURRING, None, "2025-12-31", recurrence="yearly")),
    (
        "annually, by 20 January of the following year",
        expect(K.RECURRING, recurrence="yearly:01-20"),
    ),
    ("semi-annually", expect(K.RECURRING, recurrence="half_yearly")),
    ("quarterly", expect(K.RECURRING, recurrence="quarterly")),
    ("quarterly, by the 10th day after the quarter", expect(K.RECURRING, recurrence="quarterly:+10")),
    ("quarterly, by the 10th of the following month", expect(K.RECURRING, recurrence="quarterly:+10")),
    ("monthly", expect(K.RECURRING, recurrence="monthly")),
    ("as needed", expect(K.RECURRING, recurrence="as_needed")),
    ("ongoing", expect(K.CONTINUOUS)),
    ("continuous", expect(K.CONTINUOUS)),
    ("regularly", expect(K.CONTINUOUS)),
    ("on an ongoing basis", expect(K.CONTINUOUS)),
    ("within 6 months of approval", expect(K.RELATIVE, offset="P6M", anchor="approval")),
    (
        "within six months of the approval of the plan",
        expect(K.RELATIVE, offset="P6M", anchor="approval"),
    ),
    ("within 1 year of entry into force", expect(K.RELATIVE, offset="P1Y", anchor="entry_into_force")),
    ("within 30 days after signing the agreement", expect(K.RELATIVE, offset="P30D", anchor="event")),
]

PHRASES = AZ + RU + EN


def test_the_table_is_large_enough() -> None:
    assert len(AZ) >= 35
    assert len(RU) >= 30
    assert len(EN) >= 25
    assert len({text for text, _ in PHRASES}) == len(PHRASES)


@pytest.mark.parametrize(("text", "expected"), PHRASES, ids=[text for text, _ in PHRASES])
def test_real_world_phrases(text: str, expected: dict[str, Any]) -> None:
    deadline = parse_deadline(text)

    assert deadline.text == text
    assert {
        "kind": deadline.kind,
        "start": deadline.start,
        "end": deadline.end,
        "recurrence": deadline.recurrence,
        "offset": deadline.offset,
        "anchor": deadline.anchor,
    } == expected
    assert not deadline.needs_review


UNPARSEABLE = [
    "",
    "   ",
    "garbage",
    "tezliklə",
    "в ближайшее время",
    "as soon as possible",
    "2026 and beyond",
    # impossible values
    "V rüb 2026",
    "V квартал 2026 г.",
    "5-й квартал 2026",
    "Q5 2026",
    "III полугодие 2026",
    "13.13.2026",
    "31.02.2026",
    "31 февраля 2026 г.",
    "ежегодно, до 30 февраля",
    # a day that most years do not have
    "hər il fevralın 29-dək",
    "1989",
    "2101",
    "2023-2021",
    "до 2021-2023 годов",
    # two-digit years outside a numeric date: the century would be a guess
    "IV квартал 26",
    "2021-22",
    # a period without its year (no plan period to take it from)
    "ilin sonunadək",
    "dekabr ayı",
    "IV rüb",
    # working days have no ISO-8601 duration
    "10 iş günü ərzində təsdiq edildikdən sonra",
    # a due day of the year makes no sense for a quarterly report
    "hər rüb martın 1-dək",
]


@pytest.mark.parametrize("text", UNPARSEABLE)
def test_what_is_not_understood_is_unparseable_without_dates(text: str) -> None:
    deadline = parse_deadline(text)

    assert deadline.kind is DeadlineKind.UNPARSEABLE
    assert deadline.needs_review
    assert (deadline.start, deadline.end, deadline.recurrence, deadline.offset, deadline.anchor) == (
        None,
    ) * 5


def test_text_is_kept_verbatim_only_stripped() -> None:
    assert parse_deadline("  IV квартал 2026 г.\n").text == "IV квартал 2026 г."
    assert parse_deadline("  sabah, bəlkə  ").text == "sabah, bəlkə"


def test_to_json_shape() -> None:
    deadline = parse_deadline("2021-2023-cü illər ərzində hər il")

    assert deadline.to_json() == {
        "text": "2021-2023-cü illər ərzində hər il",
        "kind": "recurring",
        "start": "2021-01-01",
        "end": "2023-12-31",
        "recurrence": "yearly",
        "offset": None,
        "anchor": None,
        "doubt": None,
    }
    assert parse_deadline("tezliklə").to_json() == {
        "text": "tezliklə",
        "kind": "unparseable",
        "start": None,
        "end": None,
        "recurrence": None,
        "offset": None,
        "anchor": None,
        "doubt": None,
    }
    assert set(parse_deadline("within 6 months of approval").to_json()) == set(Deadline.__dataclass_fields__)


def _check_invariants(text: str) -> None:
    deadline = parse_deadline(text)
    assert deadline.text == text.strip()
    if deadline.start and deadline.end:
        assert deadline.start <= deadline.end
    if deadline.kind is DeadlineKind.UNPARSEABLE:
        assert deadline.start is None
        assert deadline.end is None


@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    _check_invariants(text)


FRAGMENTS = [
    *(text for text, _ in PHRASES),
    *UNPARSEABLE,
    "2026",
    "2021-2023",
    "31",
    "0",
    "IV",
    "V",
    "rüb",
    "квартал",
    "до",
    "by",
    "-dək",
    "hər",
    "ежегодно",
    "after",
    "sonra",
    ".",
    "-",
    "–",
    ",",
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=5).map(" ".join))
def test_never_raises_on_mixed_deadline_words(text: str) -> None:
    _check_invariants(text)


# ---------------------------------------------------------------------------------------------
# Execution periods as officials write them (issue 12): tests/plans/corpus/README.md is the contract.
# Each table is read without a plan's context; CONTEXT below reads cells that need one.

AZ_WRITTEN = [
    # durations count from the approval of the plan
    ("3 ay ərzində", expect(K.RELATIVE, offset="P3M", anchor="approval")),
    ("6 ay ərzində", expect(K.RELATIVE, offset="P6M", anchor="approval")),
    ("üç ay müddətində", expect(K.RELATIVE, offset="P3M", anchor="approval")),
    # the number written both ways
    ("3 (üç) ay müddətində", expect(K.RELATIVE, offset="P3M", anchor="approval")),
    ("on (10) gün ərzində", expect(K.RELATIVE, offset="P10D", anchor="approval")),
    ("bir ay ərzində", expect(K.RELATIVE, offset="P1M", anchor="approval")),
    ("1 il ərzində", expect(K.RELATIVE, offset="P1Y", anchor="approval")),
    ("on gün ərzində", expect(K.RELATIVE, offset="P10D", anchor="approval")),
    ("iki həftə ərzində", expect(K.RELATIVE, offset="P2W", anchor="approval")),
    ("6 aylıq müddətdə", expect(K.RELATIVE, offset="P6M", anchor="approval")),
    ("yarım il ərzində", expect(K.RELATIVE, offset="P6M", anchor="approval")),
    ("təsdiq edildiyi gündən 30 gün ərzində", expect(K.RELATIVE, offset="P30D", anchor="approval")),
    ("Sərəncamın imzalandığı gündən 2 ay müddətində", expect(K.RELATIVE, offset="P2M", anchor="approval")),
    ("Qərar qəbul edildikdən sonra 45 gün ərzində", expect(K.RELATIVE, offset="P45D", anchor="approval")),
    ("tikinti başa çatdıqdan sonra 3 ay ərzində", expect(K.RELATIVE, offset="P3M", anchor="event")),
    # starting dates
    ("2021-ci il yanvarın 1-dən", expect(K.CONTINUOUS, "2021-01-01")),
    ("2022-ci ildən başlayaraq", expect(K.CONTINUOUS, "2022-01-01")),
    ("2022-ci ildən", expect(K.CONTINUOUS, "2022-01-01")),
    ("2023-cü ilin iyul ayından", expect(K.CONTINUOUS, "2023-07-01")),
    ("2022-ci ildən mütəmadi", expect(K.CONTINUOUS, "2022-01-01")),
    # ranges
    ("10–20 iyun 2022", expect(K.DATE, "2022-06-10", "2022-06-20")),
    ("2022-ci il 10-20 iyun", expect(K.DATE, "2022-06-10", "2022-06-20")),
    ("iyun–iyul 2022", expect(K.MONTH, "2022-06-01", "2022-07-31")),
    ("2022-ci ilin iyun-iyul ayları", expect(K.MONTH, "2022-06-01", "2022-07-31")),
    ("I–II kvartal 2023", expect(K.QUARTER, "2023-01-01", "2023-06-30")),
    ("I-II rüb 2023", expect(K.QUARTER, "2023-01-01", "2023-06-30")),
    ("2023-cü ilin I-II rübü", expect(K.QUARTER, "2023-01-01", "2023-06-30")),
    ("2023-cü ilin III – IV rübləri", expect(K.QUARTER, "2023-07-01", "2023-12-31")),
    ("2022-ci ilin iyun ayının 10-dan iyul ayının 20-dək", expect(K.DATE, "2022-06-10", "2022-07-20")),
    ("dekabr 2022 – yanvar 2023", expect(K.MONTH, "2022-12-01", "2023-01-31")),
    # recurrences, with year bounds beside them
    ("hər rüb", expect(K.RECURRING, recurrence="quarterly")),
    ("rübdə bir dəfə", expect(K.RECURRING, recurrence="quarterly")),
    ("hər rübdə bir dəfə", expect(K.RECURRING, recurrence="quarterly")),
    ("hər yarımildə", expect(K.RECURRING, recurrence="half_yearly")),
    ("yarımildə bir dəfə", expect(K.RECURRING, recurrence="half_yearly")),
    ("ildə bir dəfə", expect(K.RECURRING, recurrence="yearly")),
    ("ildə 2 dəfə", expect(K.RECURRING, recurrence="half_yearly")),
    ("ayda bir dəfə", expect(K.RECURRING, recurrence="monthly")),
    ("hər 3 ayda bir dəfə", expect(K.RECURRING, recurrence="quarterly")),
    ("2022-2025-ci illərdə hər rüb", expect(K.RECURRING, "2022-01-01", "2025-12-31", recurrence="quarterly")),
    ("2022-ci ildən hər il", expect(K.RECURRING, "2022-01-01", recurrence="yearly")),
    ("hər il, növbəti ilin fevralın 1-dək", expect(K.RECURRING, recurrence="yearly:02-01")),
    (
        "2021–2025-ci illər ərzində ildə iki dəfə",
        expect(K.RECURRING, "2021-01-01", "2025-12-31", recurrence="half_yearly"),
    ),
    # numbers and dates
    ("31.12.2022", expect(K.DATE, "2022-12-31", "2022-12-31")),
    ("31.12.2022-ci il tarixinədək", expect(K.DATE, None, "2022-12-31")),
    ("2022-ci il iyunun 30-dək", expect(K.DATE, None, "2022-06-30")),
    ("2022-ci ilin dekabr ayının 31-nə qədər", expect(K.DATE, None, "2022-12-31")),
    ("2022-ci ilin sonuna qədər", expect(K.YEAR, None, "2022-12-31")),
    ("2023-cü ilin birinci yarısı", expect(K.HALF_YEAR, "2023-01-01", "2023-06-30")),
    ("2024-cü ilin IV kvartalı", expect(K.QUARTER, "2024-10-01", "2024-12-31")),
]

RU_WRITTEN = [
    ("в течение месяца", expect(K.RELATIVE, offset="P1M", anchor="approval")),
    ("в течение 3 месяцев", expect(K.RELATIVE, offset="P3M", anchor="approval")),
    ("в течение двух месяцев", expect(K.RELATIVE, offset="P2M", anchor="approval")),
    ("в течение 2-х месяцев", expect(K.RELATIVE, offset="P2M", anchor="approval")),
    ("в течение года", expect(K.RELATIVE, offset="P1Y", anchor="approval")),
    ("в течение полугода", expect(K.RELATIVE, offset="P6M", anchor="approval")),
    ("в трёхмесячный срок", expect(K.RELATIVE, offset="P3M", anchor="approval")),
    ("в трехмесячный срок", expect(K.RELATIVE, offset="P3M", anchor="approval")),
    ("в месячный срок", expect(K.RELATIVE, offset="P1M", anchor="approval")),
    ("в 6-месячный срок", expect(K.RELATIVE, offset="P6M", anchor="approval")),
    ("в двухнедельный срок", expect(K.RELATIVE, offset="P2W", anchor="approval")),
    ("в десятидневный срок", expect(K.RELATIVE, offset="P10D", anchor="approval")),
    ("в течение 30 дней со дня подписания", expect(K.RELATIVE, offset="P30D", anchor="approval")),
    (
        "в 3-месячный срок со дня подписания настоящего распоряжения",
        expect(K.RELATIVE, offset="P3M", anchor="approval"),
    ),
    ("в течение 10 рабочих дней", expect(K.UNPARSEABLE)),
    ("с 1 января 2021 года", expect(K.CONTINUOUS, "2021-01-01")),
    ("с 2022 года", expect(K.CONTINUOUS, "2022-01-01")),
    ("начиная с 2022 года", expect(K.CONTINUOUS, "2022-01-01")),
    ("с 01.07.2022", expect(K.CONTINUOUS, "2022-07-01")),
    ("с 2022 года постоянно", expect(K.CONTINUOUS, "2022-01-01")),
    ("май-июнь 2021 года", expect(K.MONTH, "2021-05-01", "2021-06-30")),
    ("май – июнь 2021 г.", expect(K.MONTH, "2021-05-01", "2021-06-30")),
    ("10 июня – 20 июля 2022 г.", expect(K.DATE, "2022-06-10", "2022-07-20")),
    ("с 1 по 15 марта 2022 года", expect(K.DATE, "2022-03-01", "2022-03-15")),
    ("с 1 июня по 31 июля 2022 года", expect(K.DATE, "2022-06-01", "2022-07-31")),
    ("I–II кварталы 2023 года", expect(K.QUARTER, "2023-01-01", "2023-06-30")),
    ("III-IV кв. 2022 г.", expect(K.QUARTER, "2022-07-01", "2022-12-31")),
    ("01.06.2022–30.06.2022", expect(K.DATE, "2022-06-01", "2022-06-30")),
    ("ежеквартально", expect(K.RECURRING, recurrence="quarterly")),
    ("1 раз в квартал", expect(K.RECURRING, recurrence="quarterly")),
    ("два раза в год", expect(K.RECURRING, recurrence="half_yearly")),
    ("ежеполугодно", expect(K.RECURRING, recurrence="half_yearly")),
    ("раз в год", expect(K.RECURRING, recurrence="yearly")),
    ("поквартально", expect(K.RECURRING, recurrence="quarterly")),
    (
        "ежеквартально в 2022–2024 годах",
        expect(K.RECURRING, "2022-01-01", "2024-12-31", recurrence="quarterly"),
    ),
    (
        "ежемесячно, до 5 числа месяца, следующего за отчётным",
        expect(K.RECURRING, recurrence="monthly:+5"),
    ),
    ("31.12.2022 г.", expect(K.DATE, "2022-12-31", "2022-12-31")),
    ("до 31.12.22", expect(K.DATE, None, "2022-12-31")),
    ("не позднее 1 июля 2022 года", expect(K.DATE, None, "2022-07-01")),
    ("2022 – 2023 гг.", expect(K.YEAR_RANGE, "2022-01-01", "2023-12-31")),
]

EN_WRITTEN = [
    ("within three months", expect(K.RELATIVE, offset="P3M", anchor="approval")),
    ("within a month", expect(K.RELATIVE, offset="P1M", anchor="approval")),
    ("within one year", expect(K.RELATIVE, offset="P1Y", anchor="approval")),
    ("within 90 days", expect(K.RELATIVE, offset="P90D", anchor="approval")),
    ("within six months of adoption", expect(K.RELATIVE, offset="P6M", anchor="approval")),
    ("within 60 days of signing of this order", expect(K.RELATIVE, offset="P60D", anchor="approval")),
    ("no later than 3 months after approval", expect(K.RELATIVE, offset="P3M", anchor="approval")),
    ("within 10 working days", expect(K.UNPARSEABLE)),
    ("from 1 January 2021", expect(K.CONTINUOUS, "2021-01-01")),
    ("from 2022", expect(K.CONTINUOUS, "2022-01-01")),
    ("starting from 2022", expect(K.CONTINUOUS, "2022-01-01")),
    ("since July 2021", expect(K.CONTINUOUS, "2021-07-01")),
    ("from Q2 2022 onwards", expect(K.UNPARSEABLE)),
    ("June–July 2022", expect(K.MONTH, "2022-06-01", "2022-07-31")),
    ("June 2022 - July 2022", expect(K.MONTH, "2022-06-01", "2022-07-31")),
    ("from June to August 2022", expect(K.MONTH, "2022-06-01", "2022-08-31")),
    ("June 10-20, 2022", expect(K.DATE, "2022-06-10", "2022-06-20")),
    ("Q1–Q2 2023", expect(K.QUARTER, "2023-01-01", "2023-06-30")),
    ("Q3 2022 – Q1 2023", expect(K.QUARTER, "2022-07-01", "2023-03-31")),
    ("H1–H2 2024", expect(K.HALF_YEAR, "2024-01-01", "2024-12-31")),
    ("December 2022 – January 2023", expect(K.MONTH, "2022-12-01", "2023-01-31")),
    ("twice a year", expect(K.RECURRING, recurrence="half_yearly")),
    ("once a quarter", expect(K.RECURRING, recurrence="quarterly")),
    ("every quarter", expect(K.RECURRING, recurrence="quarterly")),
    ("every month", expect(K.RECURRING, recurrence="monthly")),
    ("bi-annually", expect(K.RECURRING, recurrence="half_yearly")),
    ("quarterly, 2022–2025", expect(K.RECURRING, "2022-01-01", "2025-12-31", recurrence="quarterly")),
    ("annually from 2023", expect(K.RECURRING, "2023-01-01", recurrence="yearly")),
    ("12/31/2022", expect(K.DATE, "2022-12-31", "2022-12-31")),
    ("7/30/2022", expect(K.DATE, "2022-07-30", "2022-07-30")),
    ("by 7/30/2022", expect(K.DATE, None, "2022-07-30")),
    ("6/6/2022", expect(K.DATE, "2022-06-06", "2022-06-06")),
    ("31/12/2022", expect(K.DATE, "2022-12-31", "2022-12-31")),
    ("2022.12.31", expect(K.DATE, "2022-12-31", "2022-12-31")),
    ("2022/12/31", expect(K.DATE, "2022-12-31", "2022-12-31")),
    ("31-12-2022", expect(K.DATE, "2022-12-31", "2022-12-31")),
    ("31.12.22", expect(K.DATE, "2022-12-31", "2022-12-31")),
    ("12/31/22", expect(K.DATE, "2022-12-31", "2022-12-31")),
    ("by end of December 2022", expect(K.MONTH, None, "2022-12-31")),
]

WRITTEN = {"az": AZ_WRITTEN, "ru": RU_WRITTEN, "en": EN_WRITTEN}


def fields(deadline: Deadline) -> dict[str, Any]:
    return {
        "kind": deadline.kind,
        "start": deadline.start,
        "end": deadline.end,
        "recurrence": deadline.recurrence,
        "offset": deadline.offset,
        "anchor": deadline.anchor,
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, expected, id=f"{language}: {text}")
        for language, table in WRITTEN.items()
        for text, expected in table
    ],
)
def test_periods_as_officials_write_them(text: str, expected: dict[str, Any]) -> None:
    assert fields(parse_deadline(text)) == expected


# Every dash, quote and space a word processor writes; trailing dots. All read as "2022-2023".
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
SPACES = ["\u00a0", "\u202f", "\u2009"]


@pytest.mark.parametrize("dash", list(DASHES), ids=[f"U+{ord(d):04X}" for d in DASHES])
def test_every_dash_joins_a_range(dash: str) -> None:
    assert fields(parse_deadline(f"2022{dash}2023-cü illər")) == expect(
        K.YEAR_RANGE, "2022-01-01", "2023-12-31"
    )
    assert fields(parse_deadline(f"iyun {dash} iyul 2022")) == expect(K.MONTH, "2022-06-01", "2022-07-31")
    assert fields(parse_deadline(f"I{dash}II квартал 2023 г.")) == expect(
        K.QUARTER, "2023-01-01", "2023-06-30"
    )


@pytest.mark.parametrize(
    "text",
    [
        "«IV rüb 2022»",
        "„IV квартал 2022“",
        "“Q4 2022”",
        "‘Q4 2022’",
        "‚Q4 2022‛",
        "‹Q4 2022›",
        '"Q4 2022"',
        "'Q4 2022'",
        "″Q4 2022″",
        *(f"IV{space}квартал{space}2022{space}г." for space in SPACES),
        "IV\u00ad квартал 2022",
        "IV\u200b квартал\u200c 2022\u200d\ufeff",
        "Q4 2022.",
        "Q4 2022..",
        "IV rüb, 2022-ci il.",
    ],
)
def test_quotes_spaces_and_invisible_characters_are_read_through(text: str) -> None:
    assert fields(parse_deadline(text)) == expect(K.QUARTER, "2022-10-01", "2022-12-31")


# Cells that mean a date only in their plan's context: (text, expected without context, with
# adopted_on=2021-03-15 and period=2022, with adopted_on=2021-03-15 and period=2021-2025).
ADOPTED = date(2021, 3, 15)
ONE_YEAR = (date(2022, 1, 1), date(2022, 12, 31))
FIVE_YEARS = (date(2021, 1, 1), date(2025, 12, 31))
U = expect(K.UNPARSEABLE)
CONTEXT = [
    # durations from the approval end on the adoption date plus the duration
    (
        "3 ay ərzində",
        expect(K.RELATIVE, offset="P3M", anchor="approval"),
        expect(K.RELATIVE, None, "2021-06-15", offset="P3M", anchor="approval"),
        expect(K.RELATIVE, None, "2021-06-15", offset="P3M", anchor="approval"),
    ),
    (
        "в течение месяца",
        expect(K.RELATIVE, offset="P1M", anchor="approval"),
        expect(K.RELATIVE, None, "2021-04-15", offset="P1M", anchor="approval"),
        expect(K.RELATIVE, None, "2021-04-15", offset="P1M", anchor="approval"),
    ),
    (
        "within 30 days of approval",
        expect(K.RELATIVE, offset="P30D", anchor="approval"),
        expect(K.RELATIVE, None, "2021-04-14", offset="P30D", anchor="approval"),
        expect(K.RELATIVE, None, "2021-04-14", offset="P30D", anchor="approval"),
    ),
    # counted from another moment: no end even with the adoption date
    (
        "Sərəncam qüvvəyə mindiyi gündən 3 ay müddətində",
        expect(K.RELATIVE, offset="P3M", anchor="entry_into_force"),
        expect(K.RELATIVE, offset="P3M", anchor="entry_into_force"),
        expect(K.RELATIVE, offset="P3M", anchor="entry_into_force"),
    ),
    # next and current year: from the adoption date
    ("növbəti il", U, expect(K.YEAR, "2022-01-01", "2022-12-31"), expect(K.YEAR, "2022-01-01", "2022-12-31")),
    (
        "növbəti ildə",
        U,
        expect(K.YEAR, "2022-01-01", "2022-12-31"),
        expect(K.YEAR, "2022-01-01", "2022-12-31"),
    ),
    (
        "в следующем году",
        U,
        expect(K.YEAR, "2022-01-01", "2022-12-31"),
        expect(K.YEAR, "2022-01-01", "2022-12-31"),
    ),
    (
        "the following year",
        U,
        expect(K.YEAR, "2022-01-01", "2022-12-31"),
        expect(K.YEAR, "2022-01-01", "2022-12-31"),
    ),
    ("next year", U, expect(K.YEAR, "2022-01-01", "2022-12-31"), expect(K.YEAR, "2022-01-01", "2022-12-31")),
    ("cari il", U, expect(K.YEAR, "2021-01-01", "2021-12-31"), expect(K.YEAR, "2021-01-01", "2021-12-31")),
    (
        "текущий год",
        U,
        expect(K.YEAR, "2021-01-01", "2021-12-31"),
        expect(K.YEAR, "2021-01-01", "2021-12-31"),
    ),
    (
        "current year",
        U,
        expect(K.YEAR, "2021-01-01", "2021-12-31"),
        expect(K.YEAR, "2021-01-01", "2021-12-31"),
    ),
    ("до конца текущего года", U, expect(K.YEAR, None, "2021-12-31"), expect(K.YEAR, None, "2021-12-31")),
    ("cari ilin sonunadək", U, expect(K.YEAR, None, "2021-12-31"), expect(K.YEAR, None, "2021-12-31")),
    (
        "növbəti ilin I rübü",
        U,
        expect(K.QUARTER, "2022-01-01", "2022-03-31"),
        expect(K.QUARTER, "2022-01-01", "2022-03-31"),
    ),
    # without a year: the plan's year when it lies within one calendar year
    ("до 1 июля", U, expect(K.DATE, None, "2022-07-01"), U),
    ("dekabr ayı", U, expect(K.MONTH, "2022-12-01", "2022-12-31"), U),
    ("IV rüb", U, expect(K.QUARTER, "2022-10-01", "2022-12-31"), U),
    ("by end of June", U, expect(K.MONTH, None, "2022-06-30"), U),
    ("iyulun 1-dək", U, expect(K.DATE, None, "2022-07-01"), U),
    ("ilin sonunadək", U, expect(K.YEAR, None, "2022-12-31"), U),
    ("iyun-iyul", U, expect(K.MONTH, "2022-06-01", "2022-07-31"), U),
    ("I–II квартал", U, expect(K.QUARTER, "2022-01-01", "2022-06-30"), U),
    ("10-20 iyun", U, expect(K.DATE, "2022-06-10", "2022-06-20"), U),
    # a period with its own year keeps it
    (
        "IV rüb 2023",
        expect(K.QUARTER, "2023-10-01", "2023-12-31"),
        expect(K.QUARTER, "2023-10-01", "2023-12-31"),
        expect(K.QUARTER, "2023-10-01", "2023-12-31"),
    ),
]


@pytest.mark.parametrize(
    ("text", "alone", "one_year", "five_years"), CONTEXT, ids=[row[0] for row in CONTEXT]
)
def test_cells_read_in_their_plans_context(text: str, alone: dict, one_year: dict, five_years: dict) -> None:
    assert fields(parse_deadline(text)) == alone
    assert fields(parse_deadline(text, adopted_on=ADOPTED, period=ONE_YEAR)) == one_year
    assert fields(parse_deadline(text, adopted_on=ADOPTED, period=FIVE_YEARS)) == five_years


def test_next_year_without_an_act_counts_from_the_plans_first_year() -> None:
    assert fields(parse_deadline("növbəti il", period=FIVE_YEARS)) == expect(
        K.YEAR, "2022-01-01", "2022-12-31"
    )
    assert fields(parse_deadline("cari il", period=FIVE_YEARS)) == expect(K.YEAR, "2021-01-01", "2021-12-31")
    # the adoption date wins over the period
    assert parse_deadline("next year", adopted_on=date(2024, 12, 30), period=FIVE_YEARS).start == date(
        2025, 1, 1
    )


def test_a_duration_from_the_31st_ends_on_the_last_day_of_a_shorter_month() -> None:
    assert parse_deadline("1 ay ərzində", adopted_on=date(2023, 1, 31)).end == date(2023, 2, 28)


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("7/6/2022", "2022-06-07", "2022-07-06"),
        ("by 3/4/2023", "2023-04-03", "2023-03-04"),
        ("01/02/22", "2022-02-01", "2022-01-02"),
        ("до 5/11/2024", "2024-11-05", "2024-05-11"),
    ],
)
def test_ambiguous_numeric_dates_are_flagged_with_both_readings(text: str, first: str, second: str) -> None:
    deadline = parse_deadline(text)

    assert deadline.kind is K.UNPARSEABLE
    assert deadline.needs_review
    assert (deadline.start, deadline.end) == (None, None)
    assert deadline.doubt == f"ambiguous_date:{first}/{second}"
    assert deadline.ambiguous_dates == (date.fromisoformat(first), date.fromisoformat(second))


@pytest.mark.parametrize(
    "text",
    [
        "7.6.2022",  # dots are day-first: not ambiguous
        "—",
        "vaxtaşırı",
        "müvafiq qaydada",
        "по плану работы",
        "13/13/2022",
        "7/6/202",
        "iyun–iyun 2022",  # a range that goes nowhere
        "iyul–iyun 2022",  # or backwards
        "до июня–июля 2022",
        "iyun – II rüb 2022",  # parts of different kinds
        "1-ci il ərzində",  # the plan's first year, not a duration
        "ay ərzində",
    ],
)
def test_what_a_person_would_guess_stays_unparseable_and_is_not_called_ambiguous(text: str) -> None:
    deadline = parse_deadline(text, adopted_on=ADOPTED, period=FIVE_YEARS)
    if text == "7.6.2022":
        assert fields(deadline) == expect(K.DATE, "2022-06-07", "2022-06-07")
        return
    assert deadline.kind is K.UNPARSEABLE
    assert deadline.ambiguous_dates is None


def test_the_cache_serves_plans_of_the_same_years_from_one_entry() -> None:
    from koordinat.plans.deadlines import _parse

    _parse.cache_clear()
    for day in range(1, 29):  # thirty plans of 2022 with no approving act: one reading
        parse_deadline("IV rüb", period=(date(2022, 1, day), date(2022, 12, 31)))
    assert _parse.cache_info().misses == 1


NEW_FRAGMENTS = [
    *(text for table in WRITTEN.values() for text, _ in table),
    *(row[0] for row in CONTEXT),
    "7/6/2022",
    "DASH",
    "—",
    "«",
    "\u00ad",
    "növbəti",
    "cari",
    "ərzində",
    "within",
    "from",
    "с",
    "по",
    "AMBIG20220607X20220706",
]


@given(
    st.lists(st.sampled_from(NEW_FRAGMENTS), max_size=4).map(" ".join),
    st.sampled_from([None, ADOPTED]),
    st.sampled_from([None, ONE_YEAR, FIVE_YEARS]),
)
def test_never_raises_on_mixed_cells_in_any_context(text: str, adopted_on: date | None, period: Any) -> None:
    deadline = parse_deadline(text, adopted_on=adopted_on, period=period)
    assert deadline.text == text.strip()
    if deadline.start and deadline.end:
        assert deadline.start <= deadline.end
    if deadline.kind is DeadlineKind.UNPARSEABLE:
        assert (deadline.start, deadline.end) == (None, None)
