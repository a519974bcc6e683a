"""Reporting cycles: opened by hand, by the daily job or for approved instructions, and closed."""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.calendar import default_calendar
from koordinat.core.dates import dates_in_range
from koordinat.core.translation import Texts, assign_texts
from koordinat.plans.models import Plan

from .. import permissions
from ..models import Assignment, ControlItem, Report, ReportingCycle
from ..schedule import due_date_after, last_ended_period
from ._common import _date, _require, _sync_items, _undated_count

CO_EXECUTOR_DAYS_BEFORE = 5


def _open_cycle(
    *,
    actor: User | None,
    plan: Plan,
    kind: str,
    period_start: datetime.date,
    period_end: datetime.date,
    due_date: datetime.date,
    co_executor_days_before: int,
    note: str,
) -> ReportingCycle:
    calendar = default_calendar([due_date.year - 1, due_date.year])
    co_due = min(
        due_date, calendar.previous_working_day(due_date - datetime.timedelta(days=co_executor_days_before))
    )
    cycle = ReportingCycle(
        plan=plan,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        due_date=due_date,
        co_executor_due_date=co_due,
        note=note,
        opened_by=actor if actor is not None and actor.is_authenticated else None,
    )
    cycle.full_clean()
    cycle.save()
    created_items = _sync_items(plan)
    assignments = Assignment.objects.filter(
        item__plan=plan, item__control_status__in=ControlItem.OPEN_STATUSES
    ).values_list("pk", "item_id", "organization_id", "role")
    reports = [
        Report(
            cycle=cycle,
            assignment_id=pk,
            item_id=item_id,
            organization_id=organization_id,
            is_lead=role == Assignment.Role.LEAD,
            due_date=due_date if role == Assignment.Role.LEAD else co_due,
        )
        for pk, item_id, organization_id, role in assignments.iterator(chunk_size=5000)
    ]
    Report.objects.bulk_create(reports, batch_size=2000)
    audit.record(
        actor=actor,
        action="cycle.open",
        target=cycle,
        data={
            "plan": plan.code,
            "period": [period_start.isoformat(), period_end.isoformat()],
            "due_date": due_date.isoformat(),
            "reports": len(reports),
            "items_put_under_control": created_items,
            "without_control_date": _undated_count(plan),
        },
    )
    return cycle


@dates_in_range
def cycle_open(
    *,
    actor: User,
    plan: Plan,
    period_start: datetime.date,
    period_end: datetime.date,
    due_date: datetime.date,
    kind: str = ReportingCycle.Kind.SCHEDULED,
    co_executor_days_before: int = CO_EXECUTOR_DAYS_BEFORE,
    note: str = "",
    today: datetime.date | None = None,
) -> ReportingCycle:
    """Open a cycle: every executor of every open item of the plan gets the report it must file."""
    _require(permissions.can_manage_cycles, actor, plan, action="cycle.open", item=None)
    today = today or clock.today()
    errors: dict[str, str] = {}
    if plan.status != Plan.Status.IN_FORCE:
        errors["plan"] = _("Reports are collected only for a plan in force; %(plan)s is %(status)s.") % {
            "plan": plan.code,
            "status": plan.get_status_display(),
        }
    if period_end < period_start:
        errors["period_end"] = _("The period cannot end before it starts.")
    if due_date < today:
        errors["due_date"] = _("The due date %(date)s has already passed.") % {"date": _date(due_date)}
    if co_executor_days_before < 0:
        errors["co_executor_days_before"] = _("Co-executors cannot report after the lead executor.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        if (
            kind == ReportingCycle.Kind.SCHEDULED
            and ReportingCycle.objects.filter(
                plan=plan, kind=kind, period_start=period_start, period_end=period_end
            ).exists()
        ):
            raise ValidationError(
                {
                    "period_start": _("The cycle for %(start)s — %(end)s is already open or closed.")
                    % {"start": _date(period_start), "end": _date(period_end)}
                }
            )
        return _open_cycle(
            actor=actor,
            plan=plan,
            kind=kind,
            period_start=period_start,
            period_end=period_end,
            due_date=due_date,
            co_executor_days_before=co_executor_days_before,
            note=note,
        )


@dates_in_range
def open_scheduled_cycles(*, today: datetime.date) -> list[ReportingCycle]:
    """What the daily job does: for each plan in force, open the cycle of the period that just ended."""
    opened = []
    for plan in Plan.objects.filter(status=Plan.Status.IN_FORCE).order_by("pk"):
        period = last_ended_period(
            start=plan.period_start, end=plan.period_end, periodicity=plan.reporting_periodicity, today=today
        )
        if period is None:
            continue
        with transaction.atomic():
            Plan.objects.select_for_update().filter(pk=plan.pk).first()
            if ReportingCycle.objects.filter(
                plan=plan, kind=ReportingCycle.Kind.SCHEDULED, period_start=period[0], period_end=period[1]
            ).exists():
                continue
            calendar = default_calendar([period[1].year, period[1].year + 1])
            due = due_date_after(period[1], plan.report_due_days, calendar)
            opened.append(
                _open_cycle(
                    actor=None,
                    plan=plan,
                    kind=ReportingCycle.Kind.SCHEDULED,
                    period_start=period[0],
                    period_end=period[1],
                    due_date=max(due, today),
                    co_executor_days_before=CO_EXECUTOR_DAYS_BEFORE,
                    note="",
                )
            )
    return opened


@dates_in_range
def instructions_under_control(
    *, actor: User, instructions: Sequence[Any], body: Any, opened_on: datetime.date, note: Texts
) -> ReportingCycle | None:
    """Put approved instructions under control, each executor owing a report by the control date.

    Called by the meetings services inside the transaction that approved the minutes (or
    registered an act's instructions), after their own permission checks."""
    if not instructions:
        return None
    items = ControlItem.objects.bulk_create(
        ControlItem(
            instruction=instruction,
            controller_id=instruction.controller_id,
            control_date=instruction.control_date,
            initial_control_date=instruction.control_date,
        )
        for instruction in instructions
    )
    item_of = {item.instruction_id: item for item in items}
    assignments = Assignment.objects.bulk_create(
        Assignment(
            item=item_of[instruction.pk],
            organization_id=executor.organization_id,
            role=Assignment.Role.LEAD if position == 0 else Assignment.Role.CO,
            position=position,
        )
        for instruction in instructions
        for position, executor in enumerate(instruction.executors.order_by("position"))
    )
    last = max(instruction.control_date for instruction in instructions)
    calendar = default_calendar([opened_on.year, last.year])

    def co_due(day: datetime.date) -> datetime.date:
        return min(
            day,
            max(
                opened_on,
                calendar.previous_working_day(day - datetime.timedelta(days=CO_EXECUTOR_DAYS_BEFORE)),
            ),
        )

    cycle = ReportingCycle(
        body=body,
        kind=ReportingCycle.Kind.ONE_OFF,
        period_start=opened_on,
        period_end=opened_on,
        due_date=last,
        co_executor_due_date=co_due(last),
        opened_by=actor if actor is not None and actor.is_authenticated else None,
    )
    assign_texts(cycle, "note", note)
    cycle.full_clean()
    cycle.save()
    control_dates = {item_of[instruction.pk].pk: instruction.control_date for instruction in instructions}
    Report.objects.bulk_create(
        Report(
            cycle=cycle,
            assignment=assignment,
            item_id=assignment.item_id,
            organization_id=assignment.organization_id,
            is_lead=assignment.role == Assignment.Role.LEAD,
            due_date=control_dates[assignment.item_id]
            if assignment.role == Assignment.Role.LEAD
            else co_due(control_dates[assignment.item_id]),
        )
        for assignment in assignments
    )
    audit.record_many(
        actor=actor,
        action="control.sync",
        entries=[(item, {"instruction": item.instruction_id, "cycle": cycle.pk}) for item in items],
    )
    audit.record(
        actor=actor, action="cycle.open", target=cycle, data={"note": note, "reports": len(assignments)}
    )
    return cycle


def cycle_close(*, actor: User, cycle: ReportingCycle) -> ReportingCycle:
    """After a cycle closes, its unfiled reports stay as they are: late, and counted so."""
    _require(permissions.can_manage_cycles, actor, cycle.plan, action="cycle.close", item=None)
    with transaction.atomic():
        current = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
        if current.status == ReportingCycle.Status.CLOSED:
            raise ValidationError(_("This reporting cycle is already closed."))
        current.status, current.closed_at = ReportingCycle.Status.CLOSED, clock.now()
        current.save(update_fields=["status", "closed_at", "updated_at"])
        waiting = current.reports.exclude(status=Report.Status.ACCEPTED).count()
        audit.record(actor=actor, action="cycle.close", target=current, data={"not_accepted": waiting})
    return current
