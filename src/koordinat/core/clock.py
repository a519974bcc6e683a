"""The time services stamp on what they record.

Normally the wall clock. `at(moment)` sets it for the code inside, so a loader can replay a
year of history (the demo) with every event, report and audit row dated when it happened.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_moment: ContextVar[datetime.datetime | None] = ContextVar("koordinat_clock", default=None)


def now() -> datetime.datetime:
    return _moment.get() or timezone.now()


def today() -> datetime.date:
    return timezone.localdate(now())


def is_set() -> bool:
    """Whether the code runs inside `at` (a replay of history), not on the wall clock."""
    return _moment.get() is not None


@contextmanager
def at(moment: datetime.datetime) -> Iterator[None]:
    token = _moment.set(moment)
    try:
        yield
    finally:
        _moment.reset(token)
