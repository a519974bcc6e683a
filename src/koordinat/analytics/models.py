"""What analytics keeps: the at-risk forecast's trained model and each open item's latest score; the
official execution reports generated, each with the data it was drawn from.

Forecast scores are written by the daily job (forecast.services.refresh) so pages read them with one query;
their reasons are kept as keys and numbers and put into words when read, in the reader's language.
"""

from typing import Any, Self
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koordinat.core.models import BaseModel, TimestampedModel

from .permissions import can_produce_official_reports


class ForecastModel(BaseModel):
    """A logistic regression over named, standardised features (see forecast.features)."""

    trained_at = models.DateTimeField(_("trained"))
    as_of = models.DateField(_("knowledge as of"))
    features = models.JSONField(_("features"))  # names, in the order of the coefficients
    coefficients = models.JSONField(_("coefficients"))
    intercept = models.FloatField(_("intercept"))
    means = models.JSONField(_("feature means"))
    scales = models.JSONField(_("feature scales"))
    training_size = models.PositiveIntegerField(_("training rows"))
    positives = models.PositiveIntegerField(_("rows that missed their date"))
    metrics = models.JSONField(_("metrics"), default=dict)

    class Meta:
        verbose_name = _("forecast model")
        verbose_name_plural = _("forecast models")
        ordering = ["-trained_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.as_of} ({self.training_size})"


class ItemForecast(BaseModel):
    """One open item's chance of missing the control date it has, and why (keys and parameters)."""

    item = models.OneToOneField(
        "execution.ControlItem",
        verbose_name=_("item under control"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    model = models.ForeignKey(ForecastModel, on_delete=models.CASCADE, related_name="scores")
    probability = models.FloatField(_("chance of missing the control date"))
    control_date = models.DateField(_("control date"))
    reasons = models.JSONField(_("reasons"), default=list)  # [{"key", "params", "weight"}], strongest first
    as_of = models.DateField(_("knowledge as of"))
    computed_at = models.DateTimeField(_("computed"))

    class Meta:
        verbose_name = _("item forecast")
        verbose_name_plural = _("item forecasts")
        ordering = ["-probability", "item"]
        indexes = [models.Index(fields=["-probability", "item"], name="forecast_probability_idx")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.probability:.2f}"


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
