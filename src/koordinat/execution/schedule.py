"""Reporting periods of a plan and the dates its reports fall due."""

import calendar as month_calendar
from datetime import date, timedelta

from koordinat.core.calendar import WorkingCalendar

PERIOD_MONTHS = {"quarterly": 3, "semi_annual": 6, "annual": 12}


def reporting_periods(*, start: date, end: date, periodicity: str) -> list[tuple[date, date]]:
    """Calendar quarters, halves or years overlapping [start, end], clipped to it."""
    months = PERIOD_MONTHS[periodicity]
    periods = []
    period_start = date(start.year, (start.month - 1) // months * months + 1, 1)
    while period_start <= end:
        last_month = period_start.month + months - 1
        period_end = date(
            period_start.year, last_month, month_calendar.monthrange(period_start.year, last_month)[1]
        )
        periods.append((max(period_start, start), min(period_end, end)))
        period_start = period_end + timedelta(days=1)
    return periods


def due_date_after(period_end: date, days: int, calendar: WorkingCalendar) -> date:
    """The report is due `days` after the period; a day off moves it to the working day before."""
    return calendar.previous_working_day(period_end + timedelta(days=days))


def last_ended_period(*, start: date, end: date, periodicity: str, today: date) -> tuple[date, date] | None:
    """The latest period that ended before today: the one whose cycle opens now."""
    ended = [
        period
        for period in reporting_periods(start=start, end=end, periodicity=periodicity)
        if period[1] < today
    ]
    return ended[-1] if ended else None
