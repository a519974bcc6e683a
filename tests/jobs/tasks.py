"""Jobs the worker's tests enqueue: they record each run where the test threads can all see it."""

import datetime
import threading

from django_tasks import task

RUNS: list[str] = []
_LOCK = threading.Lock()


def ran(what: str) -> None:
    with _LOCK:
        RUNS.append(what)


@task()
def always_fails(name: str) -> None:
    ran(name)
    raise RuntimeError(f"The archive for {name} cannot be reached")


@task()
def succeeds(name: str) -> str:
    ran(name)
    return name


def count_day(*, day: datetime.date) -> str:
    """A daily job: records the day it ran for."""
    ran(day.isoformat())
    return day.isoformat()
