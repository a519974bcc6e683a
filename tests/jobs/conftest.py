import pytest

from koordinat.jobs import schedule
from koordinat.jobs.worker import Worker

from . import tasks

DAILY = "tests.jobs.tasks.count_day"


@pytest.fixture
def queue(settings):
    """The database queue a worker takes jobs from (other tests run jobs at once), three attempts
    with a ten-second first wait, and the day's jobs due from midnight."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.KOORDINAT_JOB_ATTEMPTS = 3
    settings.KOORDINAT_JOB_BACKOFF_SECONDS = 10
    settings.KOORDINAT_DAILY_JOBS_HOUR = 0
    settings.KOORDINAT_SCHEDULE_CATCH_UP_DAYS = 7
    tasks.RUNS.clear()
    yield
    tasks.RUNS.clear()


@pytest.fixture
def only_test_schedule(monkeypatch):
    """The schedule holds the test's daily job alone."""
    monkeypatch.setattr(schedule, "daily_jobs", lambda: [DAILY])


def make_worker(name: str = "worker-1", **options) -> Worker:
    defaults = {
        "queue_names": ["default"],
        "excluded_queue_names": [],
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": name,
        "schedule_every": 0,
    }
    return Worker(**{**defaults, **options})


def run_next(worker: Worker):
    """Claim the next ready job and run it, as one round of the worker's loop does; the row after."""
    result = worker.claim_next()
    assert result is not None, "no job was ready"
    worker.run_task(result)
    result.refresh_from_db()
    return result
