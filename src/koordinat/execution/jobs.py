"""Execution's daily jobs (declared in its AppConfig, run by the workers: see koordinat.jobs.schedule)."""

import datetime
from typing import Any

from . import services


def open_due_cycles(*, day: datetime.date) -> dict[str, Any]:
    """Open the reporting cycle of each plan in force whose period ended before `day`."""
    return {"opened": [cycle.pk for cycle in services.open_scheduled_cycles(today=day)]}


def mark_overdue_items(*, day: datetime.date) -> dict[str, Any]:
    return {"marked": services.record_overdue_items(day=day)}


def purge_abandoned_evidence(*, day: datetime.date) -> dict[str, Any]:
    return {"deleted": services.purge_unheld_evidence_files(day=day)}
