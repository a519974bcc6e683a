"""A notification: one notice for one person, written once (its key), read in the reader's language."""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from .kinds import DECISIONS, MESSAGES, Delivery, Kind


class NotificationQuerySet(models.QuerySet["Notification"]):
    def of(self, user: Any) -> Self:
        """A person reads only their own notifications, whatever their role."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(recipient_id=user.pk)

    def unread(self) -> Self:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    # The same notice is never written twice for a person: "event:<audit event id>", or a reminder's
    # "<ladder step>:<object>:<day>". See `services.notify`.
    key = models.CharField(max_length=200)
    target = models.CharField(_("page"), max_length=500, help_text=_("The address of the page it is about."))
    params = models.JSONField(default=dict, blank=True)
    is_escalation = models.BooleanField(_("escalation"), default=False)
    # How it is mailed, decided when it is written from the person's choice for its kind (an escalation
    # is always mailed, a person without an address or inactive gets none).
    mail = models.CharField(max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE)
    created_at = models.DateTimeField(_("written"))
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="notification_once_per_recipient"),
        ]
        indexes = [
            # The header's count and the unread filter.
            models.Index(
                fields=["recipient", "-created_at", "-id"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            # A person's list, newest first, and by kind.
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_list_idx"),
            models.Index(fields=["recipient", "kind", "-created_at", "-id"], name="notification_kind_idx"),
            # What waits to be mailed: a small part of the table.
            models.Index(
                fields=["mail", "recipient", "created_at"],
                condition=Q(emailed_at__isnull=True) & ~Q(mail="none"),
                name="notification_unmailed_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.text()

    def text(self, language: str | None = None) -> str:
        """The notice in `language` (the active one by default)."""
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        with translation.override(language):
            return render(self.kind, self.params, language)


def render(kind: str, params: dict[str, Any], language: str) -> str:
    """The kind's message with its parameters in `language`; call with that language active.

    A parameter is a string; a {"az": …, "ru": …, "en": …} text, read in the language (then in the
    installation's order of fallbacks); `date` (or any key ending "date") an ISO date shown in the
    language's format; `decision` "approved" or "refused". A missing one reads "—"."""
    values: defaultdict[str, str] = defaultdict(lambda: "—")
    for name, value in params.items():
        values[name] = _param(name, value, language)
    message = MESSAGES.get(kind)  # type: ignore[call-overload]
    if message is None:
        return str(Kind(kind).label) if kind in Kind.values else kind
    text = str(message) % values
    # A date that ends in an abbreviation ("2026 г.") at the end of a sentence: one full stop.
    return text[:-1] if text.endswith("..") else text


def _param(name: str, value: Any, language: str) -> str:
    if isinstance(value, dict):
        order = settings.MODELTRANSLATION_FALLBACK_LANGUAGES.get(
            language, settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
        )
        for code in (language, *order):
            if value.get(code):
                return str(value[code])
        return "—"
    if name.endswith("date") and isinstance(value, str) and value:
        return _shown_date(value, language)
    if name == "decision" and value in DECISIONS:
        return str(DECISIONS[value])
    return str(value)


@functools.lru_cache(maxsize=4096)
def _shown_date(value: str, language: str) -> str:
    """An ISO date in `language`'s format (active when called): many notices share a few dates."""
    try:
        return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
    except ValueError:
        return value


class DeliveryChoice(models.Model):
    """A person's choice of how notices of one kind reach them by e-mail; without one, at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    delivery = models.CharField(_("e-mail"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("e-mail choice")
        verbose_name_plural = _("e-mail choices")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_delivery_choice_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.delivery}"


class CalendarToken(models.Model):
    """The secret of a person's calendar feed, kept as its SHA-256 digest: the address is shown once,
    when it is made; revoking deletes the row, so the old address answers 404."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("made"))

    class Meta:
        verbose_name = _("calendar address")
        verbose_name_plural = _("calendar addresses")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.created_at:%Y-%m-%d}"
