"""The data of an official execution report as it stood at the end of its period.

Everything is read from the records as they were at the end of the period's last day (local time),
so the same period read again gives the same data whatever happened since:

- an item counts if it was put under control by then; its status is the one it had then: taken off
  control or cancelled if closed by then, executed if the lead executor's report of completed work
  was accepted by then, extended if an approved extension had moved its date by then, on control
  otherwise;
- its control date is the one it had then (the first change of date made later gives it back);
- reports count once accepted (`reviewed_at`) inside the period; extensions once decided inside it;
- overdue means still running at the end with a control date on or before the period's last day; its
  reason is the one the executor gave in the latest extension request made by then.

The result is plain JSON (texts in every language, dates as ISO strings), kept with each document.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from koordinat.core.translation import language_codes
from koordinat.execution.models import (
    Assignment,
    ControlDateChange,
    ControlItem,
    ExecutionStatus,
    Extension,
    Report,
)
from koordinat.plans.models import Measure, Plan
from koordinat.plans.periods import UNDATED_KINDS

Status = ControlItem.Status
RUNNING = (Status.ON_CONTROL.value, Status.EXTENDED.value)
CLOSED = (Status.REMOVED.value, Status.CANCELLED.value)
STATUS_ORDER = [status.value for status in Status]


def moment_after(day: datetime.date) -> datetime.datetime:
    """The start of the next day, local time: everything strictly before it happened by the end of `day`."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))


def _texts(row: dict[str, Any], field: str) -> dict[str, str]:
    return {code: row.get(f"{field}_{code}") or "" for code in language_codes()}


def _text_columns(field: str, prefix: str = "") -> list[str]:
    return [f"{prefix}{field}_{code}" for code in language_codes()]


@dataclass
class _Dates:
    """An item's control date at any moment, from its current date and the history of its changes."""

    current: datetime.date | None
    changes: list[tuple[datetime.datetime, datetime.date | None]]  # (changed_at, old_date), in order

    def at(self, moment: datetime.datetime) -> datetime.date | None:
        for changed_at, old_date in self.changes:
            if changed_at >= moment:
                return old_date
        return self.current


def _iso(day: datetime.date | datetime.datetime | None) -> str | None:
    if day is None:
        return None
    if isinstance(day, datetime.datetime):
        return timezone.localtime(day).date().isoformat()
    return day.isoformat()


def collect(*, user: Any, plan: Plan, start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """The report's data for [start, end], read over what `user` may see, in a fixed number of queries."""
    begin, after = moment_after(start - datetime.timedelta(days=1)), moment_after(end)
    in_period = Q(reviewed_at__gte=begin, reviewed_at__lt=after)

    measures = list(
        Measure.objects.visible_to(user)
        .filter(plan=plan)
        .order_by("sort_key", "pk")
        .values("pk", "number", "parent_id", "deadline_kind", *_text_columns("text"))
        .iterator(chunk_size=2000)
    )
    items = {
        row["pk"]: row
        for row in ControlItem.objects.visible_to(user)
        .filter(measure__plan=plan, created_at__lt=after)
        .values("pk", "measure_id", "control_status", "control_date", "closed_at", "closing_reason")
        .iterator(chunk_size=2000)
    }
    of_plan = {"item__measure__plan": plan, "item__created_at__lt": after}

    executors: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in (
        Assignment.objects.visible_to(user)
        .filter(**of_plan)
        .order_by("item_id", "position", "pk")
        .values("item_id", "role", *_text_columns("name", "organization__"))
        .iterator(chunk_size=2000)
    ):
        executors[row["item_id"]].append(
            {"name": _texts(row, "organization__name"), "lead": row["role"] == Assignment.Role.LEAD}
        )
    for names in executors.values():
        names.sort(key=lambda executor: not executor["lead"])  # the lead first, then in order

    changes: dict[int, list[tuple[datetime.datetime, datetime.date | None]]] = defaultdict(list)
    for item_id, changed_at, old_date in (
        ControlDateChange.objects.filter(**of_plan)
        .order_by("item_id", "changed_at", "pk")
        .values_list("item_id", "changed_at", "old_date")
        .iterator(chunk_size=2000)
    ):
        changes[item_id].append((changed_at, old_date))
    extended_by_end = set(
        ControlDateChange.objects.filter(
            **of_plan, extension__isnull=False, changed_at__lt=after
        ).values_list("item_id", flat=True)
    )
    dates = {pk: _Dates(row["control_date"], changes.get(pk, [])) for pk, row in items.items()}

    accepted = Report.objects.visible_to(user).filter(
        **of_plan, status=Report.Status.ACCEPTED, reviewed_at__lt=after
    )
    executed_at: dict[int, tuple[datetime.datetime, datetime.date | None]] = {}
    latest_progress: dict[int, int] = {}
    for item_id, reviewed_at, claimed, progress, completed_on in (
        accepted.filter(is_lead=True)
        .order_by("item_id", "reviewed_at", "pk")
        .values_list("item_id", "reviewed_at", "claimed_status", "progress", "completed_on")
        .iterator(chunk_size=5000)
    ):
        latest_progress[item_id] = progress
        if claimed == ExecutionStatus.COMPLETED and item_id not in executed_at and reviewed_at is not None:
            executed_at[item_id] = (reviewed_at, completed_on)

    reports: dict[int, list[dict[str, Any]]] = defaultdict(list)
    reports_accepted = 0
    for row in (
        accepted.filter(in_period)
        .order_by("item_id", "-is_lead", "reviewed_at", "pk")
        .values(
            "item_id",
            "is_lead",
            "reviewed_at",
            "claimed_status",
            "progress",
            "narrative",
            "narrative_language",
            "cycle__period_start",
            "cycle__period_end",
            *_text_columns("name", "organization__"),
        )
        .iterator(chunk_size=2000)
    ):
        reports_accepted += 1
        reports[row["item_id"]].append(
            {
                "organization": _texts(row, "organization__name"),
                "lead": row["is_lead"],
                "accepted": _iso(row["reviewed_at"]),
                "claimed_status": row["claimed_status"],
                "progress": row["progress"],
                "narrative": row["narrative"],
                "language": row["narrative_language"],
                "cycle": [_iso(row["cycle__period_start"]), _iso(row["cycle__period_end"])],
            }
        )

    latest_request: dict[int, dict[str, Any]] = {}
    granted: list[dict[str, Any]] = []
    for row in (
        Extension.objects.visible_to(user)
        .filter(**of_plan, requested_at__lt=after)
        .order_by("item_id", "requested_at", "pk")
        .values(
            "item_id",
            "requested_at",
            "current_date",
            "new_date",
            "reason",
            "status",
            "decided_at",
            *_text_columns("name", "organization__"),
        )
        .iterator(chunk_size=2000)
    ):
        decided = row["decided_at"] is not None and row["decided_at"] < after
        status = row["status"] if decided else Extension.Status.REQUESTED.value
        latest_request[row["item_id"]] = {
            "requested": _iso(row["requested_at"]),
            "reason": row["reason"],
            "status": status,
            "organization": _texts(row, "organization__name"),
        }
        if status == Extension.Status.APPROVED and row["decided_at"] >= begin:
            granted.append(
                {
                    "item": row["item_id"],
                    "organization": _texts(row, "organization__name"),
                    "old_date": _iso(row["current_date"]),
                    "new_date": _iso(row["new_date"]),
                    "decided": _iso(row["decided_at"]),
                    "reason": row["reason"],
                }
            )

    measure_of_item = {row["measure_id"]: pk for pk, row in items.items()}
    deadline_kind = {row["pk"]: row["deadline_kind"] for row in measures}
    entries: dict[int, dict[str, Any]] = {}
    by_status: dict[str, int] = dict.fromkeys(STATUS_ORDER, 0)
    overdue: list[dict[str, Any]] = []
    closed: list[dict[str, Any]] = []
    completed = completed_on_time = completed_with_date = 0
    for pk, row in items.items():
        control_date = dates[pk].at(after)
        closed_at = row["closed_at"]
        if closed_at is not None and closed_at < after:
            status = row["control_status"]
        elif pk in executed_at:
            status = Status.EXECUTED.value
        elif pk in extended_by_end:
            status = Status.EXTENDED.value
        else:
            status = Status.ON_CONTROL.value
        by_status[status] += 1
        needs_date = control_date is None and deadline_kind.get(row["measure_id"]) not in UNDATED_KINDS
        entries[pk] = {
            "status": status,
            "control_date": _iso(control_date),
            "needs_date": needs_date,
            "executors": executors.get(pk, []),
            "reports": reports.get(pk, []),
        }
        if status in RUNNING and control_date is not None and control_date <= end:
            overdue.append(
                {
                    "item": pk,
                    "control_date": _iso(control_date),
                    "days": (end + datetime.timedelta(days=1) - control_date).days,
                    "reason": latest_request.get(pk),
                    "progress": latest_progress.get(pk),
                }
            )
        if status in CLOSED and closed_at is not None and closed_at >= begin:
            closed.append(
                {"item": pk, "status": status, "closed": _iso(closed_at), "reason": row["closing_reason"]}
            )
        if pk in executed_at and executed_at[pk][0] >= begin:
            completed += 1
            reviewed_at, completed_on = executed_at[pk]
            due = dates[pk].at(reviewed_at)
            if due is not None:
                completed_with_date += 1
                done = completed_on or timezone.localtime(reviewed_at).date()
                completed_on_time += done <= due

    outline = []
    for row in measures:
        found = measure_of_item.get(row["pk"])
        outline.append(
            {
                "id": row["pk"],
                "number": row["number"],
                "parent": row["parent_id"],
                "text": _texts(row, "text"),
                "item": found if found in entries else None,
            }
        )
    item_measure = {pk: row["measure_id"] for pk, row in items.items()}
    sort_key = {row["pk"]: index for index, row in enumerate(measures)}
    for listing in (overdue, closed, granted):
        listing.sort(
            key=lambda entry: (sort_key.get(item_measure[entry["item"]], 0), entry.get("decided") or "")
        )
    return {
        "plan": {
            "code": plan.code,
            "title": {code: getattr(plan, f"title_{code}") or "" for code in language_codes()},
            "office": {code: getattr(plan.coordinator, f"name_{code}") or "" for code in language_codes()},
        },
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "outline": outline,
        "items": {str(pk): entry for pk, entry in entries.items()},
        "item_measure": {str(pk): measure for pk, measure in item_measure.items()},
        "overdue": overdue,
        "extensions": granted,
        "closed": closed,
        "figures": {
            "items": len(entries),
            "by_status": by_status,
            "overdue": len(overdue),
            "completed": completed,
            "completed_on_time": completed_on_time,
            "completed_with_date": completed_with_date,
            "reports_accepted": reports_accepted,
            "extensions": len(granted),
            "closed": len(closed),
        },
    }
