"""Uploaded plan files kept with their preview until a person confirms the import."""

import datetime
import uuid
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.dates import dates_in_range
from koordinat.core.files import abandoned_before, files_older_than, in_batches
from koordinat.core.translation import language_codes

from .. import permissions
from ..importing.pipeline import existing_measures, preview_file
from ..importing.preview import (
    UNREADABLE_FILE,
    Preview,
    differences,
    dump_preview,
    load_preview,
    with_choices,
)
from ..models import LegalAct, Plan, PlanImport
from ._common import _require_manager
from .imports import ImportResult, plan_import_into


def _kept(
    preview: Preview, mapping: dict[str, int] | None, languages: dict[str, str] | None, plan: Plan | None
) -> dict[str, Any]:
    """What `PlanImport.preview` holds: the preview, and the page language, the columns, the
    languages of the file and the context of the plan (`_periods_read_with`) it was read with."""
    return {
        "language": translation.get_language(),
        "mapping": mapping,
        "languages": languages,
        "periods": _periods_read_with(plan),
        "preview": dump_preview(preview),
    }


def _import_target(code: str) -> Plan | None:
    """The plan an upload goes into, if it is in the registry already: its periods are read with its
    approving act's date and its period."""
    return Plan.objects.filter(code=code.strip()).select_related("approved_by").first()


def _periods_read_with(plan: Plan | None) -> list[str | None] | None:
    """The context execution periods were read with, as kept with an upload's preview."""
    if plan is None:
        return None
    context = plan.period_context
    adopted_on, (start, end) = context["adopted_on"], context["period"]
    return [adopted_on.isoformat() if adopted_on else None, start.isoformat(), end.isoformat()]


def plan_import_start(
    *, actor: User, upload: Any, plan_code: str, plan_title: str = "", columns: dict[str, Any] | None = None
) -> PlanImport:
    """Keep the uploaded file and its preview, parsed once, until a person confirms it (any app server
    can show it). A file that cannot be read as a plan (not a document, damaged, or past the limits
    of what an upload may unpack to) is refused with the reason and not kept."""
    _require_manager(actor, "plan.import")
    columns = columns or {}
    filename = Path(upload.name).name[:255]
    mapping = columns.get("mapping") or None
    languages = columns.get("languages") or None
    target = _import_target(plan_code)
    preview = preview_file(upload, filename, read_with=target, mapping=mapping, languages=languages)
    unreadable = [problem.message for problem in preview.problems if problem.code == UNREADABLE_FILE]
    if unreadable:
        audit.refused(actor=actor, action="plan.import_upload", data={"file": filename, "reason": unreadable})
        raise ValidationError({"file": unreadable})
    upload.seek(0)
    with transaction.atomic():
        pending = PlanImport(
            token=uuid.uuid4(),
            filename=filename,
            plan_code=plan_code.strip(),
            plan_title=plan_title.strip(),
            columns=columns,
            preview=_kept(preview, mapping, languages, target),
            created_by=actor,
        )
        pending.file.save(pending.filename, upload, save=False)
        pending.save()
        audit.record(
            actor=actor, action="plan.import_upload", target=pending, data={"file": pending.filename}
        )
    return pending


def pending_import_preview(
    *, pending: PlanImport, plan: Plan | None, executor_choices: dict[str, int] | None = None
) -> Preview:
    """The upload's kept preview with the person's choices of executors applied, and its differences
    from the plan as the plan is now. The file is parsed again only when the page's language, the
    columns, the languages of the file or the plan's approving act or period (which execution periods
    are read with) are not those the preview was kept with; the new preview is then kept instead."""
    mapping = (pending.columns or {}).get("mapping") or None
    languages = (pending.columns or {}).get("languages") or None
    target = _import_target(pending.plan_code)
    kept = pending.preview or {}
    if (kept.get("language"), kept.get("mapping"), kept.get("languages"), kept.get("periods")) == (
        translation.get_language(),
        mapping,
        languages,
        _periods_read_with(target),
    ):
        preview = load_preview(kept["preview"])
    else:
        with pending.file.open("rb") as stream:
            preview = preview_file(
                stream, pending.filename, read_with=target, mapping=mapping, languages=languages
            )
        pending.preview = _kept(preview, mapping, languages, target)
        PlanImport.objects.filter(pk=pending.pk, status=PlanImport.Status.PENDING).update(
            preview=pending.preview
        )
    preview = with_choices(preview, executor_choices)
    if plan is not None:
        preview.changes = differences(preview.rows, existing_measures(plan) or {})
    return preview


def plan_import_languages(*, actor: User, pending: PlanImport, languages: dict[str, str]) -> PlanImport:
    """Which of the file's languages (a Decidim file has its own: ca, es, ...) hold the Azerbaijani,
    Russian and English texts: kept with the upload like its columns, and the preview read again
    with them. A language left out maps to ""; Azerbaijani, which every measure needs, cannot be."""
    audit.require(
        permissions.can_manage_plans,
        actor,
        pending,
        action="plan.import_languages",
        data={"languages": languages},
    )
    locales = (pending.preview or {}).get("preview", {}).get("locales", [])
    errors: dict[str, str] = {}
    taken: dict[str, str] = {}
    for code in language_codes():
        locale = languages.get(code, "")
        if not locale:
            continue
        if locale not in locales:
            errors[code] = _("The file has no texts in “%(locale)s”; it has %(locales)s.") % {
                "locale": locale,
                "locales": ", ".join(locales) or "—",
            }
        elif locale in taken:
            errors[code] = _("“%(locale)s” already gives the texts in %(language)s.") % {
                "locale": locale,
                "language": translation.get_language_info(taken[locale])["name_translated"],
            }
        else:
            taken[locale] = code
    main = language_codes()[0]
    if not languages.get(main) and main not in errors:
        errors[main] = _("Choose the language of the Azerbaijani texts: every measure needs them.")
    if errors:
        raise ValidationError(errors)
    chosen = {code: languages[code] for code in language_codes() if languages.get(code)}
    with transaction.atomic():
        current = PlanImport.objects.select_for_update().get(pk=pending.pk)
        if current.status != PlanImport.Status.PENDING:
            raise ValidationError(_("This file was already imported."))
        current.columns = {**(current.columns or {}), "languages": chosen}
        target = _import_target(current.plan_code)
        with current.file.open("rb") as stream:
            preview = preview_file(
                stream,
                current.filename,
                read_with=target,
                mapping=current.columns.get("mapping") or None,
                languages=chosen,
            )
        current.preview = _kept(preview, current.columns.get("mapping") or None, chosen, target)
        current.save(update_fields=["columns", "preview"])
        audit.record(actor=actor, action="plan.import_languages", target=current, data={"languages": chosen})
    pending.columns, pending.preview = current.columns, current.preview
    return current


def plan_import_finish(
    *,
    actor: User,
    pending: PlanImport,
    preview: Preview,
    create_missing: bool,
    new_plan: dict[str, Any] | None = None,
) -> ImportResult:
    """Commit a confirmed preview into its plan (creating the plan from `new_plan` if needed), once:
    the upload is locked and checked inside the transaction, so two confirmations cannot both commit.
    The amending act chosen at upload is recorded on the plan and on every renumbered item."""
    _require_manager(actor, "plan.import")
    with transaction.atomic():
        current = PlanImport.objects.select_for_update().get(pk=pending.pk)
        if current.status != PlanImport.Status.PENDING:
            raise ValidationError(_("This file was already imported."))
        act_id = (current.columns or {}).get("amending_act")
        result = plan_import_into(
            actor=actor,
            code=current.plan_code,
            preview=preview,
            new_plan=new_plan,
            create_missing=create_missing,
            amending_act=LegalAct.objects.filter(pk=act_id).first() if act_id else None,
        )
        PlanImport.objects.filter(pk=current.pk).update(status=PlanImport.Status.COMMITTED, preview=None)
    pending.status, pending.preview = PlanImport.Status.COMMITTED, None
    return result


@dates_in_range
def purge_abandoned_imports(*, day: datetime.date) -> int:
    """Delete plan files uploaded and never confirmed, abandoned as of `day` (core.files), with their
    previews, and upload files no import holds (left when the upload's transaction failed). Imported
    files are kept. Returns how many files were deleted."""
    cutoff = abandoned_before(day)
    storage = PlanImport._meta.get_field("file").storage
    with transaction.atomic():
        stale = list(
            PlanImport.objects.select_for_update()
            .filter(status=PlanImport.Status.PENDING, created_at__lt=cutoff)
            .values_list("pk", "file", "filename")
        )
        PlanImport.objects.filter(pk__in=[pk for pk, _file, _name in stale]).delete()
        audit.record_many(
            actor=None,
            action="plan.import_purge",
            entries=(
                (audit.Target("plans.planimport", str(pk), filename), {"file": filename, "as_of": day})
                for pk, _file, filename in stale
            ),
        )
        names = {name for _pk, name, _filename in stale}

        def delete_files() -> None:
            for name in names:
                storage.delete(name)

        transaction.on_commit(delete_files)
    unheld = 0
    for batch in in_batches(files_older_than(storage, cutoff, "imports")):
        held = set(PlanImport.objects.filter(file__in=batch).values_list("file", flat=True))
        for name in set(batch) - held - names:
            storage.delete(name)
            unheld += 1
    return len(stale) + unheld
