"""Evidence attached to a report being written: files checked by content and size, and links."""

import datetime
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.dates import dates_in_range
from koordinat.core.files import abandoned_before, files_older_than, in_batches

from .. import evidence as evidence_files
from .. import permissions
from ..models import Evidence, Report, evidence_storage
from ._common import _check_writable, _record, _require

MAX_EVIDENCE_BYTES_DEFAULT = 20 * 2**20


MAX_EVIDENCE_UNPACKED_BYTES_DEFAULT = 200 * 2**20


def max_evidence_bytes() -> int:
    return int(getattr(settings, "KOORDINAT_MAX_EVIDENCE_BYTES", MAX_EVIDENCE_BYTES_DEFAULT))


def max_evidence_unpacked_bytes() -> int:
    return int(
        getattr(settings, "KOORDINAT_MAX_EVIDENCE_UNPACKED_BYTES", MAX_EVIDENCE_UNPACKED_BYTES_DEFAULT)
    )


def evidence_add(
    *,
    actor: User,
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


def evidence_remove(*, actor: User, evidence: Evidence) -> None:
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


@dates_in_range
def purge_unheld_evidence_files(*, day: datetime.date) -> int:
    """Delete evidence files no evidence row holds, abandoned as of `day` (core.files): left when the
    transaction that attached one failed after its file was written. Rows are never deleted here:
    sent evidence is kept for good, and draft evidence stays with its report until removed."""
    storage = evidence_storage()
    deleted = 0
    for names in in_batches(files_older_than(storage, abandoned_before(day))):
        held = set(Evidence.objects.filter(file__in=names).values_list("file", flat=True))
        for name in names:
            if name not in held:
                storage.delete(name)
                deleted += 1
    if deleted:
        audit.record(actor=None, action="evidence.purge", data={"files": deleted, "as_of": day})
    return deleted
