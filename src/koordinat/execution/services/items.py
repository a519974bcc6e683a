"""Control items: put under control, given a control date and a responsible person, closed."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version
from koordinat.directory.models import Person
from koordinat.jobs import effects
from koordinat.plans.models import Plan

from .. import permissions, selectors
from ..models import ControlDateChange, ControlItem, Report
from ._common import _date, _require, _sync_items, _undated_count


def control_items_sync(*, actor: User, plan: Plan) -> int:
    """Put every measure with executors under control, and give open items the executors added since.

    The plan's coordinator controls them. An item whose period gives no control date is put under
    control all the same, and counted among those needing one. Returns how many items were put under
    control."""
    _require(permissions.can_manage_cycles, actor, plan, action="control.sync", item=None)
    with transaction.atomic():
        created = _sync_items(plan)
        if created:
            audit.record(
                actor=actor,
                action="control.sync",
                target=plan,
                data={"created": created, "without_control_date": _undated_count(plan)},
            )
    return created


@dates_in_range
def item_set_control_date(
    *,
    actor: User,
    item: ControlItem,
    version: int,
    control_date: datetime.date,
    reason: str,
    outside_period: bool = False,
) -> ControlItem:
    """The controller gives a date to an item whose period gives none (unreadable, not written, or
    counted from an event): the item is then overdue after it like any other. The date is kept in the
    item's date history with the reason; a date outside the plan's period must be said to be so."""
    _require(permissions.can_set_control_date, actor, item, action="control.set_date", item=item)
    with transaction.atomic():
        current: ControlItem = lock_version(item, version)
        _check_open(current)
        if current.control_date is not None:
            raise ValidationError(
                {
                    "control_date": _(
                        "This item already has a control date, %(date)s; a new one is asked for with an "
                        "extension request."
                    )
                    % {"date": _date(current.control_date)}
                }
            )
        errors: dict[str, str] = {}
        if not reason.strip():
            errors["reason"] = _("Say where the date comes from: the executors and the timeline show it.")
        plan = current.plan
        outside = plan is not None and not plan.period_start <= control_date <= plan.period_end
        if plan is not None and outside and not outside_period:
            errors["control_date"] = _(
                "%(date)s is outside the plan's period (%(start)s — %(end)s): if it is meant, tick the box "
                "saying so and give the reason."
            ) % {
                "date": _date(control_date),
                "start": _date(plan.period_start),
                "end": _date(plan.period_end),
            }
        if errors:
            raise ValidationError(errors)
        ControlDateChange.objects.create(
            item=current,
            old_date=None,
            new_date=control_date,
            reason=reason.strip(),
            changed_by=actor,
            changed_at=clock.now(),
        )
        current.control_date = control_date
        current.initial_control_date = current.initial_control_date or control_date
        current.version += 1
        current.save(update_fields=["control_date", "initial_control_date", "version", "updated_at"])
        audit.record(
            actor=actor,
            action="control.set_date",
            target=current,
            data={
                "new_date": control_date.isoformat(),
                "reason": reason.strip(),
                "outside_period": outside,
            },
        )
    return current


def item_assign_controller_person(
    *, actor: User, item: ControlItem, version: int, person: Person | None
) -> ControlItem:
    """The controller names who follows the item; only someone now working in the controlling organisation."""
    _require(permissions.can_assign_controller_person, actor, item, action="control.person", item=item)
    with transaction.atomic():
        current: ControlItem = lock_version(item, version)
        _check_open(current)
        if (
            person is not None
            and not selectors.controller_staff(user=actor, item=current).filter(pk=person.pk).exists()
        ):
            raise ValidationError(
                {
                    "person": _("%(person)s holds no current position in %(organization)s.")
                    % {"person": person.full_name, "organization": current.controller.name}
                }
            )
        previous = current.controller_person_id
        current.controller_person = person
        current.version += 1
        current.save(update_fields=["controller_person", "version", "updated_at"])
        audit.record(
            actor=actor,
            action="control.person",
            target=current,
            data={"changes": {"controller_person": [previous, person.pk if person else None]}},
        )
    return current


def item_remove_from_control(
    *, actor: User, item: ControlItem, version: int, reason: str, reports: Sequence[Report]
) -> ControlItem:
    """Only the controller takes an item off control, on accepted final reports; an interim report never does."""
    _require(permissions.can_close_item, actor, item, action="control.remove", item=item)
    with transaction.atomic():
        current: ControlItem = lock_version(item, version)
        _check_open(current)
        errors: dict[str, str] = {}
        if not reason.strip():
            errors["reason"] = _("Give the reason for removing the item from control.")
        chosen = list(Report.objects.filter(pk__in=[report.pk for report in reports], item=current))
        if not chosen:
            errors["reports"] = _("Choose the accepted report(s) the decision rests on.")
        for report in chosen:
            if report.status != Report.Status.ACCEPTED:
                errors["reports"] = _("The report of %(organization)s is %(status)s, not accepted.") % {
                    "organization": report.organization.name,
                    "status": report.get_status_display(),
                }
            elif not report.is_final:
                errors["reports"] = _(
                    "The report of %(organization)s is an interim report (%(status)s); only a report of completed work closes an item."
                ) % {"organization": report.organization.name, "status": report.get_claimed_status_display()}
        if chosen and not errors and not any(report.is_lead for report in chosen):
            errors["reports"] = _("The lead executor's accepted report of completed work is needed.")
        if errors:
            raise ValidationError(errors)
        _close(current, actor=actor, status=ControlItem.Status.REMOVED, reason=reason)
        current.closing_reports.set(chosen)
        audit.record(
            actor=actor,
            action="control.remove",
            target=current,
            data={"reason": current.closing_reason, "closing_reports": [report.pk for report in chosen]},
        )
    return current


def item_cancel(*, actor: User, item: ControlItem, version: int, reason: str) -> ControlItem:
    """Control ends without execution: the measure was dropped by an amendment or overtaken by events."""
    _require(permissions.can_close_item, actor, item, action="control.cancel", item=item)
    with transaction.atomic():
        current: ControlItem = lock_version(item, version)
        _check_open(current)
        if not reason.strip():
            raise ValidationError({"reason": _("Give the reason for cancelling control of this item.")})
        _close(current, actor=actor, status=ControlItem.Status.CANCELLED, reason=reason)
        audit.record(
            actor=actor, action="control.cancel", target=current, data={"reason": current.closing_reason}
        )
    return current


def _check_open(item: ControlItem) -> None:
    if not item.is_open:
        raise ValidationError(
            _("This item is already %(status)s.") % {"status": item.get_control_status_display()}
        )


def _close(item: ControlItem, *, actor: User, status: str, reason: str) -> None:
    item.control_status, item.closing_reason = status, reason.strip()
    item.closed_at, item.closed_by = clock.now(), actor
    item.version += 1
    item.save()


OVERDUE_BATCH = 1000  # items marked in one transaction


@dates_in_range
def record_overdue_items(*, day: datetime.date) -> int:
    """The daily job's mark of each item overdue as of `day`: an "item.overdue" event on its timeline,
    once per item and control date (an item given a later date and late again gets another). Being
    overdue is derived on read (execution.status); this event is when it happened, for the history,
    the reminders and escalation. Batched by id, one transaction each; returns how many it marked."""
    marked, after = 0, 0
    late = (
        ControlItem.objects.late(day)
        .select_related("measure__plan", "instruction__minutes", "instruction__legal_act")
        .order_by("pk")
    )
    while batch := list(late.filter(pk__gt=after)[:OVERDUE_BATCH]):
        after = batch[-1].pk
        keyed = {f"execution.overdue:{item.pk}:{item.control_date}": item for item in batch}
        with transaction.atomic():
            new = effects.once_each(keyed)
            marked += audit.record_many(
                actor=None,
                action="item.overdue",
                entries=(
                    (item, {"control_date": item.control_date, "as_of": day})
                    for key, item in keyed.items()
                    if key in new
                ),
            )
    return marked
