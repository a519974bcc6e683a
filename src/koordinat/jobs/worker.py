"""`koordinat worker`: django-tasks-db's worker, with what a shared production queue needs besides.

django-tasks-db claims a job under a row lock (SELECT … FOR UPDATE SKIP LOCKED on PostgreSQL, an
exclusive transaction on SQLite), so workers on several machines never take the same row. It leaves
three things to us, added here:

- Retries: a job that raises is tried again after a wait that doubles each time
  (KOORDINAT_JOB_BACKOFF_SECONDS, at most an hour), and after KOORDINAT_JOB_ATTEMPTS attempts stays
  failed with its error. It never loops.
- Leases: a running job holds a lease its worker's heartbeat keeps extending. A worker killed
  mid-job stops extending it; once it expires, another worker puts the job back in the queue
  (counting the lost attempt). Jobs are idempotent (jobs.effects), so running one again is safe.
- The schedule: every worker enqueues the daily jobs that fall due (jobs.schedule).
"""

import datetime
import logging
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import OperationalError, close_old_connections, connection
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from . import schedule
from .models import Lease

logger = logging.getLogger("koordinat.jobs")
READY, RUNNING, FAILED = TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.FAILED
MAX_BACKOFF = datetime.timedelta(hours=1)
SCHEDULE_EVERY = 30.0  # seconds between a worker's looks at the schedule and at expired leases


class WorkerLost(Exception):
    """The error a job is left with when the worker running it stopped without finishing it."""


def backoff(attempts: int) -> datetime.timedelta:
    """The wait before the next attempt after `attempts` failed ones: base, 2 × base, 4 × base, …"""
    base = datetime.timedelta(seconds=settings.KOORDINAT_JOB_BACKOFF_SECONDS)
    return min(base * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


def lease_length() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.KOORDINAT_JOB_LEASE_SECONDS)


class Worker(DatabaseWorker):
    """django-tasks-db's worker (its signal handling, task running and logging) with its loop
    extended by retries, leases and the schedule."""

    def __init__(self, *, schedule_every: float = SCHEDULE_EVERY, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.schedule_every = schedule_every
        self._tended_at = -float("inf")

    def queue(self) -> Any:
        tasks = DBTaskResult.objects.filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        return tasks

    def run(self) -> None:
        logger.info("Starting worker %s, queues %s", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # workers started together do not poll in step
        while self.running:
            close_old_connections()
            if time.monotonic() - self._tended_at >= self.schedule_every:
                self.tend()
            result = self.claim_next()
            if result is not None:
                self.run_task(result)
            elif self.batch:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and result is None:
                time.sleep(self.interval)

    def tend(self) -> None:
        """Put back the jobs of lost workers, then enqueue the daily jobs that fell due."""
        self._tended_at = time.monotonic()
        try:
            self.reclaim_expired()
            schedule.enqueue_due()
        except OperationalError as error:
            if not is_locked_database_exception(error):
                raise

    def claim_next(self) -> DBTaskResult | None:
        """The next ready job, claimed with a lease in one transaction; None if there is none (or
        SQLite is busy: the next round tries again)."""
        tasks = self.queue().ready()
        try:
            with exclusive_transaction(tasks.db):
                result = tasks.get_locked()
                if result is not None:
                    result.claim(self.worker_id)
                    Lease.objects.update_or_create(
                        result=result,
                        defaults={"worker_id": self.worker_id, "expires_at": timezone.now() + lease_length()},
                    )
                return result
        except OperationalError as error:
            if is_locked_database_exception(error):
                return None
            raise

    def run_task(self, db_task_result: DBTaskResult) -> None:
        with self.heartbeat(db_task_result):
            super().run_task(db_task_result)
        Lease.objects.filter(result=db_task_result).delete()
        if db_task_result.status == FAILED:
            self.retry_or_fail(db_task_result)

    def retry_or_fail(self, result: DBTaskResult) -> None:
        """Back in the queue after a wait, keeping its error, while it has attempts left."""
        attempts = len(result.worker_ids)
        if attempts >= settings.KOORDINAT_JOB_ATTEMPTS:
            logger.error("Job %s failed after %d attempts", result.pk, attempts)
            return
        run_after = timezone.now() + backoff(attempts)
        DBTaskResult.objects.filter(pk=result.pk, status=FAILED).update(
            status=READY, run_after=run_after, finished_at=None
        )
        result.status, result.run_after, result.finished_at = READY, run_after, None
        logger.warning("Job %s: attempt %d failed; next attempt after %s", result.pk, attempts, run_after)

    def reclaim_expired(self) -> list[DBTaskResult]:
        """Running jobs whose lease expired (or that were claimed and never given one), back in the
        queue, or failed with WorkerLost when that was their last attempt."""
        now = timezone.now()
        expired = Q(lease__expires_at__lt=now) | Q(lease__isnull=True, started_at__lt=now - lease_length())
        reclaimed = []
        with exclusive_transaction(DBTaskResult.objects.db):
            stale = (
                self.queue()
                .filter(expired, status=RUNNING)
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("started_at")[:100]
            )
            for result in stale:
                lost = result.worker_ids[-1] if result.worker_ids else "?"
                error = WorkerLost(f"Worker {lost} stopped while running this job (its lease expired).")
                result.set_failed(error)
                Lease.objects.filter(result=result).delete()
                logger.warning("Job %s: its worker %s was lost", result.pk, lost)
                self.retry_or_fail(result)
                reclaimed.append(result)
        return reclaimed

    @contextmanager
    def heartbeat(self, result: DBTaskResult) -> Iterator[None]:
        """Extend the job's lease from a thread (with its own database connection) while it runs."""
        stop = threading.Event()
        every = lease_length().total_seconds() / 3

        def beat() -> None:
            try:
                while not stop.wait(every):
                    try:
                        extended = Lease.objects.filter(result=result, worker_id=self.worker_id).update(
                            expires_at=timezone.now() + lease_length()
                        )
                    except OperationalError as error:
                        if not is_locked_database_exception(error):
                            raise
                        continue
                    if not extended:
                        logger.warning("Job %s: lease lost to another worker", result.pk)
            finally:
                connection.close()

        thread = threading.Thread(target=beat, name=f"heartbeat-{result.pk}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()
