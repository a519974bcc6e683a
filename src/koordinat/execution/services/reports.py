"""Reports: written, sent, approved by the head, reviewed by the controller; each step a version."""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import clock
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version

from .. import permissions
from ..models import Assignment, ControlItem, ExecutionStatus, IndicatorActual, Report, ReportVersion
from ._common import _check_writable, _record, _require


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


def _keep_version(report: Report, *, actor: User, event: str) -> ReportVersion:
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


@dates_in_range
def report_save(
    *,
    actor: User,
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


def report_submit(*, actor: User, report: Report, version: int) -> Report:
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
        action = (
            "report.to_head" if needs_head else ("report.resubmitted" if resubmitted else "report.submitted")
        )
        _record(actor, action, current)
    return current


def _mark_submitted(report: Report, actor: User) -> None:
    now = clock.now()
    report.status, report.submitted_at, report.submitted_by = Report.Status.SUBMITTED, now, actor
    report.first_submitted_at = report.first_submitted_at or now


def report_head_decide(
    *, actor: User, report: Report, version: int, approve: bool, comment: str = ""
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
        action = "report.head_approved" if approve else "report.head_returned"
        _record(actor, action, current, comment=comment.strip())
    return current


def report_review(*, actor: User, report: Report, version: int, accept: bool, comment: str = "") -> Report:
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
        action = "report.accepted" if accept else "report.returned"
        _record(actor, action, current, comment=comment.strip())
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
