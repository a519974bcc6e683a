"""Working days of Azerbaijan, for control dates that must not fall on a day off.

A report due on a Saturday or on Novruz is due on the last working day before it, so
every control date goes through a `WorkingCalendar`. Holidays that move with the lunar
calendar (Ramazan and Qurban bayramı) and the days the Cabinet of Ministers moves each
year cannot be computed and come from settings.
"""

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SATURDAY_AND_SUNDAY = frozenset({5, 6})
DEFAULT_YEARS = range(2015, 2036)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ONE_DAY = timedelta(days=1)


class WorkingCalendar:
    """Which days are working days: weekdays that are not holidays, plus transferred working days."""

    def __init__(
        self,
        *,
        holidays: Iterable[date] = (),
        weekend: frozenset[int] = SATURDAY_AND_SUNDAY,
        extra_working_days: Iterable[date] = (),
    ) -> None:
        if not weekend <= set(range(7)):
            raise ValueError(f"weekend holds weekday numbers 0 (Monday) to 6 (Sunday), not {sorted(weekend)}")
        if len(weekend) == 7:
            # Every search for a working day would run forever.
            raise ValueError("weekend cannot hold all seven days of the week")
        self.holidays = frozenset(holidays)
        self.weekend = weekend
        # A transferred working day wins over a holiday or weekend on the same date: it is the more specific rule.
        self.extra_working_days = frozenset(extra_working_days)

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        return day not in self.holidays and day.weekday() not in self.weekend

    def previous_working_day(self, day: date) -> date:
        """The day itself if it is a working day, else the last working day before it."""
        while not self.is_working_day(day):
            day -= _ONE_DAY
        return day

    def next_working_day(self, day: date) -> date:
        """The day itself if it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def add_working_days(self, day: date, count: int) -> date:
        """The date `count` working days after `day` (before it if negative); `day` itself need not be one.

        A count of 0 returns `day` unchanged, so "within 0 working days" means the same day.
        """
        step = _ONE_DAY if count >= 0 else -_ONE_DAY
        remaining = abs(count)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day


def azerbaijan_fixed_holidays(year: int) -> list[date]:
    """The fixed-date days off of the Labour Code, art. 105, in the version in force since 2021.

    20 January (day of national mourning), 12 November and 17 November are holidays but
    working days, so they are not here. Earlier versions of the list are not modelled: plans
    under control start in 2021 or later.
    """
    month_days = [
        (1, 1),  # New Year
        (1, 2),
        (3, 8),  # Women's Day
        (3, 20),  # Novruz, five days
        (3, 21),
        (3, 22),
        (3, 23),
        (3, 24),
        (5, 9),  # Victory over fascism
        (5, 28),  # Independence Day
        (6, 15),  # National Salvation
        (6, 26),  # Armed Forces
        (11, 8),  # Victory Day
        (11, 9),  # State Flag Day
        (12, 31),  # Solidarity of World Azerbaijanis
    ]
    return [date(year, month, day) for month, day in month_days]


def transferred_days_off(
    holidays: Iterable[date], *, weekend: frozenset[int] = SATURDAY_AND_SUNDAY
) -> set[date]:
    """Days off that replace holidays falling on a weekend (Labour Code, art. 105.5).

    Each such holiday gives the next day that is neither weekend, holiday nor already
    given, so Novruz on Saturday and Sunday also closes the Wednesday and Thursday after it.
    """
    holiday_set = set(holidays)
    transferred: set[date] = set()
    for holiday in sorted(holiday_set):
        if holiday.weekday() not in weekend:
            continue
        day = holiday + _ONE_DAY
        while day.weekday() in weekend or day in holiday_set or day in transferred:
            day += _ONE_DAY
        transferred.add(day)
    return transferred


def _is_valid_iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _dates_from_setting(name: str) -> list[date]:
    value = getattr(settings, name, [])
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ImproperlyConfigured(f"{name} must be a list of 'YYYY-MM-DD' strings, not {value!r}.")
    days = []
    for item in value:
        if isinstance(item, date) and not isinstance(item, datetime):
            days.append(item)
        # date.fromisoformat alone also takes "20260101" and week dates; the setting promises YYYY-MM-DD.
        elif isinstance(item, str) and _ISO_DATE.fullmatch(item) and _is_valid_iso_date(item):
            days.append(date.fromisoformat(item))
        else:
            raise ImproperlyConfigured(f"{name} contains {item!r}, which is not a 'YYYY-MM-DD' date.")
    return days


def default_calendar(years: Iterable[int] | None = None) -> WorkingCalendar:
    """Azerbaijan's calendar: fixed holidays with their weekend transfers, plus what settings add.

    settings.KOORDINAT_HOLIDAYS lists the days off the Cabinet of Ministers announces each
    year for Ramazan and Qurban bayramı, their transfers included, and any one-off day off;
    they are taken as they are. settings.KOORDINAT_EXTRA_WORKING_DAYS lists weekend days made
    working days, and also overrides a computed transfer the Cabinet decided differently.
    """
    fixed = [
        day for year in (DEFAULT_YEARS if years is None else years) for day in azerbaijan_fixed_holidays(year)
    ]
    days_off = set(fixed) | transferred_days_off(fixed) | set(_dates_from_setting("KOORDINAT_HOLIDAYS"))
    return WorkingCalendar(
        holidays=days_off, extra_working_days=_dates_from_setting("KOORDINAT_EXTRA_WORKING_DAYS")
    )
