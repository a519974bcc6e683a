"""Dates people give are held to a sane range of years (settings `KOORDINAT_DATE_MIN_YEAR`,
`KOORDINAT_DATE_MAX_YEAR`, 1900 to 2100 by default).

Python's dates run from year 1 to 9999, so "9999-12-31" is a valid date until code adds a day to
it (a control date, a report due date, the next meeting of a series) and raises OverflowError, and
"0001-01-01 10:00" in Baku cannot even be stored in UTC. Every form field of a date or a moment
(`core.fields`) refuses them with a message on the field; every service that takes one is wrapped in
`dates_in_range`, so the API, commands and imports are held to the same range.
"""

import datetime
import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

P = ParamSpec("P")
R = TypeVar("R")


def date_range() -> tuple[datetime.date, datetime.date]:
    return (
        datetime.date(settings.KOORDINAT_DATE_MIN_YEAR, 1, 1),
        datetime.date(settings.KOORDINAT_DATE_MAX_YEAR, 12, 31),
    )


def in_range(value: datetime.date) -> bool:
    """A moment counts by its day in the time zone it was given in."""
    day = value.date() if isinstance(value, datetime.datetime) else value
    first, last = date_range()
    return first <= day <= last


def out_of_range_message() -> str:
    first, last = date_range()
    return _("Enter a date from %(first)s to %(last)s.") % {
        "first": first.isoformat(),
        "last": last.isoformat(),
    }


def validate_date_in_range(value: datetime.date) -> None:
    """A form field's validator."""
    if not in_range(value):
        raise ValidationError(out_of_range_message(), code="date_range")


def dates_in_range(service: Callable[P, R]) -> Callable[P, R]:
    """A service's keyword arguments that are dates or moments outside the range are refused, each
    on its own field (the name of the argument), before the service does anything."""

    @functools.wraps(service)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        errors = {
            name: out_of_range_message()
            for name, value in kwargs.items()
            if isinstance(value, datetime.date) and not in_range(value)
        }
        if errors:
            raise ValidationError(errors)
        return service(*args, **kwargs)

    return checked
