"""Every change to plans and measures: checked, atomic, audited."""

import datetime
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.core import audit
from koordinat.core.errors import ConcurrentEditError
from koordinat.core.text import fold
from koordinat.core.translation import Texts, assign_texts, texts_of
from koordinat.directory import services as directory_services
from koordinat.directory.models import Body, Organization

from . import permissions
from .deadlines import Deadline, parse_deadline
from .importing.pairing import pair_items
from .importing.preview import UNKNOWN_EXECUTOR, Preview, PreviewRow
from .models import Executor, LegalAct, Measure, MeasureNumber, Plan, PlanImport, outline_sort_key

PLAN_FIELDS = [
    "kind",
    "code",
    "period_start",
    "period_end",
    "approved_by_id",
    "coordinator_id",
    "owning_body_id",
    "status",
    "visibility",
    "reporting_periodicity",
    "report_due_days",
]


def _require_manager(actor: Any, action: str, target: Any = None) -> None:
    if not permissions.can_manage_plans(actor):
        audit.refused(actor=actor, action=action, target=target)
        raise PermissionDenied(_("Only the coordination office can change plans."))


def _snapshot(plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(plan, name) for name in PLAN_FIELDS}
    data.update({f"title_{code}": text for code, text in texts_of(plan, "title").items()})
    return data


def _refuse_abolished(organization: Organization | None, field_name: str) -> None:
    if organization is not None and organization.is_abolished:
        raise ValidationError(
            {
                field_name: _("%(name)s was abolished and cannot be given new work.")
                % {"name": organization.name}
            }
        )


def legal_act_create(
    *,
    actor: Any,
    kind: str,
    number: str,
    date: datetime.date,
    title: Texts,
    issuer: Organization | None = None,
    url: str = "",
) -> LegalAct:
    _require_manager(actor, "legal_act.create")
    with transaction.atomic():
        act = LegalAct(kind=kind, number=number.strip(), date=date, issuer=issuer, url=url)
        assign_texts(act, "title", title)
        act.full_clean()
        act.save()
        audit.record(
            actor=actor, action="legal_act.create", target=act, data={"kind": kind, "number": number}
        )
    return act


def plan_create(
    *,
    actor: Any,
    code: str,
    kind: str,
    title: Texts,
    period_start: datetime.date,
    period_end: datetime.date,
    coordinator: Organization,
    owning_body: Body | None = None,
    approved_by: LegalAct | None = None,
    status: str = Plan.Status.DRAFT,
    visibility: str = Plan.Visibility.INTERNAL,
    reporting_periodicity: str = Plan.Periodicity.QUARTERLY,
    report_due_days: int = 10,
) -> Plan:
    _require_manager(actor, "plan.create")
    with transaction.atomic():
        _refuse_abolished(coordinator, "coordinator")
        if Plan.objects.filter(code__iexact=code.strip()).exists():
            raise ValidationError(
                {"code": _("A plan with the code %(code)s already exists.") % {"code": code}}
            )
        plan = Plan(
            code=code.strip(),
            kind=kind,
            period_start=period_start,
            period_end=period_end,
            coordinator=coordinator,
            owning_body=owning_body,
            approved_by=approved_by,
            status=status,
            visibility=visibility,
            reporting_periodicity=reporting_periodicity,
            report_due_days=report_due_days,
        )
        assign_texts(plan, "title", title)
        plan.search_text = fold(" | ".join([plan.code, *texts_of(plan, "title").values()]))
        plan.full_clean()
        plan.save()
        audit.record(actor=actor, action="plan.create", target=plan, data={"fields": _snapshot(plan)})
    return plan


def plan_update(*, actor: Any, plan: Plan, version: int, **values: Any) -> Plan:
    """Change the plan's own fields; `values` are the keyword arguments of plan_create, title as Texts."""
    _require_manager(actor, "plan.update", plan)
    with transaction.atomic():
        current = Plan.objects.select_for_update().get(pk=plan.pk)
        if current.version != version:
            raise ConcurrentEditError()
        before = _snapshot(current)
        if "coordinator" in values and values["coordinator"].pk != current.coordinator_id:
            _refuse_abolished(values["coordinator"], "coordinator")
        title = values.pop("title", None)
        for name, value in values.items():
            setattr(current, name, value)
        if title is not None:
            assign_texts(current, "title", title)
        current.search_text = fold(" | ".join([current.code, *texts_of(current, "title").values()]))
        current.version += 1
        current.full_clean()
        current.save()
        audit.record(
            actor=actor,
            action="plan.update",
            target=current,
            data={"changes": audit.diff(before, _snapshot(current))},
        )
    return current


def apply_deadline(measure: Measure, deadline: Deadline) -> None:
    """Copy a parsed deadline onto the measure's structured fields (the text stays verbatim)."""
    measure.deadline_text = deadline.text
    measure.deadline_kind = deadline.kind.value if deadline.text else ""
    measure.deadline_start, measure.deadline_end = deadline.start, deadline.end
    measure.deadline_recurrence = deadline.recurrence or ""
    measure.deadline_offset = deadline.offset or ""
    measure.deadline_anchor = deadline.anchor or ""


def _measure_search_text(measure: Measure) -> str:
    return fold(" | ".join([measure.number, *texts_of(measure, "text").values()]))


def measure_update(
    *,
    actor: Any,
    measure: Measure,
    version: int,
    text: Texts,
    expected_result: Texts,
    deadline_text: str,
    executors: list[Organization],
    other_executors: Texts,
    area: Body | None = None,
    budget: Decimal | None = None,
) -> Measure:
    _require_manager(actor, "measure.update", measure)
    with transaction.atomic():
        current = Measure.objects.select_for_update().get(pk=measure.pk)
        if current.version != version:
            raise ConcurrentEditError()
        before = _measure_fields(current)
        old_executors = list(current.executors.order_by("position").values_list("organization_id", flat=True))
        for organization in executors:
            if organization.pk not in old_executors:
                _refuse_abolished(organization, "executors")
        assign_texts(current, "text", text)
        assign_texts(current, "expected_result", expected_result)
        assign_texts(current, "other_executors", other_executors)
        apply_deadline(current, parse_deadline(deadline_text))
        current.area, current.budget = area, budget
        current.search_text = _measure_search_text(current)
        current.version += 1
        current.full_clean()
        current.save()
        new_executors = [organization.pk for organization in executors]
        if new_executors != old_executors:
            _replace_executors(current, new_executors)
        changes = audit.diff(before, _measure_fields(current))
        if new_executors != old_executors:
            changes["executors"] = [old_executors, new_executors]
        audit.record(actor=actor, action="measure.update", target=current, data={"changes": changes})
    return current


def _measure_fields(measure: Measure) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": measure.number,
        "deadline_text": measure.deadline_text,
        "area_id": measure.area_id,
        "budget": measure.budget,
    }
    for name in ("text", "expected_result", "other_executors"):
        data.update({f"{name}_{code}": value for code, value in texts_of(measure, name).items()})
    return data


def _replace_executors(measure: Measure, organization_ids: list[int]) -> None:
    measure.executors.all().delete()
    Executor.objects.bulk_create(
        Executor(
            measure=measure,
            organization_id=organization_id,
            role=Executor.Role.LEAD if position == 0 else Executor.Role.CO,
            position=position,
        )
        for position, organization_id in enumerate(dict.fromkeys(organization_ids))
    )


# Import ---------------------------------------------------------------------------------------

MEASURE_IMPORT_FIELDS = [
    "number",
    "sort_key",
    "parent",
    "version",
    "search_text",
    "text",
    "expected_result",
    *[f"{name}_{code}" for name in ("text", "expected_result") for code in ("az", "ru", "en")],
    "deadline_text",
    "deadline_kind",
    "deadline_start",
    "deadline_end",
    "deadline_recurrence",
    "deadline_offset",
    "deadline_anchor",
]


@dataclass
class ImportResult:
    plan: Plan
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    renumbered: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    organizations_created: list[Organization] = field(default_factory=list)


def _resolve_executors(
    *, actor: Any, preview: Preview, create_missing: bool, result: ImportResult
) -> dict[str, int]:
    """Cell name → organisation id for every executor; unmatched ones created only when asked."""
    resolved: dict[str, int] = {}
    for row in preview.rows:
        for executor in row.executors:
            if executor.organization_id is not None:
                resolved[executor.text] = executor.organization_id
    for name in preview.unmatched:
        if not create_missing:
            raise ValidationError(
                _("Executor “%(name)s” is not in the directory: choose the organisation or create it.")
                % {"name": name}
            )
        organization = directory_services.organization_create(
            actor=actor, kind=Organization.Kind.STATE_AGENCY, name={"az": name, "ru": "", "en": ""}
        )
        result.organizations_created.append(organization)
        resolved[name] = organization.pk
    return resolved


def _fill_measure(measure: Measure, row: PreviewRow, language: str) -> None:
    for name in ("text", "expected_result"):
        texts = {code: getattr(measure, f"{name}_{code}") or "" for code in ("az", "ru", "en")}
        texts[language] = getattr(row, name)
        assign_texts(measure, name, texts)
    apply_deadline(measure, row.deadline)
    measure.sort_key = outline_sort_key(row.number)
    measure.search_text = _measure_search_text(measure)


def plan_import_commit(
    *,
    actor: Any,
    plan: Plan,
    preview: Preview,
    create_missing: bool = False,
    amending_act: LegalAct | None = None,
    language: str = "az",
) -> ImportResult:
    """Write a previewed table into the plan, all or nothing. Items are paired with the plan's
    items by `pair_items`: a renumbered item keeps its history and its old number stays findable."""
    _require_manager(actor, "plan.import", plan)
    blocking = [p for p in preview.errors if not (create_missing and p.code == UNKNOWN_EXECUTOR)]
    if blocking:
        raise ValidationError([problem.message for problem in blocking])
    result = ImportResult(plan=plan)
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        executors = _resolve_executors(
            actor=actor, preview=preview, create_missing=create_missing, result=result
        )
        existing = {measure.number: measure for measure in plan.measures.all()}
        incoming = {row.number: row for row in preview.rows}
        pairs = pair_items(
            [(row.number, row.text) for row in preview.rows],
            {n: getattr(m, "text_az", "") or "" for n, m in existing.items()},
        )
        kept: dict[str, Measure] = {}
        renumbered: list[Measure] = []
        for number, row in incoming.items():
            previous = pairs[number]
            if previous is None:
                measure = Measure(plan=plan, number=number)
                result.created.append(number)
            else:
                measure = existing[previous]
                result.updated.append(number)
                if previous != number:
                    MeasureNumber.objects.create(measure=measure, number=previous, changed_by=amending_act)
                    result.renumbered.append((previous, number))
                    renumbered.append(measure)
                    measure.number = number
            _fill_measure(measure, row, language)
            kept[number] = measure
        gone = [measure for measure in existing.values() if measure.pk not in {m.pk for m in kept.values()}]
        result.removed = sorted((measure.number for measure in gone), key=outline_sort_key)
        Measure.objects.filter(pk__in=[measure.pk for measure in gone]).delete()
        for measure in renumbered:  # free the numbers first: two items may swap numbers
            Measure.objects.filter(pk=measure.pk).update(number=f"~{measure.pk}")
        existing_kept = [measure for measure in kept.values() if measure.pk is not None]
        for measure in existing_kept:
            measure.version += 1
        # New items are inserted level by level, so each points at a parent that already has its row.
        for depth in sorted({number.count(".") for number in kept}):
            level = [m for n, m in kept.items() if n.count(".") == depth]
            for measure in level:
                parent_number = measure.number.rpartition(".")[0]
                measure.parent = kept.get(parent_number) if parent_number else None
            Measure.objects.bulk_create([m for m in level if m.pk is None], batch_size=1000)
        Measure.objects.bulk_update(existing_kept, MEASURE_IMPORT_FIELDS, batch_size=500)
        Executor.objects.filter(measure__in=list(kept.values())).delete()
        Executor.objects.bulk_create(
            [
                Executor(
                    measure=measure,
                    organization_id=organization_id,
                    role=Executor.Role.LEAD if position == 0 else Executor.Role.CO,
                    position=position,
                )
                for number, measure in kept.items()
                for position, organization_id in enumerate(
                    dict.fromkeys(executors[executor.text] for executor in incoming[number].executors)
                )
            ],
            batch_size=2000,
        )
        if amending_act is not None:
            plan.amended_by.add(amending_act)
        audit.record(
            actor=actor,
            action="plan.import",
            target=plan,
            data={
                "file": preview.filename,
                "created": len(result.created),
                "updated": len(result.updated),
                "renumbered": result.renumbered,
                "removed": result.removed,
                "organizations_created": [organization.pk for organization in result.organizations_created],
            },
        )
        audit.record_many(
            actor=actor,
            action="measure.import",
            entries=[
                (
                    measure,
                    {"file": preview.filename, "number": number, "deadline_text": measure.deadline_text},
                )
                for number, measure in kept.items()
            ],
        )
    return result


def plan_import_start(
    *, actor: Any, upload: Any, plan_code: str, plan_title: str = "", columns: dict[str, int] | None = None
) -> PlanImport:
    """Keep the uploaded file until a person confirms its preview (any app server can show it)."""
    _require_manager(actor, "plan.import")
    with transaction.atomic():
        pending = PlanImport(
            token=uuid.uuid4(),
            filename=Path(upload.name).name[:255],
            plan_code=plan_code.strip(),
            plan_title=plan_title.strip(),
            columns=columns or {},
            created_by=actor,
        )
        pending.file.save(pending.filename, upload, save=False)
        pending.save()
        audit.record(
            actor=actor, action="plan.import_upload", target=pending, data={"file": pending.filename}
        )
    return pending


def plan_import_finish(
    *,
    actor: Any,
    pending: PlanImport,
    preview: Preview,
    create_missing: bool,
    new_plan: dict[str, Any] | None = None,
) -> ImportResult:
    """Commit a confirmed preview into its plan (creating the plan from `new_plan` if needed)."""
    if pending.status != PlanImport.Status.PENDING:
        raise ValidationError(_("This file was already imported."))
    with transaction.atomic():
        plan = Plan.objects.filter(code=pending.plan_code).first()
        if plan is None:
            plan = plan_create(actor=actor, code=pending.plan_code, **(new_plan or {}))
        result = plan_import_commit(actor=actor, plan=plan, preview=preview, create_missing=create_missing)
        pending.status = PlanImport.Status.COMMITTED
        pending.save(update_fields=["status"])
    return result
