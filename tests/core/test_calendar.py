"""Working days of Azerbaijan and the control dates of reporting cycles."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from koordinat.core.calendar import (
    WorkingCalendar,
    azerbaijan_fixed_holidays,
    default_calendar,
    transferred_days_off,
)
from koordinat.plans.deadlines import reporting_control_dates

SATURDAY, SUNDAY = 5, 6


def test_saturday_and_sunday_are_not_working_days() -> None:
    calendar = WorkingCalendar()

    assert date(2026, 10, 10).weekday() == SATURDAY
    assert not calendar.is_working_day(date(2026, 10, 10))
    assert not calendar.is_working_day(date(2026, 10, 11))
    assert calendar.is_working_day(date(2026, 10, 9))
    assert calendar.is_working_day(date(2026, 10, 12))


def test_another_weekend_can_be_given() -> None:
    calendar = WorkingCalendar(weekend=frozenset({4, 5}))

    assert calendar.is_working_day(date(2026, 10, 11))  # Sunday
    assert not calendar.is_working_day(date(2026, 10, 9))  # Friday


@pytest.mark.parametrize("weekend", [frozenset(range(7)), frozenset({7})])
def test_a_weekend_that_leaves_no_working_day_or_is_not_a_weekday_is_refused(weekend: frozenset[int]) -> None:
    with pytest.raises(ValueError, match="weekend"):
        WorkingCalendar(weekend=weekend)


def test_a_control_date_on_saturday_moves_to_friday() -> None:
    calendar = WorkingCalendar()

    assert calendar.previous_working_day(date(2026, 10, 10)) == date(2026, 10, 9)
    assert calendar.previous_working_day(date(2026, 10, 9)) == date(2026, 10, 9)
    assert calendar.next_working_day(date(2026, 10, 10)) == date(2026, 10, 12)


def test_a_holiday_is_skipped_like_a_weekend() -> None:
    calendar = WorkingCalendar(holidays=[date(2026, 10, 9)])

    assert calendar.previous_working_day(date(2026, 10, 11)) == date(2026, 10, 8)


def test_a_transferred_working_day_works_even_on_saturday() -> None:
    calendar = WorkingCalendar(extra_working_days=[date(2026, 10, 10)])

    assert calendar.is_working_day(date(2026, 10, 10))
    assert calendar.previous_working_day(date(2026, 10, 11)) == date(2026, 10, 10)


def test_add_working_days_counts_only_working_days() -> None:
    calendar = WorkingCalendar(holidays=[date(2026, 10, 12)])

    assert calendar.add_working_days(date(2026, 10, 8), 2) == date(2026, 10, 13)  # Fri, then Tue
    assert calendar.add_working_days(date(2026, 10, 13), -2) == date(2026, 10, 8)
    assert calendar.add_working_days(date(2026, 10, 10), 0) == date(2026, 10, 10)
    assert calendar.add_working_days(date(2026, 10, 10), 1) == date(2026, 10, 13)


def test_fixed_holidays_of_the_labour_code() -> None:
    holidays = azerbaijan_fixed_holidays(2026)

    assert len(holidays) == 15
    assert {date(2026, 1, 1), date(2026, 1, 2), date(2026, 11, 8), date(2026, 11, 9)} <= set(holidays)
    assert date(2026, 1, 20) not in holidays  # day of national mourning: a working day
    assert date(2026, 11, 12) not in holidays  # Constitution Day: a working day


def test_novruz_is_five_days_off() -> None:
    calendar = default_calendar([2026])

    for day in range(20, 25):
        assert not calendar.is_working_day(date(2026, 3, day))
    assert calendar.is_working_day(date(2026, 3, 19))


def test_holidays_on_a_weekend_close_the_next_working_days() -> None:
    # 2026: Novruz covers Saturday 21 and Sunday 22 March, 9 May is a Saturday,
    # 8 November a Sunday followed by the Flag Day holiday on Monday.
    assert (date(2026, 3, 21).weekday(), date(2026, 5, 9).weekday(), date(2026, 11, 8).weekday()) == (
        SATURDAY,
        SATURDAY,
        SUNDAY,
    )

    transferred = transferred_days_off(azerbaijan_fixed_holidays(2026))

    assert {date(2026, 3, 25), date(2026, 3, 26), date(2026, 5, 11), date(2026, 11, 10)} <= transferred
    calendar = default_calendar([2026])
    assert not calendar.is_working_day(date(2026, 3, 26))
    assert calendar.is_working_day(date(2026, 3, 27))


def test_default_calendar_works_without_the_settings(settings: Any) -> None:
    del settings.KOORDINAT_HOLIDAYS
    del settings.KOORDINAT_EXTRA_WORKING_DAYS

    assert not default_calendar().is_working_day(date(2035, 1, 1))


def test_a_holiday_from_settings(settings: Any) -> None:
    qurban = date(2026, 5, 27)  # a Wednesday
    assert default_calendar([2026]).is_working_day(qurban)

    settings.KOORDINAT_HOLIDAYS = ["2026-05-27", "2026-05-28"]

    assert not default_calendar([2026]).is_working_day(qurban)


def test_a_transferred_working_day_from_settings(settings: Any) -> None:
    settings.KOORDINAT_EXTRA_WORKING_DAYS = ["2026-03-28"]

    assert default_calendar([2026]).is_working_day(date(2026, 3, 28))


@pytest.mark.parametrize("bad", ["2026-02-30", "26-05-27", "20260527", "27.05.2026", "", 20260527])
@pytest.mark.parametrize("name", ["KOORDINAT_HOLIDAYS", "KOORDINAT_EXTRA_WORKING_DAYS"])
def test_a_bad_date_in_settings_is_named(settings: Any, name: str, bad: object) -> None:
    setattr(settings, name, ["2026-05-27", bad])

    with pytest.raises(ImproperlyConfigured, match=name) as error:
        default_calendar([2026])
    assert repr(bad) in str(error.value)


def test_a_single_string_instead_of_a_list_is_refused(settings: Any) -> None:
    settings.KOORDINAT_HOLIDAYS = "2026-05-27"

    with pytest.raises(ImproperlyConfigured, match="KOORDINAT_HOLIDAYS must be a list"):
        default_calendar([2026])


def test_quarterly_control_dates_for_2026() -> None:
    # 10 days after each quarter: 10 April and 10 July 2026 are Fridays, 10 October 2026 is a
    # Saturday and 10 January 2027 a Sunday, so those two move back to Friday.
    assert [day.weekday() for day in (date(2026, 4, 10), date(2026, 7, 10))] == [4, 4]
    assert date(2026, 10, 10).weekday() == SATURDAY
    assert date(2027, 1, 10).weekday() == SUNDAY

    control_dates = reporting_control_dates(
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        periodicity="quarterly",
        due_days_after=10,
        calendar=default_calendar(),
    )

    assert control_dates == [date(2026, 4, 10), date(2026, 7, 10), date(2026, 10, 9), date(2027, 1, 8)]


def test_every_period_overlapping_the_plan_gets_a_control_date() -> None:
    calendar = WorkingCalendar()

    assert reporting_control_dates(
        start=date(2026, 2, 15),
        end=date(2026, 4, 1),
        periodicity="quarterly",
        due_days_after=0,
        calendar=calendar,
    ) == [date(2026, 3, 31), date(2026, 6, 30)]
    assert reporting_control_dates(
        start=date(2026, 3, 1),
        end=date(2027, 1, 1),
        periodicity="semi_annual",
        due_days_after=15,
        calendar=calendar,
    ) == [date(2026, 7, 15), date(2027, 1, 15), date(2027, 7, 15)]
    assert reporting_control_dates(
        start=date(2021, 1, 1),
        end=date(2023, 12, 31),
        periodicity="annual",
        due_days_after=31,
        calendar=calendar,
    ) == [date(2022, 1, 31), date(2023, 1, 31), date(2024, 1, 31)]


def test_a_holiday_moves_the_control_date_back() -> None:
    calendar = default_calendar([2026])

    # 31 March + 20 days = Monday 20 April, a working day: it stays.
    assert reporting_control_dates(
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        periodicity="quarterly",
        due_days_after=20,
        calendar=calendar,
    ) == [date(2026, 4, 20)]
    # Q1 with no delay ends on 31 March; a holiday on it moves the date to the day before.
    assert reporting_control_dates(
        start=date(2026, 1, 1),
        end=date(2026, 3, 31),
        periodicity="quarterly",
        due_days_after=0,
        calendar=WorkingCalendar(holidays=[date(2026, 3, 31)]),
    ) == [date(2026, 3, 30)]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"periodicity": "weekly"}, "Unknown reporting periodicity 'weekly'"),
        ({"start": date(2026, 12, 31), "end": date(2026, 1, 1)}, "ends"),
        ({"due_days_after": -1}, "cannot be negative"),
    ],
)
def test_bad_reporting_arguments_are_explained(arguments: dict[str, Any], message: str) -> None:
    call: dict[str, Any] = {
        "start": date(2026, 1, 1),
        "end": date(2026, 12, 31),
        "periodicity": "quarterly",
        "due_days_after": 10,
        "calendar": WorkingCalendar(),
    }
    with pytest.raises(ValueError, match=message):
        reporting_control_dates(**(call | arguments))
