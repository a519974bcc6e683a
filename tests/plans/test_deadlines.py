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
]

EN = [
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
