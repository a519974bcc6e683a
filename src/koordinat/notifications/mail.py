"""E-mail of notices: each at once, or a day's in one digest, in the recipient's language.

Sending is idempotent: a batch of notices is claimed (emailed_at set, rows locked and skipped by
other workers) and committed before any message leaves, so a job run twice, or two workers at once,
never mail a notice twice. A crash between the claim and the hand-off to the mail server loses that
mail rather than risking a second one; the notice stays in the application."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import clock
from koordinat.core.text import capfirst

from . import targets
from .kinds import Delivery, Kind
from .models import Notification

BATCH_SIZE = 200
UNSUBSCRIBE_SALT = "koordinat.notifications.unsubscribe"


def unsubscribe_token(user_id: int, kinds: Sequence[str]) -> str:
    """A signed token naming the person and the kinds whose e-mail the link stops."""
    return signing.dumps({"u": user_id, "k": sorted(set(kinds))}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, list[str]]:
    """The person and kinds a token names; `signing.BadSignature` for a forged or altered one."""
    payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if (
        not isinstance(payload, dict)
        or not isinstance(payload.get("u"), int)
        or not isinstance(payload.get("k"), list)
    ):
        raise signing.BadSignature("malformed unsubscribe token")
    kinds = [kind for kind in payload["k"] if kind in Kind.values]
    return payload["u"], kinds


def _unsubscribe_url(user: User, kinds: Sequence[str], language: str) -> str:
    with translation.override(language):
        path = reverse("notifications:unsubscribe", args=[unsubscribe_token(user.pk, kinds)])
    return getattr(settings, "KOORDINAT_BASE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def _entry(notification: Notification, language: str) -> dict[str, Any]:
    with translation.override(language):
        return _entry_in_language(notification, language)


def _entry_in_language(notification: Notification, language: str) -> dict[str, Any]:
    return {
        "kind": capfirst(str(Kind(notification.kind).label))
        if notification.kind in Kind.values
        else notification.kind,
        "text": notification.text(language),
        "link": targets.absolute(notification.target, language),
        "escalation": notification.is_escalation,
    }


def _message(
    user: User, subject: str, template: str, context: dict[str, Any], kinds: Sequence[str]
) -> EmailMultiAlternatives:
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        unsubscribe = _unsubscribe_url(user, kinds, language)
        context = {
            **context,
            "unsubscribe": unsubscribe,
            "settings_link": targets.absolute(targets.path("notifications:settings"), language),
            "language": language,
        }
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _mailable(user: User) -> bool:
    return bool(user.email) and user.is_active


def _claim(rows: Any) -> list[Notification]:
    """Lock the rows, mark them mailed and commit: from here no other run takes them."""
    with transaction.atomic():
        claimed = list(rows.select_for_update(skip_locked=True, of=("self",)))
        if claimed:
            Notification.objects.filter(pk__in=[row.pk for row in claimed], emailed_at__isnull=True).update(
                emailed_at=clock.now()
            )
    return claimed


def send_pending(*, batch_size: int = BATCH_SIZE) -> int:
    """Mail every notice waiting to be sent at once, one message each; returns how many were sent.
    Constant queries per batch: the claim (select, update) and nothing per notice."""
    sent = 0
    pending = (
        Notification.objects.filter(mail=Delivery.IMMEDIATE, emailed_at__isnull=True)
        .select_related("recipient")
        .order_by("pk")
    )
    with get_connection() as connection:
        while claimed := _claim(pending[:batch_size]):
            messages = []
            for notification in claimed:
                user = notification.recipient
                if not _mailable(user):
                    continue
                language = user.language or settings.LANGUAGE_CODE
                entry = _entry(notification, language)
                with translation.override(language):
                    subject = _("Koordinat: %(kind)s") % {"kind": entry["kind"]}
                messages.append(_message(user, subject, "notice", {"entry": entry}, [notification.kind]))
            sent += connection.send_messages(messages) or 0
    return sent


def _end_of(day: datetime.date) -> datetime.datetime:
    """Midnight after `day` in the installation's time zone."""
    return datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )


def send_digests(*, day: datetime.date, batch_size: int = BATCH_SIZE) -> int:
    """One e-mail to each person who chose the daily digest, with the notices written up to the end
    of `day` (the installation's time zone) not yet mailed — that day's, and any an earlier run
    missed; returns how many e-mails were sent. A second run for the same day sends nothing again.
    Constant queries per batch of people."""
    pending = Notification.objects.filter(
        mail=Delivery.DIGEST, emailed_at__isnull=True, created_at__lt=_end_of(day)
    )
    sent, after = 0, 0
    with get_connection() as connection:
        while True:
            people = list(
                pending.filter(recipient_id__gt=after)
                .order_by("recipient_id")
                .values_list("recipient_id", flat=True)
                .distinct()[:batch_size]
            )
            if not people:
                break
            after = people[-1]
            claimed = _claim(
                pending.filter(recipient_id__in=people)
                .select_related("recipient")
                .order_by("recipient_id", "created_at", "pk")
            )
            messages = []
            for _recipient, rows in itertools.groupby(claimed, key=lambda row: row.recipient_id):
                notices = list(rows)
                user = notices[0].recipient
                if not _mailable(user):
                    continue
                language = user.language or settings.LANGUAGE_CODE
                with translation.override(language):
                    shown_day = formats.date_format(day, "DATE_FORMAT")
                    subject = _("Koordinat: your notifications of %(date)s") % {"date": shown_day}
                    entries = [_entry(notice, language) for notice in notices]
                context = {"entries": entries, "day": shown_day}
                messages.append(
                    _message(user, subject, "digest", context, [notice.kind for notice in notices])
                )
            sent += connection.send_messages(messages) or 0
    return sent
