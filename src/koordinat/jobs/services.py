"""What an administrator does to the job queue."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from koordinat.accounts.models import User
from koordinat.core import audit

from .models import STATUS_LABELS
from .permissions import can_manage_jobs

FAILED, READY = TaskResultStatus.FAILED, TaskResultStatus.READY


@transaction.atomic
def job_retry(*, actor: User, job: DBTaskResult) -> DBTaskResult:
    """A failed job back in the queue at once, with a fresh set of attempts; its last error stays
    shown until it runs. Jobs are idempotent, so what its failed attempts did is not done twice."""
    audit.require(can_manage_jobs, actor, job, action="job.retry")
    current = DBTaskResult.objects.select_for_update().get(pk=job.pk)
    if current.status != FAILED:
        raise ValidationError(
            _("Only a failed job can be tried again; this one is “%(status)s”.")
            % {"status": STATUS_LABELS[current.status]}
        )
    attempts = len(current.worker_ids)
    current.status, current.run_after, current.worker_ids = READY, get_date_max(), []
    current.started_at = current.finished_at = None
    current.save(update_fields=["status", "run_after", "worker_ids", "started_at", "finished_at"])
    audit.record(
        actor=actor,
        action="job.retry",
        target=current,
        data={"task": current.task_path, "attempts": attempts, "error": current.exception_class_path},
    )
    return current
