"""Official execution reports: asked for, made (at once for a small plan, by the worker for a large
one), retried after a failure. Each request and each outcome is an audit event."""

import datetime
import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import formats
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.audit import canonical_json
from koordinat.execution.models import ControlItem
from koordinat.plans.models import Plan

from . import documents, snapshot
from .models import OfficialReport
from .permissions import can_produce_official_reports

logger = logging.getLogger(__name__)


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
        official_report_generate(report_id=report.pk)
        report.refresh_from_db()
    return report


def _enqueue(report_id: int) -> None:
    from .tasks import generate_official_report

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


def snapshot_hash(data: dict[str, object]) -> str:
    """The same data gives the same hash, whenever and in whatever language it is drawn."""
    return hashlib.sha256(canonical_json(data).encode()).hexdigest()


def official_report_generate(*, report_id: int) -> OfficialReport | None:
    """Make the document: read the data as of the period's end, draw it, keep the file with the data.

    Run by the request itself or by the worker; a worker that takes over a lost run starts again. A
    failure is kept on the document in words, and the job ends: a person tries again when it is fixed."""
    claimed = OfficialReport.objects.filter(
        pk=report_id, status__in=(OfficialReport.Status.QUEUED, OfficialReport.Status.RUNNING)
    ).update(status=OfficialReport.Status.RUNNING, progress=5, attempts=F("attempts") + 1, error="")
    if not claimed:
        return None
    report = OfficialReport.objects.select_related("plan__coordinator", "requested_by").get(pk=report_id)

    def progress(percent: int) -> None:
        OfficialReport.objects.filter(pk=report_id).update(progress=percent)

    try:
        if report.requested_by is None:
            raise PermissionError(_("The person who asked for this document no longer has an account."))
        data = snapshot.collect(
            user=report.requested_by, plan=report.plan, start=report.period_start, end=report.period_end
        )
        progress(40)
        generated_at = clock.now()
        paper = documents.paper(data, report.language, generated_at)
        progress(55)
        render = documents.pdf if report.format == OfficialReport.Format.PDF else documents.docx
        content = render(paper, progress)
        progress(95)
        with transaction.atomic():
            report.file.save("document", ContentFile(content), save=False)
            report.status, report.progress = OfficialReport.Status.DONE, 100
            report.size, report.generated_at = len(content), generated_at
            report.snapshot, report.content_hash = data, snapshot_hash(data)
            report.save()
            audit.record(
                actor=None,
                action="official_report.generate",
                target=report.plan,
                data={"official_report": report.pk, "content_hash": report.content_hash, "size": report.size},
            )
    except Exception as error:
        logger.exception("Official report %s failed", report_id)
        message = str(error) or type(error).__name__
        OfficialReport.objects.filter(pk=report_id).update(
            status=OfficialReport.Status.FAILED, error=message[:2000]
        )
        audit.record(
            actor=None,
            action="official_report.fail",
            target=report.plan,
            data={"official_report": report.pk, "error": message[:500]},
        )
    report.refresh_from_db()
    return report
