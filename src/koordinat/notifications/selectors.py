"""Reads of notifications: each person reads only their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import QuerySet

from .kinds import Kind
from .models import CalendarToken, DeliveryChoice, Notification
from .services import unread_cache_key

# How long the header's count is kept: every change to it drops it at once (services.forget_unread);
# the limit only bounds a count left by a cache that missed a deletion.
UNREAD_SECONDS = 300


def unread_count(*, user: Any) -> int:
    """The header's count: from the cache, else one query; none for the anonymous."""
    if not user.is_authenticated:
        return 0
    key = unread_cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.of(user).unread().count()
        cache.set(key, count, UNREAD_SECONDS)
    return int(count)


@dataclass(frozen=True)
class NotificationFilters:
    kind: str = ""
    unread: bool = False


def notification_list(*, user: Any, filters: NotificationFilters) -> QuerySet[Notification]:
    """The reader's notices, newest first: the columns the page shows, without the recipient."""
    notices = Notification.objects.of(user).only(
        "pk", "kind", "key", "target", "params", "is_escalation", "created_at", "read_at", "recipient_id"
    )
    if filters.kind in Kind.values:
        notices = notices.filter(kind=filters.kind)
    if filters.unread:
        notices = notices.unread()
    return notices.order_by("-created_at", "-pk")


def delivery_choices(*, user: Any) -> dict[str, str]:
    """The reader's e-mail choice per kind; a kind without one is mailed at once."""
    return dict(DeliveryChoice.objects.filter(user_id=user.pk).values_list("kind", "delivery"))


def calendar_since(*, user: Any) -> Any:
    """When the reader's calendar address was made; None without one."""
    return CalendarToken.objects.filter(user_id=user.pk).values_list("created_at", flat=True).first()
