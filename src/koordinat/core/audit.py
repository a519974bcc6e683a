"""Writing and verifying the tamper-evident audit chain.

Every service calls `record` inside its own transaction, so the event and the change commit
or vanish together. Appends are serialised (a PostgreSQL advisory lock; SQLite's IMMEDIATE
transactions already serialise writers) so two writers never chain onto the same row.
"""

import datetime
import hashlib
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from . import clock, extensions
from .bulk import bulk_insert
from .models import AuditEvent

GENESIS = "0" * 64
_ADVISORY_LOCK_KEY = 0x6B6F6F72  # "koor"


_CANONICAL = DjangoJSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
# canonical_json of a str, without the encoder's setup: the same text for strings.
_json_string = json.JSONEncoder(ensure_ascii=False).encode


def canonical_json(value: Any) -> str:
    return _CANONICAL.encode(value)


class Target(NamedTuple):
    """What an event is about, for callers that write rows without model instances (bulk imports)."""

    type: str
    id: str
    label: str


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


def _target(target: models.Model | Target | None) -> Target:
    if target is None:
        return Target("", "", "")
    if isinstance(target, Target):
        return target._replace(label=target.label[:500])
    return Target(target._meta.label_lower, str(target.pk), str(target)[:500])


def _target_fields(target: models.Model | None) -> dict[str, str]:
    target_type, target_id, target_label = _target(target)
    return {"target_type": target_type, "target_id": target_id, "target_label": target_label}


def _actor_fields(actor: Any) -> tuple[int | None, str]:
    if actor is not None and actor.is_authenticated:
        return actor.pk, str(actor.get_username())
    return None, ""


def _append(
    *, actor: Any, action: str, target: models.Model | None, data: dict[str, Any], outcome: str
) -> AuditEvent:
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-pk").values("pk", "hash").first()
        prev_hash = last["hash"] if last else GENESIS
        actor_id, actor_label = _actor_fields(actor)
        event = AuditEvent(
            pk=(last["pk"] + 1) if last else 1,
            created_at=clock.now(),
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            outcome=outcome,
            data=json.loads(canonical_json(data)),
            prev_hash=prev_hash,
            **_target_fields(target),
        )
        event.hash = chain_hash(prev_hash, event)
        event.save(force_insert=True)
        return event


AUDIT_COLUMNS = [
    "id",
    "created_at",
    "actor_id",
    "actor_label",
    "action",
    "outcome",
    "target_type",
    "target_id",
    "target_label",
    "data",
    "prev_hash",
    "hash",
]


def record_many(
    *, actor: Any, action: str, entries: Iterable[tuple[models.Model | Target, dict[str, Any]]]
) -> int:
    """One event per (target, data), chained and written in one statement: imports of thousands of
    rows. Entries are consumed as they come, so a generator keeps memory flat."""
    entries = iter(entries)
    first = next(entries, None)
    if first is None:
        return 0
    entries = itertools.chain([first], entries)
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-pk").values("pk", "hash").first()
        prev_hash, first_pk = (last["hash"], last["pk"] + 1) if last else (GENESIS, 1)
        actor_id, actor_label = _actor_fields(actor)
        now = clock.now()
        created_at = AuditEvent._meta.get_field("created_at").get_db_prep_save(now, connection)
        outcome = AuditEvent.Outcome.SUCCESS.value
        # canonical_json(event_payload(event)) spelled out, keys in sorted order, with what every event
        # shares encoded once (verify() recomputes it the long way). canonical_json(data) is already
        # canonical JSON, so it is also the text stored.
        stamp = now.astimezone(datetime.UTC).isoformat(timespec="microseconds")
        head = '{{"action":{},"actor_id":{},"actor_label":{},"created_at":{},"data":'.format(
            *map(canonical_json, (action, actor_id, actor_label, stamp))
        )
        outcome_json = canonical_json(outcome)
        written = 0

        def rows() -> Iterator[tuple[Any, ...]]:
            nonlocal prev_hash, written
            for pk, (target, data) in enumerate(entries, start=first_pk):
                target_type, target_id, target_label = _target(target)
                data_json = canonical_json(data)
                payload = (
                    f'{head}{data_json},"id":{pk},"outcome":{outcome_json},"target_id":{_json_string(target_id)},'
                    f'"target_label":{_json_string(target_label)},"target_type":{_json_string(target_type)}}}'
                )
                event_hash = hashlib.sha256((prev_hash + payload).encode()).hexdigest()
                yield (
                    pk,
                    created_at,
                    actor_id,
                    actor_label,
                    action,
                    outcome,
                    target_type,
                    target_id,
                    target_label,
                    data_json,
                    prev_hash,
                    event_hash,
                )
                prev_hash, written = event_hash, written + 1

        bulk_insert(AuditEvent, AUDIT_COLUMNS, rows())
    return written


def record(
    *, actor: Any, action: str, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Record a change; call inside the service's transaction. The apps subscribed to
    `extensions.audit_recorded` hear of it (imports through `record_many` are not announced)."""
    event = _append(
        actor=actor, action=action, target=target, data=data or {}, outcome=AuditEvent.Outcome.SUCCESS
    )
    extensions.audit_recorded(event=event)
    return event


def refused(
    *, actor: Any, action: str, target: models.Model | None = None, data: dict[str, Any] | None = None
) -> AuditEvent:
    """Record an attempt the rules refused; call before the service opens its transaction."""
    return _append(
        actor=actor, action=action, target=target, data=data or {}, outcome=AuditEvent.Outcome.REFUSED
    )


class Refusal(PermissionDenied):
    """A refusal that knows what it was about and whether the chain already holds it: the request
    middleware records the ones raised in views, and skips those a service recorded itself."""

    def __init__(self, message: str = "", *, target: Any = None, recorded: bool = False) -> None:
        super().__init__(message or _("You do not have permission to do this."))
        self.target = target if isinstance(target, models.Model) else None
        self.recorded = recorded


def require(
    rule: Callable[[Any, Any], bool],
    actor: Any,
    target: Any,
    *,
    action: str,
    record: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """A service's permission check: a refusal is recorded against `record` (the target itself
    when it is a row) before any transaction opens, so it is kept, and then raised."""
    if not rule(actor, target):
        where = record if record is not None else target if isinstance(target, models.Model) else None
        refused(actor=actor, action=action, target=where, data=data)
        raise Refusal(target=where, recorded=True)


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
