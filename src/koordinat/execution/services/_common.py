"""Shared by the execution services: refusals and events on the item's timeline, and syncing items."""

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.calendar import default_calendar
from koordinat.plans import periods
from koordinat.plans.models import Executor, LegalAct, Measure, Plan

from ..models import Assignment, ControlItem, Extension, Report, ReportingCycle


def _date(day: datetime.date | None) -> str:
    return formats.date_format(day) if day else "—"


def _require(
    rule: Callable[..., bool], actor: User, target: Any, *, action: str, item: ControlItem | None
) -> None:
    """Refusals are kept on the item's timeline, naming the report or extension they concerned."""
    audit.require(rule, actor, target, action=action, record=item, data=_refs(target))


def _refs(target: Any) -> dict[str, Any]:
    if isinstance(target, Report):
        return {"report": target.pk, "organization": target.organization_id, "cycle": target.cycle_id}
    if isinstance(target, Extension):
        return {"extension": target.pk}
    return {}


def _control_date(measure: Measure, approved_on: datetime.date | None) -> datetime.date | None:
    """The end of the measure's period, or of a period counted from the plan's approval ("within 6
    months of approval"), moved to the working day before if need be. None when no date can be read:
    continuous and recurring items are reported on every cycle, and the rest need their controller
    to set one (`item_set_control_date`)."""
    end = measure.deadline_end
    if end is None and measure.deadline_kind == "relative" and measure.deadline_anchor == "approval":
        end = periods.relative_end(measure.deadline_offset, approved_on) if approved_on else None
    if end is None:
        return None
    return default_calendar([end.year - 1, end.year]).previous_working_day(end)


def _undated_count(plan: Plan) -> int:
    """How many of the plan's open items need their controller to set a control date."""
    return ControlItem.objects.filter(plan=plan).needing_control_date().count()


def _sync_items(plan: Plan) -> int:
    measures = list(
        Measure.objects.filter(plan=plan, control__isnull=True, executors__isnull=False)
        .distinct()
        .only("pk", "deadline_end", "deadline_kind", "deadline_offset", "deadline_anchor")
    )
    approved_on = (
        LegalAct.objects.filter(pk=plan.approved_by_id).values_list("date", flat=True).first()
        if measures and plan.approved_by_id
        else None
    )
    items = []
    for measure in measures:
        control_date = _control_date(measure, approved_on)
        items.append(
            ControlItem(
                plan=plan,
                measure=measure,
                controller_id=plan.coordinator_id,
                control_date=control_date,
                initial_control_date=control_date,
            )
        )
    ControlItem.objects.bulk_create(items, batch_size=2000)
    if items and clock.is_set():
        # Replayed history (the demo): put under control when the replay says, which the official
        # report's "as of the period's end" reads (auto_now_add takes the wall clock).
        for start in range(0, len(items), 2000):
            ControlItem.objects.filter(pk__in=[item.pk for item in items[start : start + 2000]]).update(
                created_at=clock.now()
            )
    existing = set(
        Assignment.objects.filter(item__plan=plan).values_list("item__measure_id", "organization_id")
    )
    item_ids = dict(
        ControlItem.objects.filter(plan=plan, control_status__in=ControlItem.OPEN_STATUSES).values_list(
            "measure_id", "pk"
        )
    )
    leads = set(
        Assignment.objects.filter(item__plan=plan, role=Assignment.Role.LEAD).values_list(
            "item_id", flat=True
        )
    )
    new = []
    for measure_id, organization_id, role, position in (
        Executor.objects.filter(plan=plan, measure_id__in=item_ids)
        .order_by("measure_id", "position")
        .values_list("measure_id", "organization_id", "role", "position")
    ):
        if (measure_id, organization_id) in existing:
            continue
        item_id = item_ids[measure_id]
        lead = role == Executor.Role.LEAD and item_id not in leads
        new.append(
            Assignment(
                item_id=item_id,
                organization_id=organization_id,
                role=Assignment.Role.LEAD if lead else Assignment.Role.CO,
                position=position,
            )
        )
    Assignment.objects.bulk_create(new, batch_size=5000)
    return len(items)


def _check_writable(report: Report) -> None:
    """The rules that hold whoever writes: an open item, an open cycle, a report not yet sent."""
    if not report.item.is_open:
        raise ValidationError(
            _("This item is %(status)s; reports on it can no longer be changed.")
            % {"status": report.item.get_control_status_display()}
        )
    if report.cycle.status != ReportingCycle.Status.OPEN:
        raise ValidationError(
            _("The reporting cycle %(cycle)s is closed; reports in it can no longer be changed.")
            % {"cycle": report.cycle}
        )
    if not report.is_editable:
        raise ValidationError(
            _("This report is %(status)s and cannot be changed now.")
            % {"status": report.get_status_display()}
        )


def _record(actor: User, action: str, report: Report, **data: Any) -> None:
    audit.record(actor=actor, action=action, target=report.item, data={**_refs(report), **data})
