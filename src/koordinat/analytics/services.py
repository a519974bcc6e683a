"""Official execution reports: asked for, made (at once for a small plan, by the worker for a large
one), retried after a failure. Each request and each outcome is an audit event."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.execution.models import ControlItem
from koordinat.plans.models import Plan

from . import generation, snapshot
from .models import OfficialReport
from .permissions import can_produce_official_reports
from .tasks import generate_official_report


def _date(day: datetime.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def official_report_check(
    *, plan: Plan, start: datetime.date, end: datetime.date, today: datetime.date
) -> None:
    """Refuse a period the document could not be true for, naming the field: one outside the plan,
    one not yet over (its content would change), or one in which nothing of the plan was under control."""
    if end < start:
        raise ValidationError({"period": _("The period cannot end before it starts.")})
    if end < plan.period_start or start > plan.period_end:
        raise ValidationError(
            {
                "period": _(
                    "%(start)s — %(end)s is outside the plan's period (%(plan_start)s — %(plan_end)s): "
                    "choose a period within it."
                )
                % {
                    "start": _date(start),
                    "end": _date(end),
                    "plan_start": _date(plan.period_start),
                    "plan_end": _date(plan.period_end),
                }
            }
        )
    if end >= today:
        raise ValidationError(
            {
                "period": _(
                    "The period ends on %(end)s, which has not passed: the report gives the state at the end "
                    "of its period, so choose a period that ended before today."
                )
                % {"end": _date(end)}
            }
        )
    items = ControlItem.objects.filter(measure__plan=plan)
    if not items.exists():
        raise ValidationError(
            _("The plan “%(plan)s” has no items under control: there is nothing to report on.")
            % {"plan": plan.title}
        )
    if not items.filter(created_at__lt=snapshot.moment_after(end)).exists():
        raise ValidationError(
            {
                "period": _("No item of this plan was under control by %(end)s: choose a later period.")
                % {"end": _date(end)}
            }
        )


def official_report_request(
    *,
    actor: User,
    plan: Plan,
    period_start: datetime.date,
    period_end: datetime.date,
    language: str,
    format: str,
) -> OfficialReport:
    """Ask for the document: made before returning when the plan is small, else by the worker."""
    audit.require(can_produce_official_reports, actor, plan, action="official_report.request")
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose Azerbaijani, Russian or English.")})
    if format not in OfficialReport.Format.values:
        raise ValidationError({"format": _("Choose PDF or DOCX.")})
    official_report_check(plan=plan, start=period_start, end=period_end, today=clock.today())
    inline = (
        ControlItem.objects.filter(measure__plan=plan).count()
        <= settings.KOORDINAT_OFFICIAL_REPORT_INLINE_ITEMS
    )
    with transaction.atomic():
        report = OfficialReport.objects.create(
            plan=plan,
            period_start=period_start,
            period_end=period_end,
            language=language,
            format=format,
            requested_by=actor,
        )
        audit.record(
            actor=actor,
            action="official_report.request",
            target=plan,
            data={
                "official_report": report.pk,
                "period_start": period_start.isoformat(),
                "period_end": period_end.isoformat(),
                "language": language,
                "format": format,
            },
        )
        if not inline:
            _enqueue(report.pk)
    if inline:
        generation.official_report_generate(report_id=report.pk)
        report.refresh_from_db()
    return report


def _enqueue(report_id: int) -> None:
    transaction.on_commit(lambda: generate_official_report.enqueue(report_id=report_id))


def official_report_retry(*, actor: User, report: OfficialReport) -> OfficialReport:
    """Put a failed document back in the queue: the worker makes it again from the records."""
    audit.require(can_produce_official_reports, actor, report.plan, action="official_report.retry")
    with transaction.atomic():
        current = OfficialReport.objects.select_for_update().get(pk=report.pk)
        if current.status != OfficialReport.Status.FAILED:
            raise ValidationError(
                _("Only a document whose making failed can be tried again; this one is %(status)s.")
                % {"status": current.get_status_display()}
            )
        current.status, current.progress, current.error = OfficialReport.Status.QUEUED, 0, ""
        current.save(update_fields=["status", "progress", "error", "updated_at"])
        audit.record(
            actor=actor,
            action="official_report.retry",
            target=current.plan,
            data={"official_report": current.pk},
        )
        _enqueue(current.pk)
    return current
