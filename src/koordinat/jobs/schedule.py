"""The schedule, declared in code: each app names its daily jobs in its AppConfig, as it names its
demo loaders and scale generator, and the workers enqueue them (no cron):

    class NotificationsConfig(AppConfig):
        daily_jobs = ("koordinat.notifications.services.send_reminders",)

A daily job is a function `job(*, day: datetime.date)` that does the day's work as of `day` and
returns what it did (JSON: counts, ids). It must be idempotent (see jobs.effects): a killed worker's
job runs again.

Each job runs once a day however many workers run: its day's `DailyRun` row is unique, and the job is
enqueued in the transaction that inserts it. A day is due from KOORDINAT_DAILY_JOBS_HOUR (local
time). After downtime the missed days run one after another, oldest first (the next day is enqueued
when the previous day's run has finished, successfully or not), at most the last
KOORDINAT_SCHEDULE_CATCH_UP_DAYS of them; a fresh installation starts with the current day.
"""

import datetime
import logging
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus, task

from .models import DailyRun

logger = logging.getLogger(__name__)
UNFINISHED = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


def daily_jobs() -> list[str]:
    """Every app's daily jobs, in the order the apps are installed."""
    return [path for config in apps.get_app_configs() for path in getattr(config, "daily_jobs", ())]


def schedule_day(now: datetime.datetime) -> datetime.date:
    """The latest day whose jobs are due at `now`: today from KOORDINAT_DAILY_JOBS_HOUR, else yesterday."""
    local = timezone.localtime(now)
    return (
        local.date()
        if local.hour >= settings.KOORDINAT_DAILY_JOBS_HOUR
        else local.date() - datetime.timedelta(1)
    )


def next_day(job: str, due: datetime.date) -> datetime.date | None:
    """The day `job` runs for next, if one is due and the job's previous day has finished."""
    last = DailyRun.objects.filter(job=job).order_by("-day").values("day", "result__status").first()
    if last is None:
        return due
    if last["day"] >= due or last["result__status"] in UNFINISHED:
        return None
    earliest = due - datetime.timedelta(days=settings.KOORDINAT_SCHEDULE_CATCH_UP_DAYS - 1)
    return max(last["day"] + datetime.timedelta(days=1), earliest)


@task()
def run_daily_job(job: str, day: str) -> Any:
    """The one task behind every daily job: run `job` for `day` (ISO). Only a job an installed app
    declares runs: a row's path is never imported blindly."""
    if job not in daily_jobs():
        raise LookupError(f"{job!r} is not a daily job any installed app declares.")
    return import_string(job)(day=datetime.date.fromisoformat(day))


def enqueue_due(*, now: datetime.datetime | None = None) -> list[DailyRun]:
    """Enqueue each daily job's next due day; what another worker enqueued first is left to it."""
    due = schedule_day(now or timezone.now())
    enqueued = []
    for job in daily_jobs():
        day = next_day(job, due)
        if day is None:
            continue
        try:
            with transaction.atomic():
                run = DailyRun.objects.create(job=job, day=day)
                result = run_daily_job.enqueue(job=job, day=day.isoformat())
                run.result_id = result.id
                run.save(update_fields=["result"])
        except IntegrityError:
            continue  # another worker inserted the day's run first
        logger.info("Scheduled %s for %s", job, day)
        enqueued.append(run)
    return enqueued
