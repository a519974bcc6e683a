"""The worker: retries with a doubling wait and then failure, leases taken over from lost workers."""

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from koordinat.jobs.models import Lease
from koordinat.jobs.worker import backoff

from . import tasks
from .workers import make_worker, run_next

pytestmark = pytest.mark.django_db


def wait_is_over(job: DBTaskResult) -> None:
    DBTaskResult.objects.filter(pk=job.pk).update(run_after=timezone.now() - datetime.timedelta(seconds=1))


def test_a_job_that_raises_is_retried_after_a_doubling_wait_then_fails_with_its_error(queue):
    job = DBTaskResult.objects.get(pk=tasks.always_fails.enqueue(name="statistics").id)
    worker = make_worker()
    waits = []
    for attempt in (1, 2):
        before = timezone.now()
        job = run_next(worker)
        assert (job.status, len(job.worker_ids)) == ("READY", attempt)
        assert "The archive for statistics cannot be reached" in job.traceback  # the last error, shown
        waits.append(round((job.run_after - before).total_seconds()))
        assert worker.claim_next() is None  # not before its wait is over
        wait_is_over(job)
    assert waits == [10, 20]
    job = run_next(worker)
    assert (job.status, len(job.worker_ids)) == ("FAILED", 3)
    assert job.exception_class_path == "builtins.RuntimeError"
    assert "The archive for statistics cannot be reached" in job.traceback
    assert worker.claim_next() is None  # failed for good: it never loops
    assert tasks.RUNS == ["statistics"] * 3
    assert not Lease.objects.exists()


def test_the_wait_doubles_up_to_an_hour(settings):
    settings.KOORDINAT_JOB_BACKOFF_SECONDS = 60
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 7, 20)] == [60, 120, 240, 3600, 3600]


def test_a_job_that_succeeds_is_done_with_its_value(queue):
    tasks.succeeds.enqueue(name="digest")
    job = run_next(make_worker())
    assert (job.status, job.return_value, len(job.worker_ids)) == ("SUCCESSFUL", "digest", 1)


def claimed_and_abandoned(worker_name: str) -> DBTaskResult:
    """A job a worker claimed and then died running: left running, its lease no longer renewed."""
    tasks.succeeds.enqueue(name="report")
    job = make_worker(worker_name).claim_next()
    assert job is not None
    assert job.status == "RUNNING"
    assert Lease.objects.get(result=job).worker_id == worker_name
    return job


def test_a_running_job_whose_lease_has_not_expired_is_left_to_its_worker(queue):
    job = claimed_and_abandoned("lost")
    assert make_worker("other").reclaim_expired() == []
    job.refresh_from_db()
    assert job.status == "RUNNING"


def test_a_job_whose_worker_was_lost_is_taken_again_when_its_lease_expires(queue):
    job = claimed_and_abandoned("lost")
    Lease.objects.filter(result=job).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    other = make_worker("other")
    assert [job.pk for job in other.reclaim_expired()] == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.exception_class_path) == ("READY", "koordinat.jobs.worker.WorkerLost")
    assert "Worker lost stopped" in job.traceback
    wait_is_over(job)
    job = run_next(other)
    assert (job.status, job.worker_ids) == ("SUCCESSFUL", ["lost", "other"])


def test_a_lost_job_on_its_last_attempt_fails(queue, settings):
    settings.KOORDINAT_JOB_ATTEMPTS = 1
    job = claimed_and_abandoned("lost")
    Lease.objects.filter(result=job).delete()  # claimed, killed before its lease was written
    DBTaskResult.objects.filter(pk=job.pk).update(started_at=timezone.now() - datetime.timedelta(hours=1))
    make_worker("other").reclaim_expired()
    job.refresh_from_db()
    assert (job.status, job.exception_class_path) == ("FAILED", "koordinat.jobs.worker.WorkerLost")
    assert make_worker("other").claim_next() is None
