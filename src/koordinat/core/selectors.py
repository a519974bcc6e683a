"""Reads every app shares: the change history of one record."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import QuerySet

from .models import AuditEvent


def history_of(
    *, user: AbstractBaseUser | AnonymousUser, target: models.Model, limit: int = 50
) -> QuerySet[AuditEvent]:
    """The latest audit events about `target`; signed-in users only, as the history names people."""
    if not user.is_authenticated:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk)).order_by(
        "-pk"
    )[:limit]
