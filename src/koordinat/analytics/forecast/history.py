"""The history of execution control as dated facts, so that any day's state can be rebuilt.

Every fact carries the day it became known (a report's first sending, each sent or reviewed
version, a decided extension, a moved control date, an accepted completion). The features and the
labels read it only "as of" a day: a fact dated later does not exist for them. That is the guard
against leakage, for training, for scoring and for the backtest alike. Current values of a row
(its status, its progress as last saved) are never read as if they had always been so: what a
report said is read from its kept versions; a report without versions (rows loaded in bulk) is
taken as it stands, dated by its own first sending and review.

Days are proleptic ordinals (`date.toordinal()`), local to the installation's time zone.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import accumulate

from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.utils import timezone

from koordinat.execution.models import (
    Assignment,
    ControlDateChange,
    ControlItem,
    ExecutionStatus,
    Extension,
    Report,
    ReportVersion,
)

CHUNK = 20_000
SHARED_EVENTS = ("submitted", "resubmitted", "head_approved", "returned", "accepted")


def day_of(moment: datetime.datetime | None) -> int | None:
    return timezone.localtime(moment).date().toordinal() if moment is not None else None


def first(pair: tuple[int, int | None]) -> int:
    return pair[0]


def ordinal(day: datetime.date | None) -> int | None:
    return day.toordinal() if day is not None else None


@dataclass(slots=True)
class ItemFacts:
    pk: int
    start: int  # the day the item's work is counted from (see `History.load`)
    is_instruction: bool
    closed: int | None = None  # taken off control or cancelled, the day it happened
    undated_closure: bool = False  # closed, but when is not recorded: left out of training
    dates: list[tuple[int, int | None, int]] = field(default_factory=list)  # (day, old, new)
    current_date: int | None = None
    lead: int | None = None  # the lead executor's organisation
    co_executors: int = 0
    lead_progress: list[tuple[int, int]] = field(default_factory=list)  # (day sent, progress)
    lead_reports: list[tuple[int, int | None]] = field(default_factory=list)  # (due, first sent)
    co_reports: list[tuple[int, int | None]] = field(default_factory=list)
    returned: list[int] = field(default_factory=list)  # days a report was returned for rework
    completion: tuple[int, int] | None = None  # (day accepted, day the work was done)
    extension_requests: list[tuple[int, int | None]] = field(default_factory=list)  # (asked, granted)

    def control_date(self, day: int) -> int | None:
        """The control date in force at the end of `day`."""
        if not self.dates:
            return self.current_date
        position = bisect_right([changed for changed, _, _ in self.dates], day)
        if position == 0:
            return self.dates[0][1]  # before the first change: the date it changed from
        return self.dates[position - 1][2]

    def done_by(self, day: int) -> int | None:
        """The day the work was done, if an accepted report said so by `day`."""
        if self.completion is not None and self.completion[0] <= day:
            return self.completion[1]
        return None

    def closed_by(self, day: int) -> bool:
        return self.closed is not None and self.closed <= day

    def running(self, day: int) -> bool:
        """Under control and not yet executed at the end of `day`, with a control date not passed."""
        if self.undated_closure or self.start > day or self.closed_by(day) or self.done_by(day) is not None:
            return False
        control = self.control_date(day)
        return control is not None and control >= day


@dataclass(slots=True)
class OrganizationReports:
    """One organisation's reports by due date, and how many of the first k were sent late."""

    dues: list[int]
    late_before: list[int]  # late_before[k]: late reports among the first k

    def last(self, day: int, count: int) -> tuple[int, int]:
        """Of its last `count` reports due before `day`: (how many, how many sent late or not yet)."""
        end = bisect_left(self.dues, day)
        start = max(0, end - count)
        return end - start, self.late_before[end] - self.late_before[start]


@dataclass
class History:
    items: dict[int, ItemFacts]
    organizations: dict[int, OrganizationReports]

    @classmethod
    def load(cls, items: QuerySet[ControlItem] | None = None) -> History:
        """Read the facts of `items` (every item by default) and every organisation's report dates."""
        items = ControlItem.objects.all() if items is None else items
        facts: dict[int, ItemFacts] = {}
        for (
            pk,
            instruction_id,
            status,
            control_date,
            closed_at,
            created_at,
            measure_start,
            plan_start,
            minutes_date,
        ) in items.values_list(
            "pk",
            "instruction_id",
            "control_status",
            "control_date",
            "closed_at",
            "created_at",
            "measure__deadline_start",
            "plan__period_start",
            "instruction__minutes__date",
        ).iterator(chunk_size=CHUNK):
            # Work is counted from the measure's own period, else its plan's, else the meeting that
            # gave the instruction; the row's creation only when none is known (loaded plans are
            # often created after their period began).
            start = measure_start or plan_start or minutes_date or timezone.localtime(created_at).date()
            closed = status in (ControlItem.Status.REMOVED, ControlItem.Status.CANCELLED)
            facts[pk] = ItemFacts(
                pk=pk,
                start=start.toordinal(),
                is_instruction=instruction_id is not None,
                closed=day_of(closed_at) if closed else None,
                undated_closure=closed and closed_at is None,
                current_date=ordinal(control_date),
            )
        wanted = items.values("pk")

        for item_id, changed_at, old, new in (
            ControlDateChange.objects.filter(item__in=wanted)
            .order_by("changed_at", "pk")
            .values_list("item_id", "changed_at", "old_date", "new_date")
            .iterator(chunk_size=CHUNK)
        ):
            if new is not None:
                facts[item_id].dates.append((day_of(changed_at) or 0, ordinal(old), new.toordinal()))

        for item_id, organization_id, role in (
            Assignment.objects.filter(item__in=wanted)
            .values_list("item_id", "organization_id", "role")
            .iterator(chunk_size=CHUNK)
        ):
            if role == Assignment.Role.LEAD:
                facts[item_id].lead = organization_id
            else:
                facts[item_id].co_executors += 1

        for item_id, requested_at, status, decided_at in (
            Extension.objects.filter(item__in=wanted)
            .values_list("item_id", "requested_at", "status", "decided_at")
            .iterator(chunk_size=CHUNK)
        ):
            granted = day_of(decided_at) if status == Extension.Status.APPROVED else None
            facts[item_id].extension_requests.append((day_of(requested_at) or 0, granted))

        versions: dict[int, list[tuple[int, str, int, str, int | None]]] = defaultdict(list)
        for report_id, created_at, event, said_progress, said_claim, said_completed_on in (
            ReportVersion.objects.filter(report__item__in=wanted, event__in=SHARED_EVENTS)
            .annotate(
                shown_progress=KT("content__progress"),
                shown_claim=KT("content__claimed_status"),
                shown_completed_on=KT("content__completed_on"),
            )
            .order_by("created_at", "pk")
            .values_list(
                "report_id", "created_at", "event", "shown_progress", "shown_claim", "shown_completed_on"
            )
            .iterator(chunk_size=CHUNK)
        ):
            # A JSON null reads as "null" through SQLite's text extraction, as None on PostgreSQL.
            done = (
                datetime.date.fromisoformat(said_completed_on).toordinal()
                if said_completed_on not in (None, "null")
                else None
            )
            versions[report_id].append(
                (day_of(created_at) or 0, event, int(said_progress or 0), said_claim or "", done)
            )

        by_organization: dict[int, list[tuple[int, bool]]] = defaultdict(list)
        for (
            pk,
            item_id,
            organization_id,
            is_lead,
            due_date,
            first_submitted_at,
            status,
            progress,
            claimed,
            completed_on,
            reviewed_at,
        ) in Report.objects.values_list(
            "pk",
            "item_id",
            "organization_id",
            "is_lead",
            "due_date",
            "first_submitted_at",
            "status",
            "progress",
            "claimed_status",
            "completed_on",
            "reviewed_at",
        ).iterator(chunk_size=CHUNK):
            due, sent = due_date.toordinal(), day_of(first_submitted_at)
            by_organization[organization_id].append((due, sent is None or sent > due))
            item = facts.get(item_id)
            if item is None:
                continue
            (item.lead_reports if is_lead else item.co_reports).append((due, sent))
            steps = versions.get(pk)
            if steps is None:  # a report without versions: as it stands, dated by its own sending and review
                steps = []
                if sent is not None:
                    steps.append((sent, "submitted", progress, claimed, ordinal(completed_on)))
                if reviewed_at is not None and status in (Report.Status.ACCEPTED, Report.Status.RETURNED):
                    event = "accepted" if status == Report.Status.ACCEPTED else "returned"
                    steps.append((day_of(reviewed_at) or 0, event, progress, claimed, ordinal(completed_on)))
            for day, event, shown_progress, shown_claim, done in steps:
                if event == "returned":
                    item.returned.append(day)
                if not is_lead:
                    continue
                if event != "returned":
                    item.lead_progress.append((day, shown_progress))
                accepted_done = event == "accepted" and shown_claim == ExecutionStatus.COMPLETED
                if (
                    accepted_done
                    and done is not None
                    and (item.completion is None or day < item.completion[0])
                ):
                    item.completion = (day, done)

        for item in facts.values():
            item.lead_progress.sort()
            item.lead_reports.sort(key=first)
            item.co_reports.sort(key=first)
            item.returned.sort()
        organizations = {}
        for organization_id, rows in by_organization.items():
            rows.sort()
            organizations[organization_id] = OrganizationReports(
                dues=[due for due, _ in rows],
                late_before=[0, *accumulate(int(late) for _, late in rows)],
            )
        return cls(items=facts, organizations=organizations)
