"""What analytics keeps: the at-risk forecast's trained model and each open item's latest score.

Scores are written by the daily job (forecast.services.refresh) so pages read them with one query;
their reasons are kept as keys and numbers and put into words when read, in the reader's language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from koordinat.core.models import BaseModel


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
