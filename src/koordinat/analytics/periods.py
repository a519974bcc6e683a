"""Periods the analytics pages count over: a year or one of its quarters, and the quarters a
comparison sets side by side."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext

ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    year: int
    quarter: int | None = None  # None: the whole year

    @property
    def label(self) -> str:
        """ "2026" or "I quarter 2026" in the page's language."""
        if self.quarter is None:
            return str(self.year)
        return gettext("%(quarter)s quarter %(year)s") % {
            "quarter": ROMAN[self.quarter - 1],
            "year": self.year,
        }

    def has_begun(self, today: datetime.date) -> bool:
        """Something in it could have fallen due: its first day is before today."""
        return self.start < today

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return self.start <= end and start <= self.end


def quarter(year: int, number: int) -> Period:
    start = datetime.date(year, 3 * number - 2, 1)
    next_start = datetime.date(year + 1, 1, 1) if number == 4 else datetime.date(year, 3 * number + 1, 1)
    return Period(start=start, end=next_start - datetime.timedelta(days=1), year=year, quarter=number)


def year(number: int) -> Period:
    return Period(start=datetime.date(number, 1, 1), end=datetime.date(number, 12, 31), year=number)


def quarter_of(day: datetime.date) -> Period:
    return quarter(day.year, (day.month - 1) // 3 + 1)


def previous_quarter(period: Period) -> Period:
    assert period.quarter is not None
    if period.quarter == 1:
        return quarter(period.year - 1, 4)
    return quarter(period.year, period.quarter - 1)


def compared_quarters(period: Period, today: datetime.date) -> tuple[Period, Period, Period]:
    """The quarter looked at (the period's own, or for a whole year the current quarter if the year is
    running, else its last), the one before it and the same quarter a year earlier."""
    if period.quarter is not None:
        this = period
    elif period.start <= today <= period.end:
        this = quarter_of(today)
    else:
        this = quarter(period.year, 4)
    assert this.quarter is not None
    return this, previous_quarter(this), quarter(this.year - 1, this.quarter)
