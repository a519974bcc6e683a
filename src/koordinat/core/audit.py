"""Writing and verifying the tamper-evident audit chain.

Every service calls `record` inside its own transaction, so the event and the change commit
or vanish together. Appends are serialised (a PostgreSQL advisory lock; SQLite's IMMEDIATE
transactions already serialise writers) so two writers never chain onto the same row.
"""

import datetime
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from . import clock
from .models import AuditEvent

GENESIS = "0" * 64
_ADVISORY_LOCK_KEY = 0x6B6F6F72  # "koor"


def canonical_json(value: Any) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_payload(event: AuditEvent) -> dict[str, Any]:
    """The fields the hash covers; the same dict before saving and when verifying."""
    return {
        "id": event.pk,
        "created_at": event.created_at.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "outcome": event.outcome,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_label": event.target_label,
        "data": event.data,
    }


def chain_hash(prev_hash: str, event: AuditEvent) -> str:
    return hashlib.sha256((prev_hash + canonical_json(event_payload(event))).encode()).hexdigest()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])


def _target_fields(target: models.Model | None) -> dict[str, str]:
    if target is None:
        return {"target_type": "", "target_id": "", "target_label": ""}
    return {
        "target_type": target._meta.label_lower,
        "target_id": str(target.pk),
        "target_label": str(target)[:500],
    }


def _append(
    *, actor: Any, action: str, target: models.Model | None, data: dict[str, Any], outcome: str
) -> AuditEvent:
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-pk").values("pk", "hash").first()
        prev_hash = last["hash"] if last else GENESIS
        authenticated = actor is not None and actor.is_authenticated
        event = AuditEvent(
            pk=(last["pk"] + 1) if last else 1,
            created_at=clock.now(),
            actor_id=actor.pk if authenticated else None,
            actor_label=str(actor.get_username()) if authenticated else "",
            action=action,
            outcome=outcome,
            data=json.loads(canonical_json(data)),
            prev_hash=prev_hash,
            **_target_fields(target),
        )
        event.hash = chain_hash(prev_hash, event)
        event.save(force_insert=True)
        return event


def record_many(
    *, actor: Any, action: str, entries: list[tuple[models.Model, dict[str, Any]]], batch_size: int = 2000
) -> int:
    """One event per (target, data), chained in one bulk insert: imports of thousands of rows."""
    if not entries:
        return 0
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-pk").values("pk", "hash").first()
        prev_hash, next_pk = (last["hash"], last["pk"] + 1) if last else (GENESIS, 1)
        authenticated = actor is not None and actor.is_authenticated
        now = clock.now()
        events = []
        for offset, (target, data) in enumerate(entries):
            event = AuditEvent(
                pk=next_pk + offset,
                created_at=now,
                actor_id=actor.pk if authenticated else None,
                actor_label=str(actor.get_username()) if authenticated else "",
                action=action,
                outcome=AuditEvent.Outcome.SUCCESS,
                data=json.loads(canonical_json(data)),
                prev_hash=prev_hash,
                **_target_fields(target),
            )
            event.hash = prev_hash = chain_hash(prev_hash, event)
            events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=batch_size)
    return len(events)


def record(
    *, actor: Any, action: str, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Record a change; call inside the service's transaction."""
    return _append(
        actor=actor, action=action, target=target, data=data or {}, outcome=AuditEvent.Outcome.SUCCESS
    )


def refused(
    *, actor: Any, action: str, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Record an attempt the rules refused; call before the service opens its transaction."""
    return _append(
        actor=actor, action=action, target=target, data=data or {}, outcome=AuditEvent.Outcome.REFUSED
    )


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


def verify(*, batch_size: int = 2000) -> tuple[int, ChainBreak | None]:
    """Walk the chain in order; return how many rows were checked and the first break, if any."""
    prev_hash = GENESIS
    checked = 0
    rows: Iterator[AuditEvent] = AuditEvent.objects.order_by("pk").iterator(chunk_size=batch_size)
    for event in rows:
        if event.prev_hash != prev_hash:
            return checked, ChainBreak(event.pk, "previous hash does not match the row before it")
        if chain_hash(prev_hash, event) != event.hash:
            return checked, ChainBreak(event.pk, "contents do not match the stored hash")
        prev_hash = event.hash
        checked += 1
    return checked, None


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field → [old, new] for the fields that changed; what the history page shows."""
    return {key: [before.get(key), after[key]] for key in after if before.get(key) != after[key]}
