"""What analytics keeps: the official execution reports generated, each with the data it was drawn from."""

from typing import Any, Self
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koordinat.core.models import TimestampedModel

from .permissions import can_produce_official_reports


def _document_path(instance: "OfficialReport", filename: str) -> str:
    """A random name under the default (private) storage; the download view names the file."""
    name = uuid4().hex
    return f"official-reports/{name[:2]}/{name}"


class OfficialReportQuerySet(models.QuerySet["OfficialReport"]):
    def visible_to(self, user: Any) -> Self:
        """The office's readers (coordinators, observers, administrators) see every document; they are
        the only ones who may make or read one (analytics.permissions), everyone else sees none."""
        if not can_produce_official_reports(user):
            return self.none()
        return self


class OfficialReport(TimestampedModel):
    """One generated "Information on the execution of <plan> for <period>": its request, its progress,
    the file and the data as of the period's end that the file was drawn from (`snapshot`)."""

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("job status", "queued")
        RUNNING = "running", pgettext_lazy("job status", "running")
        DONE = "done", pgettext_lazy("job status", "done")
        FAILED = "failed", pgettext_lazy("job status", "failed")

    plan = models.ForeignKey(
        "plans.Plan", verbose_name=_("plan"), on_delete=models.CASCADE, related_name="official_reports"
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress, %"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to=_document_path, blank=True)
    size = models.PositiveBigIntegerField(_("size, bytes"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    generated_at = models.DateTimeField(_("generated"), null=True, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, blank=True)
    snapshot = models.JSONField(_("data as of the period's end"), null=True, blank=True, editable=False)

    objects = OfficialReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("official execution report")
        verbose_name_plural = _("official execution reports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["plan", "-created_at"], name="official_report_plan_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="official_report_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.period_start}–{self.period_end} {self.language} {self.format}"

    def get_absolute_url(self) -> str:
        return reverse("analytics:official_report", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
