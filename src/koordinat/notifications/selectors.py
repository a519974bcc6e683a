"""Reads of notifications: each person reads only their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, QuerySet

from koordinat.core.rows import CountOf

from .kinds import Kind
from .models import CalendarToken, DeliveryChoice, Notification

# The header counts unread notices up to this many and then says "99+": its query reads at most
# this many index entries, however many a person has left unread.
UNREAD_SHOWN = 99


def unread_count_expression() -> CountOf:
    """The header's count as a column of the signed-in user's row (accounts' USER_ANNOTATIONS), at
    most UNREAD_SHOWN + 1 entries of the unread index: no query of its own on any page."""
    unread = Notification.objects.filter(recipient_id=OuterRef("pk"), read_at__isnull=True).order_by()
    return CountOf(unread.values("pk")[: UNREAD_SHOWN + 1])


def unread_count(*, user: Any) -> int:
    """The header's count, at most UNREAD_SHOWN + 1: read with the user by the sign-in backend, else
    one query on the unread index; none for the anonymous."""
    if not user.is_authenticated:
        return 0
    counted = getattr(user, "unread_notifications", None)
    if counted is not None:
        return int(counted)
    return Notification.objects.of(user).unread()[: UNREAD_SHOWN + 1].count()


def unread_label(*, user: Any) -> str:
    """The header's count as shown: "" for none, "7", "99+"."""
    count = unread_count(user=user)
    if not count:
        return ""
    return f"{UNREAD_SHOWN}+" if count > UNREAD_SHOWN else str(count)


@dataclass(frozen=True)
class NotificationFilters:
    kind: str = ""
    unread: bool = False


def notification_list(*, user: Any, filters: NotificationFilters) -> QuerySet[Notification, Any]:
    """The reader's notices, newest first, as the values the page shows."""
    notices = Notification.objects.of(user)
    if filters.kind in Kind.values:
        notices = notices.filter(kind=filters.kind)
    if filters.unread:
        notices = notices.unread()
    return notices.order_by("-created_at", "-pk").values(
        "pk", "kind", "target", "params", "is_escalation", "created_at", "read_at"
    )


def delivery_choices(*, user: Any) -> dict[str, str]:
    """The reader's e-mail choice per kind; a kind without one is mailed at once."""
    return dict(DeliveryChoice.objects.filter(user_id=user.pk).values_list("kind", "delivery"))


def calendar_since(*, user: Any) -> Any:
    """When the reader's calendar address was made; None without one."""
    return CalendarToken.objects.filter(user_id=user.pk).values_list("created_at", flat=True).first()
