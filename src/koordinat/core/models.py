"""Shared model bases and the hash-chained audit log."""

from __future__ import annotations

import functools
from typing import Any, Self, TypeVar

from django.conf import settings
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

from .errors import ConcurrentEditError

_M = TypeVar("_M", bound=models.Model)


class SignedInQuerySet(models.QuerySet[_M]):
    """Rows any signed-in, active user may read (reference data and internal work); none for the public."""

    def visible_to(self, user: Any) -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self


@functools.cache
def _choice_labels(field: models.Field[Any, Any]) -> dict[Any, Any]:
    return dict(make_hashable(field.flatchoices))


class BaseModel(models.Model):
    """The base of Koordinat's models. `get_<field>_display()` looks its label up in a dict built
    once per field: Django builds the dict again on every call, which made a list of fifty rows
    with two statuses each spend a tenth of its time there. Labels stay lazy, so each reader gets
    them in the page's language."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> Any:
        value = getattr(self, field.attname)
        return force_str(_choice_labels(field).get(make_hashable(value), value), strings_only=True)


class TimestampedModel(BaseModel):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """A row edited through forms: `version` rises on every save so stale forms are refused."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


_V = TypeVar("_V", bound=VersionedModel)


def lock_version(instance: _V, version: int) -> _V:
    """Re-read the row under a lock; refuse if someone saved it after the form was opened."""
    current: Any = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if current.version != version:
        raise ConcurrentEditError()
    return current


def saved_version(instance: _V, version: int) -> _V:
    """The row as saved, read before a service opens its transaction so that a permission can depend
    on what the change would alter (and its refusal be kept); a stale form is refused first, and
    `lock_version` in the transaction then guarantees the row is still this one."""
    saved: Any = type(instance)._default_manager.get(pk=instance.pk)
    if saved.version != version:
        raise ConcurrentEditError()
    return saved


class AuditEvent(BaseModel):
    """One recorded action. `hash` = SHA-256(previous row's hash + canonical JSON of this row)."""

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("done")
        REFUSED = "refused", _("refused")

    created_at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(_("who"), max_length=255, blank=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object"), max_length=64, blank=True)
    target_label = models.CharField(_("object"), max_length=500, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["pk"]
        indexes = [models.Index(fields=["target_type", "target_id", "id"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.target_label}"
