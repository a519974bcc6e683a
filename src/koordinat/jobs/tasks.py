"""The one task behind every scheduled job (see jobs.schedule)."""

import datetime
from typing import Any

from django.utils.module_loading import import_string
from django_tasks import task

from . import schedule


@task()
def run_daily_job(job: str, day: str) -> Any:
    """Run a declared daily job for `day` (ISO). Only a job an app declares runs: a row's path is
    never imported blindly."""
    if job not in schedule.daily_jobs():
        raise LookupError(f"{job!r} is not a daily job any installed app declares.")
    return import_string(job)(day=datetime.date.fromisoformat(day))
