import pytest

from koordinat.jobs import schedule

from . import tasks

DAILY = "tests.jobs.tasks.count_day"


@pytest.fixture
def only_test_schedule(monkeypatch):
    """The schedule holds the test's daily job alone."""
    monkeypatch.setattr(schedule, "daily_jobs", lambda: [DAILY])


@pytest.fixture(autouse=True)
def _no_runs_yet():
    tasks.RUNS.clear()
    yield
    tasks.RUNS.clear()
