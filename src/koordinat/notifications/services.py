"""Every write of notifications: notices written in bulk, read marks, e-mail choices, the calendar address."""

from __future__ import annotations

import datetime
import hashlib
import itertools
import json
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock

from . import tasks
from .kinds import Delivery, Kind
from .models import CalendarToken, DeliveryChoice, Notification

BATCH_SIZE = 1000
INSERTED = ("recipient_id", "kind", "key", "target", "params", "is_escalation", "mail")


@dataclass(frozen=True)
class Notice:
    """One notice for one person; see `notify`."""

    recipient_id: int
    kind: str
    key: str
    target: str
    params: Mapping[str, Any] = field(default_factory=dict)
    escalation: bool = False


def notify(notices: Iterable[Notice], *, batch_size: int = BATCH_SIZE) -> int:
    """Write notices for many people at once; returns how many were offered (written or already there).

    `notices` is any iterable of `Notice(recipient_id, kind, key, target, params={}, escalation=False)`:

    - `recipient_id`: the user's primary key. A user that no longer exists is skipped.
    - `kind`: a `kinds.Kind` value; it names the message and the person's e-mail choice that applies.
    - `key`: what makes the notice one of a kind for its recipient, at most 200 characters. A notice whose
      (recipient, key) is already written is skipped, so calling twice, or from a job run twice, writes
      nothing twice. Events use "event:<audit event id>"; reminders e.g. "ladder:report:<id>:<step>".
    - `target`: the path of the exact page the notice is about, without the language prefix
      ("/control/reports/12/", see `targets.path`): shown and mailed under the reader's language.
    - `params`: JSON values for the kind's placeholders (`kinds.MESSAGES`), rendered in the reader's
      language when read: a string, a {"az", "ru", "en"} text, `date` (or "…date") an ISO date,
      `decision` "approved"/"refused".
    - `escalation`: always e-mailed, whatever the person chose for the kind (kind ESCALATION is one).

    Notices are consumed `batch_size` at a time (a generator keeps memory flat); each batch costs three
    queries (its recipients, their e-mail choices, one INSERT … ON CONFLICT DO NOTHING). Call it inside
    the caller's transaction: the e-mails of notices to send at once are queued after it commits.
    Nothing is audited here: a notice follows from an event already in the audit chain."""
    now = clock.now()
    iterator = iter(notices)
    offered = 0
    mail_now = False
    while batch := list(itertools.islice(iterator, batch_size)):
        recipient_ids = {notice.recipient_id for notice in batch}
        addressable = {
            pk: bool(email) and active
            for pk, email, active in User.objects.filter(pk__in=recipient_ids).values_list(
                "pk", "email", "is_active"
            )
        }
        choices = {
            (user_id, kind): delivery
            for user_id, kind, delivery in DeliveryChoice.objects.filter(
                user_id__in=recipient_ids
            ).values_list("user_id", "kind", "delivery")
        }
        rows = []
        for notice in batch:
            if notice.recipient_id not in addressable:
                continue
            escalation = notice.escalation or notice.kind == Kind.ESCALATION
            mail = choices.get((notice.recipient_id, notice.kind), Delivery.IMMEDIATE)
            if escalation and mail == Delivery.NONE:
                mail = Delivery.IMMEDIATE
            if not addressable[notice.recipient_id]:
                mail = Delivery.NONE
            mail_now = mail_now or mail == Delivery.IMMEDIATE
            rows.append(
                {
                    "recipient_id": notice.recipient_id,
                    "kind": str(notice.kind),
                    "key": notice.key[:200],
                    "target": notice.target[:500],
                    "params": dict(notice.params),
                    "is_escalation": escalation,
                    "mail": str(mail),
                }
            )
        _insert(rows, now)
        offered += len(rows)
    if mail_now:
        transaction.on_commit(lambda: tasks.send_notifications.enqueue())
    return offered


def _insert(rows: list[dict[str, Any]], now: datetime.datetime) -> None:
    """Write a batch, skipping (recipient, key) pairs already written. On PostgreSQL one statement
    reads the batch as one JSON parameter (jsonb_to_recordset): quoting a thousand rows' values one by
    one, as bulk_create's arrays are, costs more than the insert itself."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        Notification.objects.bulk_create(
            [Notification(**row, created_at=now) for row in rows], ignore_conflicts=True
        )
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(name) for name in INSERTED)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(Notification._meta.db_table)} ({columns}, {quote('created_at')}) "
            f"SELECT {columns}, %s FROM jsonb_to_recordset(%s::jsonb) AS batch(recipient_id bigint, "
            "kind text, key text, target text, params jsonb, is_escalation boolean, mail text) "
            f"ON CONFLICT ({quote('recipient_id')}, {quote('key')}) DO NOTHING",
            [now, json.dumps(rows)],
        )


def is_recipient(user: Any, notification: Notification) -> bool:
    return bool(user.is_authenticated and notification.recipient_id == user.pk)


def mark_read(*, actor: User, notification: Notification) -> Notification:
    """The reader marks one of their own notices read (a second time changes nothing)."""
    audit.require(is_recipient, actor, notification, action="notification.read")
    with transaction.atomic():
        if notification.read_at is None:
            notification.read_at = clock.now()
            Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
                read_at=notification.read_at
            )
            audit.record(
                actor=actor, action="notification.read", target=notification, data={"kind": notification.kind}
            )
    return notification


@transaction.atomic
def mark_all_read(*, actor: User, kind: str = "") -> int:
    """The reader marks all their unread notices read (of one kind, when given)."""
    unread = Notification.objects.of(actor).unread()
    if kind:
        unread = unread.filter(kind=kind)
    count = unread.update(read_at=clock.now())
    if count:
        audit.record(
            actor=actor, action="notification.read_all", target=actor, data={"kind": kind, "count": count}
        )
    return count


@transaction.atomic
def settings_save(*, actor: User, language: str, deliveries: Mapping[str, str]) -> None:
    """The reader's language for e-mails and their e-mail choice per kind (escalations are always mailed)."""
    _check_deliveries(deliveries)
    if language not in dict(User._meta.get_field("language").choices or []):
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    before = {"language": actor.language, **_deliveries_of(actor)}
    if actor.language != language:
        actor.language = language
        User.objects.filter(pk=actor.pk).update(language=language)
    _save_deliveries(actor, deliveries)
    after = {"language": language, **_deliveries_of(actor)}
    changes = audit.diff(before, after)
    if changes:
        audit.record(actor=actor, action="notification.settings", target=actor, data={"changes": changes})


@transaction.atomic
def unsubscribe(*, user: User, kind: str) -> bool:
    """From an e-mail's link, without signing in: no more e-mail of this kind (escalations still come).
    Returns whether anything changed."""
    _check_deliveries({kind: Delivery.NONE})
    current = _deliveries_of(user).get(kind, Delivery.IMMEDIATE)
    if current == Delivery.NONE:
        return False
    _save_deliveries(user, {kind: Delivery.NONE})
    audit.record(
        actor=None,
        action="notification.unsubscribe",
        target=user,
        data={"kind": kind, "changes": {kind: [current, Delivery.NONE.value]}},
    )
    return True


def _check_deliveries(deliveries: Mapping[str, str]) -> None:
    for kind, delivery in deliveries.items():
        if kind not in Kind.values:
            raise ValidationError(_("There is no kind of notification called “%(kind)s”.") % {"kind": kind})
        if delivery not in Delivery.values:
            raise ValidationError({kind: _("Choose how these notices reach you.")})
        if kind == Kind.ESCALATION and delivery == Delivery.NONE:
            raise ValidationError({kind: _("Escalations are always sent by e-mail.")})


def _deliveries_of(user: User) -> dict[str, str]:
    return dict(DeliveryChoice.objects.filter(user=user).values_list("kind", "delivery"))


def _save_deliveries(user: User, deliveries: Mapping[str, str]) -> None:
    # The default (at once) is kept as no row at all.
    DeliveryChoice.objects.filter(user=user, kind__in=list(deliveries)).delete()
    DeliveryChoice.objects.bulk_create(
        DeliveryChoice(user=user, kind=kind, delivery=delivery)
        for kind, delivery in deliveries.items()
        if delivery != Delivery.IMMEDIATE
    )


def calendar_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_token_renew(*, actor: User) -> str:
    """A new secret address for the reader's calendar; the old one stops working. Returns the secret,
    which is not kept: only its digest is."""
    token = secrets.token_urlsafe(32)
    renewed = CalendarToken.objects.filter(user=actor).delete()[0] > 0
    CalendarToken.objects.create(user=actor, digest=calendar_digest(token), created_at=clock.now())
    audit.record(actor=actor, action="calendar.renew", target=actor, data={"replaced": renewed})
    return token


@transaction.atomic
def calendar_token_revoke(*, actor: User) -> bool:
    """The reader's calendar address stops working; returns whether there was one."""
    revoked = CalendarToken.objects.filter(user=actor).delete()[0] > 0
    if revoked:
        audit.record(actor=actor, action="calendar.revoke", target=actor)
    return revoked
