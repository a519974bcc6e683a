"""Writing and verifying the tamper-evident audit chain.

Every service calls `record` inside its own transaction, so the event and the change commit
or vanish together. Appends are serialised (a PostgreSQL advisory lock; SQLite's IMMEDIATE
transactions already serialise writers) so two writers never chain onto the same row.
"""

import datetime
import hashlib
import json
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from . import clock
from .models import AuditEvent

GENESIS = "0" * 64
_ADVISORY_LOCK_KEY = 0x6B6F6F72  # "koor"


_CANONICAL = DjangoJSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
_json_string = json.JSONEncoder(
    ensure_ascii=False
).encode  # canonical_json of a str, without the encoder's setup


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


def _prepared_default(field: "models.Field[Any, Any]", template: models.Model) -> Any:
    """A new row's value as the ORM would save it; JSON as text, which both databases take as is
    (the PostgreSQL adapter object would be serialised again for every row)."""
    value = field.pre_save(template, add=True)
    if isinstance(field, models.JSONField):
        return None if value is None else json.dumps(value, cls=field.encoder)
    return field.get_db_prep_save(value, connection)


def bulk_insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert many rows in one statement: COPY on PostgreSQL, executemany elsewhere. Model instances
    and compiled SQL cost far more than the data when an import writes thousands of rows.

    `rows` hold the values of `columns` as the database driver takes them (str, int, date, None;
    datetimes and JSON prepared by the caller); every other column gets the model's default, computed
    once as the ORM would for a new row (`auto_now` times included). Rows are consumed as they come."""
    fields = {str(field.column): field for field in model._meta.concrete_fields}
    unknown = set(columns) - set(fields)
    if unknown:
        raise ValueError(f"{model._meta.label} has no columns {', '.join(sorted(unknown))}")
    template = model()
    rest = [
        (column, _prepared_default(field, template))
        for column, field in fields.items()
        if column not in columns and not (field.primary_key and isinstance(field, models.AutoField))
    ]
    defaults = tuple(value for _column, value in rest)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in [*columns, *(column for column, _ in rest)])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({names}) FROM STDIN"
            started = time.monotonic()
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row((*row, *defaults))
            if connection.queries_logged:  # the debug cursor does not see COPY: log it like a query
                connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})
        else:
            placeholders = ", ".join(["%s"] * (len(columns) + len(defaults)))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({placeholders})",
                ((*row, *defaults) for row in rows),  # type: ignore[arg-type]  # any iterable: not all held at once
            )


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
