"""What the public sees of a measure under control: its controller decides, from accepted reports."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.errors import ConcurrentEditError
from koordinat.core.public import public_changed
from koordinat.core.translation import Texts, assign_texts, language_codes

from .. import permissions
from ..models import ControlItem, Evidence, MeasurePublication, PublicStatus, Report
from ._common import _require

SUMMARY_LIMIT = 5000  # characters in each language: a summary, not the report


def _check(
    *,
    item: ControlItem,
    status: str,
    summary: Texts,
    source_report: Report | None,
    evidence: Sequence[Evidence],
) -> None:
    errors: dict[str, str] = {}
    if item.measure_id is None:
        raise ValidationError(
            _(
                "Only an item on a plan's measure has a public entry; instructions are published with their minutes."
            )
        )
    if status not in PublicStatus.values:
        errors["status"] = _("Choose what the public reads of how the measure stands.")
    for code in language_codes():
        if len(summary.get(code, "")) > SUMMARY_LIMIT:
            errors[f"summary_{code}"] = _("The summary is longer than %(limit)d characters.") % {
                "limit": SUMMARY_LIMIT
            }
    if source_report is None:
        if any(summary.values()) or evidence:
            errors["source_report"] = _("Choose the accepted report the summary and evidence are taken from.")
    elif source_report.item_id != item.pk or source_report.status != Report.Status.ACCEPTED:
        errors["source_report"] = _("Only an accepted report on this item can be published from.")
    else:
        foreign = [
            piece.title
            for piece in evidence
            if piece.report_id != source_report.pk or piece.sent_in is None or piece.removed_at is not None
        ]
        if foreign:
            errors["evidence"] = _(
                "Only evidence of the chosen accepted report can be published: %(titles)s."
            ) % {"titles": ", ".join(foreign)}
    if errors:
        raise ValidationError(errors)


def measure_publication_save(
    *,
    actor: User,
    item: ControlItem,
    version: int,
    status: str,
    summary: Texts,
    source_report: Report | None,
    evidence: Sequence[Evidence] = (),
) -> MeasurePublication:
    """Publish (or change) the measure's public entry. `version` is the entry's as the form showed it,
    0 when it had none: a concurrent change is refused, not overwritten. The summary's languages are
    kept as written: an empty one reads "not available in this language" on the portal."""
    _require(permissions.can_publish_measure, actor, item, action="publication.save", item=item)
    summary = {code: (summary.get(code) or "").strip() for code in language_codes()}
    _check(item=item, status=status, summary=summary, source_report=source_report, evidence=evidence)
    with transaction.atomic():
        entry = MeasurePublication.objects.select_for_update().filter(item=item).first()
        if (entry.version if entry else 0) != version:
            raise ConcurrentEditError()
        if entry is None:
            assert item.measure_id is not None  # checked above
            measure_plan = ControlItem.objects.filter(pk=item.pk).values_list("measure__plan_id", flat=True)
            entry = MeasurePublication(
                item=item, measure_id=item.measure_id, plan_id=measure_plan.get(), version=0
            )
        entry.status, entry.source_report = status, source_report
        assign_texts(entry, "summary", summary)
        entry.published_at, entry.published_by = clock.now(), actor
        entry.version += 1
        entry.save()
        entry.evidence.set(evidence)
        audit.record(
            actor=actor,
            action="publication.save",
            target=item,
            data={
                "status": status,
                "languages": [code for code in language_codes() if summary[code]],
                "source_report": source_report.pk if source_report else None,
                "evidence": sorted(piece.pk for piece in evidence),
                "first": entry.version == 1,
            },
        )
        public_changed()
    return entry


def measure_publication_withdraw(*, actor: User, item: ControlItem, version: int) -> None:
    """The measure's public entry is removed: the portal shows the measure without status or summary."""
    _require(permissions.can_publish_measure, actor, item, action="publication.withdraw", item=item)
    with transaction.atomic():
        entry = MeasurePublication.objects.select_for_update().filter(item=item).first()
        if entry is None:
            raise ValidationError(_("The measure has no public entry to withdraw."))
        if entry.version != version:
            raise ConcurrentEditError()
        status = entry.status
        entry.delete()
        audit.record(actor=actor, action="publication.withdraw", target=item, data={"status": status})
        public_changed()
