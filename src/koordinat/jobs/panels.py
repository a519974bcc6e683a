"""What the jobs add to the pages of core (see core.extensions): administrators' home page names the
jobs waiting for them."""

from typing import Any

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .permissions import can_manage_jobs


def home_jobs(*, user: Any, obj: Any) -> dict[str, Any] | None:
    if not can_manage_jobs(user, None):
        return None
    return {"failed_jobs": DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count()}


def register() -> None:
    from koordinat.core import extensions as core

    core.home.register(template="jobs/includes/home_jobs.html", context=home_jobs, order=200)
