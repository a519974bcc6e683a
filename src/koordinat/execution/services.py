"""Every step of execution control: checked, atomic, audited on the item's timeline.

Each event is recorded with the item as its target (and the report or extension in its data), so
the item's page reads its whole life from the audit chain, and a refused attempt is kept there too.
"""

import datetime
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from koordinat.core import audit, clock
from koordinat.core.calendar import default_calendar
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version
from koordinat.directory.models import Person
from koordinat.directory.selectors import organization_scope
from koordinat.plans import periods
from koordinat.plans.models import Executor, LegalAct, Measure, Plan

from . import evidence as evidence_files
from . import permissions, selectors
from .models import (
    Assignment,
    ControlDateChange,
    ControlItem,
    Evidence,
    ExecutionStatus,
    Extension,
    IndicatorActual,
    Report,
    ReportingCycle,
    ReportVersion,
    evidence_storage,
)
from .schedule import due_date_after, last_ended_period

CO_EXECUTOR_DAYS_BEFORE = 5
MAX_EVIDENCE_BYTES_DEFAULT = 20 * 2**20
MAX_EVIDENCE_UNPACKED_BYTES_DEFAULT = 200 * 2**20


def _date(day: datetime.date | None) -> str:
    return formats.date_format(day) if day else "—"


def _require(
    rule: Callable[..., bool], actor: Any, target: Any, *, action: str, item: ControlItem | None
) -> None:
    """Refusals are kept on the item's timeline, naming the report or extension they concerned."""
    audit.require(rule, actor, target, action=action, record=item, data=_refs(target))


def _refs(target: Any) -> dict[str, Any]:
    if isinstance(target, Report):
        return {"report": target.pk, "organization": target.organization_id, "cycle": target.cycle_id}
    if isinstance(target, Extension):
        return {"extension": target.pk}
    return {}


# Putting items under control ------------------------------------------------------------------


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


def control_items_sync(*, actor: Any, plan: Plan) -> int:
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


# Reporting cycles ------------------------------------------------------------------------------


def _open_cycle(
    *,
    actor: Any,
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
    actor: Any,
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
    *, actor: Any, instructions: Sequence[Any], body: Any, opened_on: datetime.date, note: str
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
        note=note,
        opened_by=actor if actor is not None and actor.is_authenticated else None,
    )
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


def cycle_close(*, actor: Any, cycle: ReportingCycle) -> ReportingCycle:
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


# Reports ----------------------------------------------------------------------------------------


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


def _content(report: Report) -> dict[str, Any]:
    """A report as its version history keeps it; the evidence by id, so a version can still serve
    the files it carried after they leave the working copy."""
    return {
        "status": report.status,
        "narrative": report.narrative,
        "narrative_language": report.narrative_language,
        "claimed_status": report.claimed_status,
        "progress": report.progress,
        "completed_on": report.completed_on.isoformat() if report.completed_on else None,
        "actuals": [
            [actual.indicator_id, str(actual.value), actual.note]
            for actual in report.actuals.order_by("indicator_id")
        ],
        "evidence": [
            {
                "id": evidence.pk,
                "title": evidence.title,
                "file": evidence.original_name,
                "url": evidence.url,
                "size": evidence.size,
            }
            for evidence in report.evidence.current().order_by("pk")
        ],
        "review_comment": report.review_comment,
    }


def _keep_version(report: Report, *, actor: Any, event: str) -> ReportVersion:
    """Keep what the report says now; a version others may read makes its draft evidence sent."""
    number = (report.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ReportVersion.objects.create(
        report=report,
        number=number,
        event=event,
        content=_content(report),
        created_by=actor if actor is not None and actor.is_authenticated else None,
        created_at=clock.now(),
    )
    if version.is_shared:
        report.evidence.current().filter(sent_in__isnull=True).update(sent_in=number)
    return version


def _record(actor: Any, action: str, report: Report, **data: Any) -> None:
    audit.record(actor=actor, action=action, target=report.item, data={**_refs(report), **data})


@dates_in_range
def report_save(
    *,
    actor: Any,
    report: Report,
    version: int,
    narrative: str,
    narrative_language: str,
    claimed_status: str,
    progress: int,
    completed_on: datetime.date | None = None,
    actuals: Mapping[int, tuple[Decimal, str]] | None = None,
) -> Report:
    """Keep a draft (or a returned report being reworked). `actuals`: indicator id → (value, note)."""
    _require(permissions.can_edit_report, actor, report, action="report.save", item=report.item)
    with transaction.atomic():
        current: Report = lock_version(report, version)
        _check_writable(current)
        errors = {}
        if claimed_status == ExecutionStatus.COMPLETED and progress < 100:
            errors["progress"] = _(
                "A measure reported as completed is 100 percent done; correct the progress or the status."
            )
        if claimed_status == ExecutionStatus.COMPLETED and completed_on is None:
            errors["completed_on"] = _("Give the day the work was completed.")
        if completed_on is not None and completed_on > clock.today():
            errors["completed_on"] = _("The work cannot have been completed after today.")
        if errors:
            raise ValidationError(errors)
        current.narrative, current.narrative_language = narrative.strip(), narrative_language
        current.claimed_status, current.progress = claimed_status, progress
        current.completed_on = completed_on if claimed_status == ExecutionStatus.COMPLETED else None
        current.version += 1
        current.full_clean()
        current.save()
        if actuals is not None:
            known = (
                set(current.item.measure.indicators.values_list("pk", flat=True))
                if current.item.measure
                else set()
            )
            unknown = sorted(set(actuals) - known)
            if unknown:
                raise ValidationError(
                    _("Indicator %(id)s does not belong to this measure.") % {"id": unknown[0]}
                )
            current.actuals.exclude(indicator_id__in=actuals).delete()
            for indicator_id, (value, note) in actuals.items():
                IndicatorActual.objects.update_or_create(
                    report=current, indicator_id=indicator_id, defaults={"value": value, "note": note}
                )
        _record(actor, "report.save", current, claimed_status=claimed_status, progress=progress)
    return current


def max_evidence_bytes() -> int:
    return int(getattr(settings, "KOORDINAT_MAX_EVIDENCE_BYTES", MAX_EVIDENCE_BYTES_DEFAULT))


def max_evidence_unpacked_bytes() -> int:
    return int(
        getattr(settings, "KOORDINAT_MAX_EVIDENCE_UNPACKED_BYTES", MAX_EVIDENCE_UNPACKED_BYTES_DEFAULT)
    )


def evidence_add(
    *,
    actor: Any,
    report: Report,
    title: str,
    upload: IO[bytes] | None = None,
    filename: str = "",
    url: str = "",
) -> Evidence:
    """Attach a file (checked by its content and size, see execution.evidence) or a link to a report
    being written. Until the report is next sent, it is draft evidence: the organisation's alone."""
    _require(permissions.can_edit_report, actor, report, action="evidence.add", item=report.item)
    if bool(upload) == bool(url):
        raise ValidationError({"file": _("Attach a file or give a link, one of the two.")})
    name = evidence_files.clean_filename(filename) if upload is not None else ""
    content_type, size = "", 0
    if upload is not None:
        data = upload.read(max_evidence_bytes() + 1)
        size = len(data)
        if size > max_evidence_bytes():
            raise ValidationError(
                {
                    "file": _("%(file)s is larger than %(limit)d MB.")
                    % {"file": name, "limit": max_evidence_bytes() // 2**20}
                }
            )
        try:
            kind = evidence_files.check(data, name, unpacked_limit=max_evidence_unpacked_bytes())
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        content_type = kind.content_type
    with transaction.atomic():
        current = Report.objects.select_for_update().select_related("item", "cycle").get(pk=report.pk)
        _check_writable(current)
        evidence = Evidence(
            report=current,
            title=title.strip() or name,
            url=url,
            original_name=name,
            content_type=content_type,
            size=size,
            added_by=actor,
            added_at=clock.now(),
        )
        if upload is not None:
            evidence.file.save(name, ContentFile(data), save=False)
        evidence.full_clean()
        evidence.save()
        _record(actor, "evidence.add", current, evidence=evidence.pk, title=evidence.title)
    return evidence


def evidence_remove(*, actor: Any, evidence: Evidence) -> None:
    """Draft evidence is deleted with its file; evidence that was sent only leaves the working copy,
    and stays with the versions that carried it, for those who may read them."""
    report = evidence.report
    _require(permissions.can_edit_report, actor, report, action="evidence.remove", item=report.item)
    with transaction.atomic():
        current = Report.objects.select_for_update().select_related("item", "cycle").get(pk=report.pk)
        _check_writable(current)
        removed = (
            Evidence.objects.select_for_update().filter(pk=evidence.pk, report=current).current().first()
        )
        if removed is None:
            raise ValidationError(_("This evidence was already removed."))
        _record(actor, "evidence.remove", current, evidence=removed.pk, title=removed.title)
        if removed.sent_in is None:
            name = removed.file.name
            removed.delete()
            if name:
                transaction.on_commit(lambda: evidence_storage().delete(name))
        else:
            removed.removed_at, removed.removed_by = clock.now(), actor
            removed.save(update_fields=["removed_at", "removed_by"])


def report_submit(*, actor: Any, report: Report, version: int) -> Report:
    """Send the report: to the head first where the organisation asks for it, else to the controller."""
    _require(permissions.can_edit_report, actor, report, action="report.submit", item=report.item)
    with transaction.atomic():
        current: Report = lock_version(report, version)
        _check_writable(current)
        if not current.narrative:
            raise ValidationError({"narrative": _("Write what was done before sending the report.")})
        needs_head = current.organization.reports_need_head_approval and not actor.has_role("head")
        resubmitted = current.status == Report.Status.RETURNED
        if needs_head:
            current.status = Report.Status.AWAITING_APPROVAL
        else:
            _mark_submitted(current, actor)
        current.version += 1
        current.save()
        event = "to_head" if needs_head else ("resubmitted" if resubmitted else "submitted")
        _keep_version(current, actor=actor, event=event)
        _record(actor, f"report.{event}", current)
    return current


def _mark_submitted(report: Report, actor: Any) -> None:
    now = clock.now()
    report.status, report.submitted_at, report.submitted_by = Report.Status.SUBMITTED, now, actor
    report.first_submitted_at = report.first_submitted_at or now


def report_head_decide(
    *, actor: Any, report: Report, version: int, approve: bool, comment: str = ""
) -> Report:
    """The head sends the focal point's report on, or gives it back with a comment."""
    _require(permissions.can_approve_as_head, actor, report, action="report.head_decide", item=report.item)
    with transaction.atomic():
        current: Report = lock_version(report, version)
        if current.status != Report.Status.AWAITING_APPROVAL:
            raise ValidationError(_("This report is not waiting for the head's approval."))
        if not approve and not comment.strip():
            raise ValidationError({"comment": _("Say what the focal point should change.")})
        if approve:
            _mark_submitted(current, actor)
        else:
            current.status = Report.Status.DRAFT
        current.version += 1
        current.save()
        event = "head_approved" if approve else "head_returned"
        _keep_version(current, actor=actor, event=event)
        _record(actor, f"report.{event}", current, comment=comment.strip())
    return current


def report_review(*, actor: Any, report: Report, version: int, accept: bool, comment: str = "") -> Report:
    """The controller accepts a report (which locks it) or returns it for rework with comments."""
    _require(permissions.can_review_report, actor, report, action="report.review", item=report.item)
    with transaction.atomic():
        current: Report = lock_version(report, version)
        if current.status != Report.Status.SUBMITTED:
            raise ValidationError(
                _("Only a submitted report can be reviewed; this one is %(status)s.")
                % {"status": current.get_status_display()}
            )
        if not accept and not comment.strip():
            raise ValidationError(
                {"comment": _("Say what must be reworked: the executor sees your comment.")}
            )
        current.status = Report.Status.ACCEPTED if accept else Report.Status.RETURNED
        current.reviewed_at, current.reviewed_by, current.review_comment = (
            clock.now(),
            actor,
            comment.strip(),
        )
        current.version += 1
        current.save()
        if accept:
            _apply_accepted(current)
        event = "accepted" if accept else "returned"
        _keep_version(current, actor=actor, event=event)
        _record(actor, f"report.{event}", current, comment=comment.strip())
    return current


def _apply_accepted(report: Report) -> None:
    """The executor's status becomes what the accepted report says; a final lead report executes the item."""
    assignment = Assignment.objects.select_for_update().get(pk=report.assignment_id)
    assignment.execution_status = report.claimed_status
    assignment.completed_on = report.completed_on  # the day the executor says, accepted by the controller
    assignment.save(update_fields=["execution_status", "completed_on"])
    if report.is_lead and report.is_final:
        ControlItem.objects.filter(pk=report.item_id, control_status__in=ControlItem.OPEN_STATUSES).update(
            control_status=ControlItem.Status.EXECUTED
        )


# Extensions ---------------------------------------------------------------------------------------


@dates_in_range
def extension_request(
    *, actor: Any, item: ControlItem, new_date: datetime.date, reason: str, today: datetime.date | None = None
) -> Extension:
    """An executor asks for a new control date; the item's controller will decide."""
    _require(permissions.can_request_extension, actor, item, action="extension.request", item=item)
    today = today or clock.today()
    with transaction.atomic():
        current = ControlItem.objects.select_for_update().get(pk=item.pk)
        if not current.is_open:
            raise ValidationError(
                _("This item is %(status)s; its control date can no longer change.")
                % {"status": current.get_control_status_display()}
            )
        if new_date <= today:
            raise ValidationError({"new_date": _("Ask for a date after today.")})
        if current.control_date and new_date <= current.control_date:
            raise ValidationError(
                {
                    "new_date": _("Ask for a date after the current control date, %(date)s.")
                    % {"date": _date(current.control_date)}
                }
            )
        if not reason.strip():
            raise ValidationError({"reason": _("Say why more time is needed.")})
        if current.extensions.filter(status=Extension.Status.REQUESTED).exists():
            raise ValidationError(
                _("An extension request for this item is already waiting for the controller.")
            )
        organization_ids = organization_scope(actor)
        organization_id = next(
            a.organization_id
            for a in current.assignments.order_by("position")
            if a.organization_id in organization_ids
        )
        extension = Extension.objects.create(
            item=current,
            organization_id=organization_id,
            requested_by=actor,
            requested_at=clock.now(),
            current_date=current.control_date,
            new_date=new_date,
            reason=reason.strip(),
        )
        audit.record(
            actor=actor,
            action="extension.request",
            target=current,
            data={"extension": extension.pk, "new_date": new_date.isoformat(), "reason": extension.reason},
        )
    return extension


def extension_decide(*, actor: Any, extension: Extension, approve: bool, comment: str = "") -> Extension:
    """The controller approves or refuses a new control date; the item's date history keeps both."""
    _require(
        permissions.can_decide_extension, actor, extension, action="extension.decide", item=extension.item
    )
    with transaction.atomic():
        current = Extension.objects.select_for_update().select_related("item").get(pk=extension.pk)
        if current.status != Extension.Status.REQUESTED:
            raise ValidationError(
                _("This request was already decided on %(date)s.")
                % {
                    "date": formats.date_format(timezone.localtime(current.decided_at))
                    if current.decided_at
                    else "—"
                }
            )
        if not approve and not comment.strip():
            raise ValidationError(
                {"comment": _("Say why the request is refused: the executor sees your comment.")}
            )
        current.status = Extension.Status.APPROVED if approve else Extension.Status.REFUSED
        current.decided_by, current.decided_at, current.comment = actor, clock.now(), comment.strip()
        current.save()
        if approve:
            _move_control_date(
                item=current.item, to=current.new_date, actor=actor, reason=current.reason, extension=current
            )
        audit.record(
            actor=actor,
            action="extension.decide",
            target=current.item,
            data={
                "extension": current.pk,
                "approve": approve,
                "new_date": current.new_date.isoformat(),
                "comment": current.comment,
            },
        )
    return current


def _move_control_date(
    *, item: ControlItem, to: datetime.date, actor: Any, reason: str, extension: Extension | None
) -> None:
    current = ControlItem.objects.select_for_update().get(pk=item.pk)
    ControlDateChange.objects.create(
        item=current,
        old_date=current.control_date,
        new_date=to,
        reason=reason,
        extension=extension,
        changed_by=actor,
        changed_at=clock.now(),
    )
    current.control_date = to
    if current.control_status == ControlItem.Status.ON_CONTROL:
        current.control_status = ControlItem.Status.EXTENDED
    current.version += 1
    current.save(update_fields=["control_date", "control_status", "version", "updated_at"])


# A control date set by hand --------------------------------------------------------------------


@dates_in_range
def item_set_control_date(
    *,
    actor: Any,
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


# The controller's responsible person --------------------------------------------------------------


def item_assign_controller_person(
    *, actor: Any, item: ControlItem, version: int, person: Person | None
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


# Closing -----------------------------------------------------------------------------------------


def item_remove_from_control(
    *, actor: Any, item: ControlItem, version: int, reason: str, reports: Sequence[Report]
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


def item_cancel(*, actor: Any, item: ControlItem, version: int, reason: str) -> ControlItem:
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


def _close(item: ControlItem, *, actor: Any, status: str, reason: str) -> None:
    item.control_status, item.closing_reason = status, reason.strip()
    item.closed_at, item.closed_by = clock.now(), actor
    item.version += 1
    item.save()
