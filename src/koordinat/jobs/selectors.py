"""Reads of the job queue for the jobs page."""

from typing import Any

from django.db.models import Count, QuerySet
from django_tasks_db.models import DBTaskResult

from .permissions import can_manage_jobs

# The columns the page shows; the arguments and return value stay in the database.
COLUMNS = (
    "id",
    "status",
    "task_path",
    "args_kwargs",
    "enqueued_at",
    "started_at",
    "finished_at",
    "worker_ids",
    "exception_class_path",
    "traceback",
)


def jobs(*, user: Any, status: str | None = None) -> QuerySet[DBTaskResult]:
    """The queue's jobs, newest first; none for anyone but an administrator."""
    if not can_manage_jobs(user, None):
        return DBTaskResult.objects.none()
    found = DBTaskResult.objects.only(*COLUMNS).order_by("-enqueued_at", "id")
    return found.filter(status=status) if status else found


def job_counts(*, user: Any) -> dict[str, int]:
    """How many jobs are in each status, in one query."""
    if not can_manage_jobs(user, None):
        return {}
    rows = DBTaskResult.objects.order_by().values("status").annotate(total=Count("id"))
    return {row["status"]: row["total"] for row in rows}


def job(*, user: Any, pk: Any) -> DBTaskResult:
    return jobs(user=user).get(pk=pk)
