"""What the worker keeps beside django-tasks-db's queue (its `DBTaskResult` rows are the jobs)."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

# A job's status in words (django-tasks' own labels are not translated into Azerbaijani or Russian).
STATUS_LABELS: dict[str, Any] = {
    TaskResultStatus.READY: pgettext_lazy("job status", "queued"),
    TaskResultStatus.RUNNING: pgettext_lazy("job status", "running"),
    TaskResultStatus.SUCCESSFUL: pgettext_lazy("job status", "done"),
    TaskResultStatus.FAILED: pgettext_lazy("job status", "failed"),
}


class Lease(models.Model):
    """A running job's claim: the worker holding it pushes `expires_at` on while it lives; a job
    whose lease expired is taken again by another worker (its worker was killed or lost)."""

    result = models.OneToOneField(
        DBTaskResult, primary_key=True, on_delete=models.CASCADE, related_name="lease"
    )
    worker_id = models.CharField(max_length=64)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("job lease")
        verbose_name_plural = _("job leases")

    def __str__(self) -> str:
        return f"{self.result_id} → {self.worker_id}"


class DailyRun(models.Model):
    """One scheduled job's run for one day. The unique key is what makes a day's job enqueued once
    however many workers look at the schedule at the same moment."""

    job = models.CharField(_("job"), max_length=200)
    day = models.DateField(_("day"))
    result = models.ForeignKey(
        DBTaskResult, null=True, blank=True, on_delete=models.SET_NULL, related_name="daily_runs"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("daily run")
        verbose_name_plural = _("daily runs")
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="daily_run_once_a_day")]

    def __str__(self) -> str:
        return f"{self.job} {self.day:%Y-%m-%d}"


class Effect(models.Model):
    """An effect a job has made, by its key (see jobs.effects): written in the transaction that
    makes the effect, so a job run twice finds it and does not make it again."""

    key = models.CharField(max_length=255, primary_key=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("job effect")
        verbose_name_plural = _("job effects")

    def __str__(self) -> str:
        return self.key
