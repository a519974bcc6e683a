"""Reads every app shares: the change history of one record, and rows limited to what a reader sees."""

from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import QuerySet

from .models import AuditEvent

_Q = TypeVar("_Q", bound=QuerySet[Any, Any])


def within(queryset: _Q, relation: str, visible: QuerySet[Any, Any]) -> _Q:
    """`queryset`'s rows whose `relation` is among `visible` (a `visible_to(user)` queryset), with
    nothing added when `visible` restricts nothing (a signed-in reader's meetings): an IN over a
    whole table made PostgreSQL plan and hash it for a page that shows one row."""
    if not visible.query.where:
        return queryset
    return queryset.filter(**{f"{relation}__in": visible})


def history_of(
    *, user: AbstractBaseUser | AnonymousUser, target: models.Model, limit: int = 50
) -> QuerySet[AuditEvent]:
    """The latest audit events about `target`; signed-in users only, as the history names people."""
    if not user.is_authenticated:
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk)).order_by(
        "-pk"
    )[:limit]
