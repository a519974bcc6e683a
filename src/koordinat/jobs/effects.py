"""Idempotent jobs: a job that may run twice (its worker killed after the effect was saved, before
the job was marked done) claims a key for each effect in the transaction that makes it.

    with transaction.atomic():
        if effects.once(f"execution.overdue:{item.pk}:{item.control_date}"):
            audit.record(...)

The key commits with the effect or not at all; a second run finds it and skips. An effect outside the
database (an e-mail) is made after the commit that claimed its key, so it may be lost by a crash in
between, never made twice."""

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from .models import Effect

BATCH = 500


def _require_transaction() -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("Claim an effect's key inside the transaction that makes the effect.")


def once_each(keys: Iterable[str]) -> set[str]:
    """The keys among `keys` claimed now, for the first time: make exactly these effects. One
    statement per batch (INSERT … ON CONFLICT DO NOTHING RETURNING, on PostgreSQL and SQLite): a
    key another transaction is claiming at the same moment waits for it and is not returned."""
    _require_transaction()
    quote = connection.ops.quote_name
    table, key_column = quote(Effect._meta.db_table), quote("key")
    claimed: set[str] = set()
    pending = list(dict.fromkeys(keys))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    for start in range(0, len(pending), BATCH):
        batch = pending[start : start + BATCH]
        values = ", ".join(["(%s, %s)"] * len(batch))
        params: list[Any] = []
        for key in batch:
            params += [key, now]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({key_column}, {quote('created_at')}) VALUES {values} "
                f"ON CONFLICT ({key_column}) DO NOTHING RETURNING {key_column}",
                params,
            )
            claimed.update(row[0] for row in cursor.fetchall())
    return claimed


def once(key: str) -> bool:
    """Whether this is the first time `key` is claimed: make the effect only then."""
    return bool(once_each([key]))
