"""The reminder ladder: each working day, who is owed a reminder of what, written once.

A thing someone must do has a control date: a report its due date, an instruction its item's control
date, a head's approval the report's due date, an extension request the item's control date. The
ladder (plans.reminders: the plan's own or the installation's) has steps in working days around it —
by default 10 and 3 before, the day itself, 1 and 7 after — and each step is sent on its working day
(a control date on a day off has its "on the day" step on the working day before). Something that
arrives after its date (a report returned for rework, an extension asked for late, minutes
circulated) is owed from the day it arrived: its arrival was told by the event's own notice, and the
ladder adds the steps after that day.

Who is reminded escalates: the focal points (role executor) of the organisation that must act from
the first step; from `ladder.head` working days overdue also its head; from `ladder.controller` days
the item's controller (its named person's user, else its coordinators). A head's approval waiting
goes to the head, an extension request to the controller, minutes to their chair.

Nothing done is reminded: only reports not sent (draft, returned) in open cycles of items still
running, approvals still waiting, extension requests still undecided, minutes still circulated,
instructions whose executor has not sent its report. A notice's key names the thing, the step and
the control date ("ladder:report:12:overdue-1:2026-04-10"), so nobody gets the same reminder twice,
and a new control date (an extension, a return) starts the ladder again.

The run is set-based: one streamed query per kind of thing, people and organisations read once,
notices written by `services.notify` in batches (three queries a batch, memory flat).
"""

from __future__ import annotations

import datetime
import functools
import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import ngettext

from koordinat.accounts.models import Role, User
from koordinat.core.calendar import WorkingCalendar, default_calendar
from koordinat.core.dates import dates_in_range
from koordinat.core.translation import in_each_language, language_codes
from koordinat.directory.models import Organization
from koordinat.execution.models import Assignment, ControlItem, Extension, Report, ReportingCycle
from koordinat.meetings.models import Instruction, Minutes
from koordinat.plans.models import Plan
from koordinat.plans.reminders import Ladder, default_ladder

from . import mail, targets
from .events import shortened
from .kinds import Kind
from .services import Notice, notify

CHUNK = 2000
ONE_DAY = datetime.timedelta(days=1)


def step_name(offset: int) -> str:
    """A step as keys name it: "before-10", "day", "overdue-1"."""
    if offset < 0:
        return f"before{offset}"
    return "day" if offset == 0 else f"overdue-{offset}"


def sent_on(calendar: WorkingCalendar, control_date: datetime.date, offset: int) -> datetime.date:
    """The working day a step of a control date is sent: `offset` working days from it; the day
    itself, or the working day before when it is a day off."""
    if offset == 0:
        return calendar.previous_working_day(control_date)
    return calendar.add_working_days(control_date, offset)


def steps_on(day: datetime.date, ladder: Ladder, calendar: WorkingCalendar) -> dict[datetime.date, int]:
    """The control dates that have a step of `ladder` sent on `day`, each with that step (the latest
    one, when two steps of a date fall on the same day). Nothing on a day off."""
    if not calendar.is_working_day(day):
        return {}
    offsets = ladder.offsets
    reach = 2 * max(abs(offset) for offset in offsets) + 21  # calendar days, holidays included
    found: dict[datetime.date, int] = {}
    for delta in range(-reach, reach + 1):
        control_date = day + datetime.timedelta(days=delta)
        for offset in offsets:  # ascending: a later step wins
            if sent_on(calendar, control_date, offset) == day:
                found[control_date] = offset
    return found


@dataclass
class Ladders:
    """Each plan's steps on the day: the installation's, or the plan's own."""

    default: dict[datetime.date, int]
    default_ladder: Ladder
    by_plan: dict[int, tuple[Ladder, dict[datetime.date, int]]]

    @classmethod
    def on(cls, day: datetime.date, calendar: WorkingCalendar) -> Ladders:
        ladder = default_ladder()
        own: dict[str, list[int]] = defaultdict(list)
        for pk, value in Plan.objects.filter(reminder_ladder__isnull=False).values_list(
            "pk", "reminder_ladder"
        ):
            if value:
                own[json.dumps(value, sort_keys=True)].append(pk)
        by_plan = {}
        for value, plan_ids in own.items():
            plan_ladder = Ladder.from_json(json.loads(value))
            steps = steps_on(day, plan_ladder, calendar)
            by_plan.update(dict.fromkeys(plan_ids, (plan_ladder, steps)))
        return cls(steps_on(day, ladder, calendar), ladder, by_plan)

    def of(self, plan_id: int | None) -> tuple[Ladder, dict[datetime.date, int]]:
        if plan_id is not None and plan_id in self.by_plan:
            return self.by_plan[plan_id]
        return self.default_ladder, self.default

    def dates(self, *, after_only: bool = False) -> set[datetime.date]:
        """Every control date with a step today, under any plan's ladder (only steps after the date)."""
        steps = [self.default, *(steps for _ladder, steps in self.by_plan.values())]
        return {day for found in steps for day, offset in found.items() if offset > 0 or not after_only}


class People:
    """Who acts for whom, read once a run: active users by organisation and role, and by person."""

    def __init__(self) -> None:
        self.staff: dict[tuple[int, str], list[int]] = defaultdict(list)
        self.of_person: dict[int, int] = {}
        for pk, organization_id, role, person_id in (
            User.objects.filter(is_active=True)
            .filter(Q(organization__isnull=False) | Q(person__isnull=False))
            .order_by("pk")
            .values_list("pk", "organization_id", "role", "person_id")
        ):
            if organization_id is not None:
                self.staff[organization_id, role].append(pk)
            if person_id is not None:
                self.of_person[person_id] = pk

    def of(self, organization_id: int, role: str) -> list[int]:
        return self.staff.get((organization_id, role), [])

    def controllers(self, controller_id: int, person_id: int | None) -> list[int]:
        """As `events.controllers`: the named responsible person's user, else the coordinators."""
        if person_id is not None and person_id in self.of_person:
            return [self.of_person[person_id]]
        return self.of(controller_id, Role.COORDINATOR)


def _local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment is not None else None


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _arrived_between(field: str, dates: set[datetime.date]) -> Q:
    """Rows whose `field` (a moment) falls on one of the days from the first of `dates` to the last."""
    if not dates:
        return Q(pk__in=[])
    return Q(**{f"{field}__gte": _start_of(min(dates)), f"{field}__lt": _start_of(max(dates) + ONE_DAY)})


def _owed_from(
    control_date: datetime.date | None, arrived: datetime.date | None
) -> tuple[datetime.date | None, bool]:
    """The control date a thing is reminded by, and whether it arrived after its own date (then only
    the steps after the day it arrived are sent)."""
    if arrived is not None and (control_date is None or arrived > control_date):
        return arrived, True
    return control_date, False


@functools.lru_cache(maxsize=64)
def working_days(days: int) -> tuple[tuple[str, str], ...]:
    """ "7 working days" in each language, for an escalation's `days`."""
    texts = in_each_language(
        lambda: ngettext("%(days)d working day", "%(days)d working days", days) % {"days": days}
    )
    return tuple(texts.items())


def _label(thing: ControlItem | Instruction) -> dict[str, str]:
    """How a notice names an item or instruction, in each language (as events name them)."""
    return in_each_language(lambda: shortened(thing.reference, thing.text))


def _path(view_name: str) -> Callable[[int], str]:
    """A page's path for many rows at once: reversed once, the id put in."""
    marker = 987654321
    pattern = targets.path(view_name, marker)
    before, _marker, after = pattern.partition(str(marker))
    return lambda pk: f"{before}{pk}{after}"


class Run:
    """One day's reminders."""

    def __init__(self, day: datetime.date) -> None:
        self.day = day
        self.calendar = default_calendar([day.year - 1, day.year, day.year + 1])
        self.ladders = Ladders.on(day, self.calendar)
        self.people = People()
        self.names: dict[int, dict[str, str]] = {}
        self._measure_labels: dict[int, dict[str, str]] = {}

    def organization(self, pk: int) -> dict[str, str]:
        """An organisation's name in each language: the directory's names are read once a run, when first needed."""
        if not self.names:
            columns = [f"name_{code}" for code in language_codes()]
            self.names = {
                row[0]: {code: text for code, text in zip(language_codes(), row[1:], strict=True) if text}
                for row in Organization.objects.values_list("pk", *columns).iterator(chunk_size=CHUNK)
            }
        return self.names.get(pk, {})

    def measure_label(self, row: dict[str, Any]) -> dict[str, str]:
        """How a notice names a measure's item: "CODE 1.2. Text…" in each language it has a text in."""
        item_id = row["item_id"]
        label = self._measure_labels.get(item_id)
        if label is None:
            reference = f"{row['item__plan__code']} {row['item__measure__number']}"
            label = {
                code: shortened(reference, row[f"item__measure__text_{code}"] or "")
                for code in language_codes()
                if row[f"item__measure__text_{code}"] or code == language_codes()[0]
            }
            if len(self._measure_labels) > 50_000:
                self._measure_labels.clear()  # memory stays flat
            self._measure_labels[item_id] = label
        return label

    def escalations(
        self,
        *,
        ladder: Ladder,
        offset: int,
        organization_id: int,
        controller_id: int,
        controller_person_id: int | None,
        head: bool = True,
    ) -> list[int]:
        """Whom a step escalates to: the head from `ladder.head` days overdue, the controller from
        `ladder.controller` days."""
        recipients: list[int] = []
        if head and offset >= ladder.head:
            recipients += self.people.of(organization_id, Role.HEAD)
        if offset >= ladder.controller:
            recipients += self.people.controllers(controller_id, controller_person_id)
        return recipients

    def notices(self) -> Iterator[Notice]:
        yield from self.reports()
        yield from self.approvals()
        yield from self.instructions()
        yield from self.extensions()
        yield from self.minutes()

    def _step(
        self, plan_id: int | None, control_date: datetime.date | None, late: bool
    ) -> tuple[Ladder, int] | None:
        ladder, steps = self.ladders.of(plan_id)
        offset = steps.get(control_date) if control_date is not None else None
        if offset is None or (late and offset <= 0):
            return None
        return ladder, offset

    def reports(self) -> Iterator[Notice]:
        """Reports on measures not sent (draft, or returned and not sent again) in open cycles."""
        dates = self.ladders.dates()
        if not dates:
            return
        rows = (
            Report.objects.filter(
                Q(due_date__in=dates) | _arrived_between("reviewed_at", self.ladders.dates(after_only=True)),
                status__in=[Report.Status.DRAFT, Report.Status.RETURNED],
                cycle__status=ReportingCycle.Status.OPEN,
                item__control_status__in=ControlItem.RUNNING_STATUSES,
                item__measure__isnull=False,
            )
            .order_by()
            .values(
                "pk",
                "due_date",
                "reviewed_at",
                "organization_id",
                "item_id",
                "item__plan_id",
                "item__controller_id",
                "item__controller_person_id",
                "item__plan__code",
                "item__measure__number",
                *(f"item__measure__text_{code}" for code in language_codes()),
            )
        )
        path = _path("execution:report")
        for row in rows.iterator(chunk_size=CHUNK):
            control_date, late = _owed_from(row["due_date"], _local_day(row["reviewed_at"]))
            step = self._step(row["item__plan_id"], control_date, late)
            if step is None:
                continue
            ladder, offset = step
            item = self.measure_label(row)
            key = f"ladder:report:{row['pk']}:{step_name(offset)}:{control_date}"
            params = {"item": item, "date": row["due_date"].isoformat()}
            kind = Kind.REPORT_DUE if offset <= 0 else Kind.REPORT_OVERDUE
            for recipient in self.people.of(row["organization_id"], Role.EXECUTOR):
                yield Notice(recipient, kind, key, path(row["pk"]), params)
            yield from self._escalated(
                ladder, offset, row, key, path(row["pk"]), item, row["organization_id"]
            )

    def _escalated(
        self,
        ladder: Ladder,
        offset: int,
        row: dict[str, Any],
        key: str,
        target: str,
        item: dict[str, str],
        organization_id: int,
        *,
        head: bool = True,
    ) -> Iterator[Notice]:
        recipients = self.escalations(
            ladder=ladder,
            offset=offset,
            organization_id=organization_id,
            controller_id=row["item__controller_id"],
            controller_person_id=row["item__controller_person_id"],
            head=head,
        )
        if not recipients:
            return
        params = {
            "item": item,
            "organization": self.organization(organization_id),
            "days": dict(working_days(offset)),
        }
        for recipient in dict.fromkeys(recipients):
            yield Notice(recipient, Kind.ESCALATION, key, target, params, escalation=True)

    def approvals(self) -> Iterator[Notice]:
        """Reports waiting for their head's approval, by the report's due date: the head, then the
        controller."""
        dates = self.ladders.dates()
        if not dates:
            return
        rows = (
            Report.objects.filter(
                due_date__in=dates,
                status=Report.Status.AWAITING_APPROVAL,
                cycle__status=ReportingCycle.Status.OPEN,
                item__control_status__in=ControlItem.RUNNING_STATUSES,
            )
            .select_related(
                "item__measure__plan", "item__instruction__minutes", "item__instruction__legal_act"
            )
            .order_by()
        )
        path = _path("execution:report")
        for report in rows.iterator(chunk_size=CHUNK):
            step = self._step(report.item.plan_id, report.due_date, False)
            if step is None:
                continue
            ladder, offset = step
            item = _label(report.item)
            key = f"ladder:approval:{report.pk}:{step_name(offset)}:{report.due_date}"
            params = {
                "item": item,
                "organization": self.organization(report.organization_id),
                "date": report.due_date.isoformat(),
            }
            for recipient in self.people.of(report.organization_id, Role.HEAD):
                yield Notice(recipient, Kind.APPROVAL_WAITING, key, path(report.pk), params)
            row = {
                "item__controller_id": report.item.controller_id,
                "item__controller_person_id": report.item.controller_person_id,
            }
            yield from self._escalated(
                ladder, offset, row, key, path(report.pk), item, report.organization_id, head=False
            )

    def instructions(self) -> Iterator[Notice]:
        """Instructions under control whose executor has not sent its report (nor given it to its head)."""
        dates = self.ladders.dates()
        if not dates:
            return
        sent = Report.objects.filter(
            assignment_id=OuterRef("pk"),
            status__in=[Report.Status.AWAITING_APPROVAL, *Report.SENT_STATUSES],
        )
        rows = (
            Assignment.objects.filter(
                item__instruction__isnull=False,
                item__control_status__in=ControlItem.RUNNING_STATUSES,
                item__control_date__in=dates,
            )
            .exclude(Exists(sent))
            .select_related("item__instruction__minutes", "item__instruction__legal_act")
            .order_by()
        )
        path = _path("execution:item")
        for assignment in rows.iterator(chunk_size=CHUNK):
            control = assignment.item
            step = self._step(control.plan_id, control.control_date, False)
            if step is None or control.instruction is None:
                continue
            ladder, offset = step
            instruction = control.instruction
            item = _label(instruction)
            key = f"ladder:instruction:{assignment.pk}:{step_name(offset)}:{control.control_date}"
            params = {"item": item, "date": str(control.control_date)}
            kind = Kind.INSTRUCTION_DUE if offset <= 0 else Kind.INSTRUCTION_OVERDUE
            for recipient in self.people.of(assignment.organization_id, Role.EXECUTOR):
                yield Notice(recipient, kind, key, path(control.pk), params)
            row = {
                "item__controller_id": control.controller_id,
                "item__controller_person_id": control.controller_person_id,
            }
            yield from self._escalated(
                ladder, offset, row, key, path(control.pk), item, assignment.organization_id
            )

    def extensions(self) -> Iterator[Notice]:
        """Extension requests the controller has not decided, by the item's control date (or the day
        asked, when later)."""
        dates = self.ladders.dates()
        if not dates:
            return
        rows = (
            Extension.objects.filter(
                Q(item__control_date__in=dates)
                | _arrived_between("requested_at", self.ladders.dates(after_only=True)),
                status=Extension.Status.REQUESTED,
                item__control_status__in=ControlItem.RUNNING_STATUSES,
            )
            .select_related(
                "item__measure__plan", "item__instruction__minutes", "item__instruction__legal_act"
            )
            .order_by()
        )
        path = _path("execution:item")
        for extension in rows.iterator(chunk_size=CHUNK):
            control_date, late = _owed_from(extension.item.control_date, _local_day(extension.requested_at))
            step = self._step(extension.item.plan_id, control_date, late)
            if step is None:
                continue
            _ladder, offset = step
            item = _label(extension.item)
            key = f"ladder:extension:{extension.pk}:{step_name(offset)}:{control_date}"
            params = {
                "item": item,
                "organization": self.organization(extension.organization_id),
                "date": extension.new_date.isoformat(),
            }
            for recipient in self.people.controllers(
                extension.item.controller_id, extension.item.controller_person_id
            ):
                yield Notice(recipient, Kind.EXTENSION_WAITING, key, path(extension.item_id), params)

    def minutes(self) -> Iterator[Notice]:
        """Circulated minutes the chair has not approved, from the day they were circulated."""
        dates = self.ladders.dates(after_only=True)
        if not dates:
            return
        rows = (
            Minutes.objects.filter(
                _arrived_between("circulated_at", dates),
                status=Minutes.Status.CIRCULATED,
                meeting__chair__isnull=False,
            )
            .select_related("meeting__body")
            .order_by()
        )
        path = _path("meetings:meeting")
        for minutes in rows.iterator(chunk_size=CHUNK):
            control_date = _local_day(minutes.circulated_at)
            step = self._step(None, control_date, True)
            chair = self.people.of_person.get(minutes.meeting.chair_id or 0)
            if step is None or chair is None:
                continue
            _ladder, offset = step
            meeting = minutes.meeting
            key = f"ladder:minutes:{minutes.pk}:{step_name(offset)}:{control_date}"
            params = {
                "number": minutes.number,
                "meeting": in_each_language(functools.partial(str, meeting)),
            }
            yield Notice(chair, Kind.MINUTES_WAITING, key, path(meeting.pk), params)


@dates_in_range
def send_reminders(*, day: datetime.date) -> dict[str, Any]:
    """The daily job: write the day's reminders (a day off has none). Running it again for the same
    day writes nothing more."""
    with transaction.atomic():
        offered = notify(Run(day).notices())
    return {"day": day.isoformat(), "reminders": offered}


def send_digests_for(*, day: datetime.date) -> dict[str, Any]:
    """The daily job of digests: run on `day`, it mails the digests of the day before."""
    return {"day": (day - ONE_DAY).isoformat(), "digests": mail.send_digests(day=day - ONE_DAY)}
