"""Making an official execution report: read the data as of the period's end, draw it, keep both."""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from koordinat.core import audit, clock
from koordinat.core.audit import canonical_json

from . import documents, snapshot
from .models import OfficialReport

logger = logging.getLogger(__name__)


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
