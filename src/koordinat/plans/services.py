"""Every change to plans and measures: checked, atomic, audited."""

import datetime
import json
import re
import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from koordinat.core import audit, bulk
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version
from koordinat.core.text import fold
from koordinat.core.translation import Texts, assign_texts, language_codes, texts_of, translated_columns
from koordinat.directory import services as directory_services
from koordinat.directory.models import Body, Organization
from koordinat.directory.services import refuse_abolished
from koordinat.places.models import District

from . import numbering, permissions
from .deadlines import Deadline, parse_deadline
from .importing.pairing import pair_items
from .importing.pipeline import existing_measures, preview_file
from .importing.preview import (
    UNKNOWN_EXECUTOR,
    UNREADABLE_FILE,
    Preview,
    PreviewRow,
    differences,
    dump_preview,
    load_preview,
    with_choices,
)
from .models import (
    Executor,
    Indicator,
    IndicatorTarget,
    LegalAct,
    Measure,
    MeasureNumber,
    Plan,
    PlanImport,
    PlanParty,
    outline_sort_key,
)

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

# draft → approved → in force → completed / archived; a step back is allowed where a mistake is likely.
STATUS_STEPS: dict[str, set[str]] = {
    Plan.Status.DRAFT: {Plan.Status.APPROVED, Plan.Status.ARCHIVED},
    Plan.Status.APPROVED: {Plan.Status.DRAFT, Plan.Status.IN_FORCE, Plan.Status.ARCHIVED},
    Plan.Status.IN_FORCE: {Plan.Status.COMPLETED, Plan.Status.ARCHIVED},
    Plan.Status.COMPLETED: {Plan.Status.IN_FORCE, Plan.Status.ARCHIVED},
    Plan.Status.ARCHIVED: set(),
}
STATUSES_NEEDING_ACT = {Plan.Status.APPROVED, Plan.Status.IN_FORCE, Plan.Status.COMPLETED}
RESERVED_CODES = {"new", "acts", "import"}  # addresses of pages under /plans/


@dataclass(frozen=True)
class Party:
    """One country's side of a joint plan, as a form or the demo gives it."""

    country: str
    lead: Organization
    coordinator: Organization


def _require_manager(actor: Any, action: str, target: Any = None) -> None:
    if not permissions.can_manage_plans(actor):
        audit.refused(actor=actor, action=action, target=target)
        raise audit.Refusal(_("Only the coordination office can change plans."), target=target, recorded=True)


def _snapshot(plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(plan, name) for name in PLAN_FIELDS}
    data.update({f"title_{code}": text for code, text in texts_of(plan, "title").items()})
    data["parties"] = [
        [party.country, party.lead_id, party.coordinator_id] for party in plan.parties.order_by("country")
    ]
    return data


@dates_in_range
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
        if (
            number.strip()
            and LegalAct.objects.filter(kind=kind, number__iexact=number.strip(), date=date).exists()
        ):
            raise ValidationError(
                {
                    "number": _("This act is already registered: %(number)s of %(date)s.")
                    % {"number": number, "date": date.strftime("%d.%m.%Y")}
                }
            )
        act = LegalAct(kind=kind, number=number.strip(), date=date, issuer=issuer, url=url)
        assign_texts(act, "title", title)
        act.full_clean()
        act.save()
        audit.record(
            actor=actor, action="legal_act.create", target=act, data={"kind": kind, "number": number}
        )
    return act


def _check_plan(plan: Plan, parties: Sequence[Party]) -> None:
    """Rules that span fields: an approved plan names its act; a joint plan has its two countries."""
    errors: dict[str, str] = {}
    if plan.status in STATUSES_NEEDING_ACT and plan.approved_by_id is None:
        errors["approved_by"] = _("A plan that is %(status)s needs the legal act that approved it.") % {
            "status": plan.get_status_display()
        }
    countries = [party.country for party in parties]
    if plan.kind == Plan.Kind.JOINT_ACTION_PLAN:
        if len(countries) != 2 or len(set(countries)) != 2:
            errors["parties"] = _("A joint action plan has two parties from two different countries.")
    elif parties:
        errors["parties"] = _("Only a joint action plan of two countries has parties.")
    for party in parties:
        if not re.fullmatch(r"[A-Z]{2}", party.country):
            errors["parties"] = _("“%(country)s” is not a two-letter country code such as AZ.") % {
                "country": party.country
            }
        for organization in (party.lead, party.coordinator):
            refuse_abolished(organization, "parties")
    if errors:
        raise ValidationError(errors)


def _save_parties(plan: Plan, parties: Sequence[Party]) -> None:
    plan.parties.all().delete()
    PlanParty.objects.bulk_create(
        PlanParty(plan=plan, country=party.country, lead=party.lead, coordinator=party.coordinator)
        for party in parties
    )


def _plan_search_text(plan: Plan) -> str:
    return fold(" | ".join([plan.code, *texts_of(plan, "title").values()]))


@dates_in_range
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
    parties: Sequence[Party] = (),
) -> Plan:
    _require_manager(actor, "plan.create")
    with transaction.atomic():
        refuse_abolished(coordinator, "coordinator")
        if Plan.objects.filter(code__iexact=code.strip()).exists():
            raise ValidationError(
                {"code": _("A plan with the code %(code)s already exists.") % {"code": code}}
            )
        if code.strip().lower() in RESERVED_CODES:
            raise ValidationError(
                {"code": _("The code %(code)s is reserved; choose another.") % {"code": code}}
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
        plan.search_text = _plan_search_text(plan)
        _check_plan(plan, parties)
        plan.full_clean()
        plan.save()
        _save_parties(plan, parties)
        audit.record(actor=actor, action="plan.create", target=plan, data={"fields": _snapshot(plan)})
    return plan


@dates_in_range
def plan_update(
    *,
    actor: Any,
    plan: Plan,
    version: int,
    kind: str,
    title: Texts,
    period_start: datetime.date,
    period_end: datetime.date,
    coordinator: Organization,
    owning_body: Body | None,
    approved_by: LegalAct | None,
    status: str,
    visibility: str,
    reporting_periodicity: str,
    report_due_days: int,
    parties: Sequence[Party] = (),
) -> Plan:
    """Change the plan's own fields (its code stays: it is the plan's address and file name)."""
    _require_manager(actor, "plan.update", plan)
    with transaction.atomic():
        current = lock_version(plan, version)
        before = _snapshot(current)
        read_with = current.period_context
        if coordinator.pk != current.coordinator_id:
            refuse_abolished(coordinator, "coordinator")
        if status != current.status and status not in STATUS_STEPS[current.status]:
            raise ValidationError(
                {
                    "status": _("A plan that is %(old)s cannot become %(new)s.")
                    % {"old": current.get_status_display(), "new": Plan.Status(status).label}
                }
            )
        current.kind, current.period_start, current.period_end = kind, period_start, period_end
        current.coordinator, current.owning_body, current.approved_by = coordinator, owning_body, approved_by
        current.status, current.visibility = status, visibility
        current.reporting_periodicity, current.report_due_days = reporting_periodicity, report_due_days
        assign_texts(current, "title", title)
        current.search_text = _plan_search_text(current)
        _check_plan(current, parties)
        current.version += 1
        current.full_clean()
        current.save()
        _save_parties(current, parties)
        reread = _reread_periods(current) if current.period_context != read_with else 0
        audit.record(
            actor=actor,
            action="plan.update",
            target=current,
            data={"changes": audit.diff(before, _snapshot(current)), "periods_reread": reread},
        )
    return current


def _reread_periods(plan: Plan) -> int:
    """Read the items' execution periods again once the plan's approving act or period changed: what
    "3 ay ərzində" ends on and which year "IV rüb" is in depend on them. Returns how many changed."""
    changed = []
    for measure in plan.measures.exclude(deadline_text="").only("pk", "plan_id", *DEADLINE_FIELDS):
        before = [getattr(measure, name) for name in DEADLINE_FIELDS]
        apply_deadline(measure, parse_deadline(measure.deadline_text, **plan.period_context))
        if [getattr(measure, name) for name in DEADLINE_FIELDS] != before:
            changed.append(measure)
    Measure.objects.bulk_update(changed, DEADLINE_FIELDS, batch_size=500)
    return len(changed)


DEADLINE_FIELDS = [
    "deadline_text",
    "deadline_kind",
    "deadline_start",
    "deadline_end",
    "deadline_recurrence",
    "deadline_offset",
    "deadline_anchor",
]


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


@dataclass(frozen=True)
class MeasureContent:
    """What a person fills in for a measure; the same for a new item and a change."""

    text: Texts
    expected_result: Texts
    deadline_text: str
    executors: Sequence[Organization]  # the lead first, then co-executors in order
    other_executors: Texts
    by_agreement: Collection[Organization] = ()  # executors taking part by agreement
    area: Body | None = None
    budget: Decimal | None = None
    funding_source: Texts = field(default_factory=dict)
    districts: Sequence[District] = ()
    tags: Sequence[str] = ()


def _measure_fields(measure: Measure) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": measure.number,
        "deadline_text": measure.deadline_text,
        "area_id": measure.area_id,
        "budget": measure.budget,
        "tags": list(measure.tags),
    }
    for name in ("text", "expected_result", "other_executors", "funding_source"):
        data.update({f"{name}_{code}": value for code, value in texts_of(measure, name).items()})
    return data


def _fill_content(measure: Measure, content: MeasureContent) -> None:
    for name in ("text", "expected_result", "other_executors", "funding_source"):
        assign_texts(measure, name, getattr(content, name))
    apply_deadline(measure, parse_deadline(content.deadline_text, **measure.plan.period_context))
    measure.area, measure.budget = content.area, content.budget
    measure.tags = list(dict.fromkeys(tag.strip() for tag in content.tags if tag.strip()))
    measure.search_text = _measure_search_text(measure)


def _refuse_new_abolished(executors: Sequence[Organization], before: set[int]) -> None:
    for organization in executors:
        if organization.pk not in before:
            refuse_abolished(organization, "executors")


def measure_create(*, actor: Any, plan: Plan, number: str, content: MeasureContent) -> Measure:
    """A new item under an existing parent: "5.7" needs item 5 in the plan, and so does "5.6a" (an
    item inserted after 5.6). The number is read as plans write it ("5.6-a" is 5.6a)."""
    _require_manager(actor, "measure.create", plan)
    written = number.strip()
    number = numbering.normalise(written) or ""
    with transaction.atomic():
        Plan.objects.select_for_update().filter(pk=plan.pk).first()
        if not number:
            raise ValidationError(
                {
                    "number": ValidationError(
                        _("“%(value)s” is not an item number like 5 or 5.6.") % {"value": written},
                        code="not_a_number",
                    )
                }
            )
        if plan.measures.filter(number=number).exists():
            raise ValidationError(
                {
                    "number": ValidationError(
                        _("The plan already has item %(number)s.") % {"number": number}, code="number_taken"
                    )
                }
            )
        parent_number = number.rpartition(".")[0]
        parent = plan.measures.filter(number=parent_number).first() if parent_number else None
        if parent_number and parent is None:
            raise ValidationError(
                {
                    "number": ValidationError(
                        _("Item %(number)s has no parent item %(parent)s in the plan.")
                        % {"number": number, "parent": parent_number},
                        code="no_parent",
                    )
                }
            )
        _refuse_new_abolished(content.executors, set())
        measure = Measure(plan=plan, number=number, sort_key=outline_sort_key(number), parent=parent)
        _fill_content(measure, content)
        measure.full_clean()
        measure.save()
        measure.districts.set(content.districts)
        _replace_executors(measure, [organization.pk for organization in content.executors], content)
        audit.record(
            actor=actor,
            action="measure.create",
            target=measure,
            data={
                "fields": {
                    **_measure_fields(measure),
                    "executors": [organization.pk for organization in content.executors],
                    "by_agreement": _agreements(content),
                    "districts": sorted(district.pk for district in content.districts),
                }
            },
        )
    return measure


def measure_update(*, actor: Any, measure: Measure, version: int, content: MeasureContent) -> Measure:
    _require_manager(actor, "measure.update", measure)
    with transaction.atomic():
        current = lock_version(measure, version)
        before = _measure_fields(current)
        old_executors = list(current.executors.order_by("position").values_list("organization_id", flat=True))
        old_agreements = sorted(
            current.executors.filter(by_agreement=True).values_list("organization_id", flat=True)
        )
        old_districts = sorted(current.districts.values_list("pk", flat=True))
        _refuse_new_abolished(content.executors, set(old_executors))
        _fill_content(current, content)
        current.version += 1
        current.full_clean()
        current.save()
        changes = audit.diff(before, _measure_fields(current))
        new_executors = list(dict.fromkeys(organization.pk for organization in content.executors))
        new_agreements = _agreements(content)
        if new_executors != old_executors or new_agreements != old_agreements:
            _replace_executors(current, new_executors, content)
        if new_executors != old_executors:
            changes["executors"] = [old_executors, new_executors]
        if new_agreements != old_agreements:
            changes["by_agreement"] = [old_agreements, new_agreements]
        new_districts = sorted(district.pk for district in content.districts)
        if new_districts != old_districts:
            current.districts.set(content.districts)
            changes["districts"] = [old_districts, new_districts]
        audit.record(actor=actor, action="measure.update", target=current, data={"changes": changes})
    return current


def _agreements(content: MeasureContent) -> list[int]:
    """The executors taking part by agreement, as ids; only executors of the measure count."""
    executors = {organization.pk for organization in content.executors}
    return sorted({organization.pk for organization in content.by_agreement} & executors)


def _replace_executors(measure: Measure, organization_ids: list[int], content: MeasureContent) -> None:
    agreements = set(_agreements(content))
    measure.executors.all().delete()
    Executor.objects.bulk_create(
        Executor(
            measure=measure,
            plan_id=measure.plan_id,
            organization_id=organization_id,
            role=Executor.Role.LEAD if position == 0 else Executor.Role.CO,
            position=position,
            by_agreement=organization_id in agreements,
        )
        for position, organization_id in enumerate(dict.fromkeys(organization_ids))
    )


@dataclass(frozen=True)
class IndicatorContent:
    name: Texts
    unit: Texts
    baseline: Decimal | None
    baseline_year: int | None
    targets: dict[int, Decimal]  # year → target value
    source_organization: Organization | None = None
    source_system: str = ""


def _indicator_fields(indicator: Indicator) -> dict[str, Any]:
    data: dict[str, Any] = {
        "baseline": indicator.baseline,
        "baseline_year": indicator.baseline_year,
        "source_organization_id": indicator.source_organization_id,
        "source_system": indicator.source_system,
        "targets": {str(t.year): f"{t.value.normalize():f}" for t in indicator.targets.order_by("year")}
        if indicator.pk
        else {},
    }
    for name in ("name", "unit"):
        data.update({f"{name}_{code}": value for code, value in texts_of(indicator, name).items()})
    return data


def _fill_indicator(indicator: Indicator, content: IndicatorContent) -> None:
    assign_texts(indicator, "name", content.name)
    assign_texts(indicator, "unit", content.unit)
    indicator.baseline, indicator.baseline_year = content.baseline, content.baseline_year
    indicator.source_organization, indicator.source_system = (
        content.source_organization,
        content.source_system,
    )
    indicator.full_clean()
    indicator.save()
    indicator.targets.all().delete()
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(indicator=indicator, year=year, value=value)
        for year, value in sorted(content.targets.items())
    )


def indicator_create(*, actor: Any, measure: Measure, content: IndicatorContent) -> Indicator:
    _require_manager(actor, "indicator.create", measure)
    with transaction.atomic():
        indicator = Indicator(measure=measure)
        _fill_indicator(indicator, content)
        audit.record(
            actor=actor,
            action="indicator.create",
            target=measure,
            data={"indicator": indicator.pk, "fields": _indicator_fields(indicator)},
        )
    return indicator


def indicator_update(
    *, actor: Any, indicator: Indicator, version: int, content: IndicatorContent
) -> Indicator:
    """Indicator changes are recorded on the measure, whose history readers look at."""
    _require_manager(actor, "indicator.update", indicator.measure)
    with transaction.atomic():
        current = lock_version(indicator, version)
        before = _indicator_fields(current)
        current.version += 1
        _fill_indicator(current, content)
        audit.record(
            actor=actor,
            action="indicator.update",
            target=current.measure,
            data={"indicator": current.pk, "changes": audit.diff(before, _indicator_fields(current))},
        )
    return current


def indicator_delete(*, actor: Any, indicator: Indicator, version: int) -> None:
    _require_manager(actor, "indicator.delete", indicator.measure)
    with transaction.atomic():
        current = lock_version(indicator, version)
        audit.record(
            actor=actor,
            action="indicator.delete",
            target=current.measure,
            data={"indicator": current.pk, "fields": _indicator_fields(current)},
        )
        current.delete()


# Import ---------------------------------------------------------------------------------------

MEASURE_IMPORT_FIELDS = [
    "number",
    "sort_key",
    "parent",
    "version",
    "search_text",
    "text",
    "expected_result",
    *translated_columns("text", "expected_result"),
    *DEADLINE_FIELDS,
]
# A new item's columns, in the order of `_new_measure_row`; the rest take the model's defaults.
NEW_MEASURE_COLUMNS = [
    "plan_id",
    "number",
    "sort_key",
    "parent_id",
    "text",
    *translated_columns("text"),
    "expected_result",
    *translated_columns("expected_result"),
    *DEADLINE_FIELDS,
    "search_text",
    "decidim",
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
    people = {executor.text for row in preview.rows for executor in row.executors if executor.person}
    for name in preview.unmatched:
        if name in people:  # a person is never made into an organisation
            raise ValidationError(
                _("Executor “%(name)s” is a person the directory has no post for: choose their organisation.")
                % {"name": name}
            )
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


def _row_executors(row: PreviewRow, resolved: dict[str, int]) -> dict[int, bool]:
    """Organisation id → whether it takes part by agreement, lead first; an organisation the cell
    names twice is its executor once, as first named."""
    executors: dict[int, bool] = {}
    for executor in row.executors:
        executors.setdefault(resolved[executor.text], executor.agreement)
    return executors


def _row_texts(row: PreviewRow, language: str, name: str) -> Texts:
    """The row's texts of `name` by language: its own in `language`, the others from its translations;
    a supplied section's name in every language."""
    if name == "text" and row.supplied:
        return {code: row.text_in(code) for code in language_codes()}
    index = ("text", "expected_result").index(name)
    texts = {code: pair[index] for code, pair in (row.translations or {}).items()}
    texts[language] = getattr(row, name)
    return texts


def _fill_measure(measure: Measure, row: PreviewRow, language: str) -> None:
    for name in ("text", "expected_result"):
        texts = texts_of(measure, name)
        texts.update(_row_texts(row, language, name))
        assign_texts(measure, name, texts)
    if row.decidim is not None:
        measure.decidim = row.decidim
    apply_deadline(measure, row.deadline)
    measure.sort_key = outline_sort_key(row.number)
    measure.search_text = _measure_search_text(measure)


def _shows(language: str) -> bool:
    """Whether a text in `language` is what the active language shows (modeltranslation's fallbacks):
    the untranslated `text` column of a new item holds it then, as the ORM would save it."""
    probe = Measure()
    assign_texts(probe, "text", {language: "?"})
    return probe.text == "?"


def _texts_of_new_item(row: PreviewRow, language: str, shown: bool) -> tuple[str, list[str], str, list[str]]:
    """The untranslated `text` column of a new item, its columns by language, and the same of the
    expected result, as the ORM would save them: the untranslated columns hold the active language's
    texts, with modeltranslation's fallbacks."""
    codes = language_codes()
    if row.translations is None and not row.supplied:  # most rows: one language, no model needed
        return (
            row.text if shown else "",
            [row.text if code == language else "" for code in codes],
            row.expected_result if shown else "",
            [row.expected_result if code == language else "" for code in codes],
        )
    probe = Measure()
    texts, results = (_row_texts(row, language, name) for name in ("text", "expected_result"))
    assign_texts(probe, "text", texts)
    assign_texts(probe, "expected_result", results)
    return (
        probe.text,
        [texts.get(code, "") for code in codes],
        probe.expected_result,
        [results.get(code, "") for code in codes],
    )


def _new_measure_row(
    plan: Plan, row: PreviewRow, parent_id: int | None, language: str, shown: bool
) -> tuple[Any, ...]:
    """A new item as the ORM would save it (see `_fill_measure`), without building the model."""
    shown_text, texts, shown_result, results = _texts_of_new_item(row, language, shown)
    deadline = row.deadline
    return (
        plan.pk,
        row.number,
        outline_sort_key(row.number),
        parent_id,
        shown_text,
        *texts,
        shown_result,
        *results,
        deadline.text,
        deadline.kind.value if deadline.text else "",
        deadline.start,
        deadline.end,
        deadline.recurrence or "",
        deadline.offset or "",
        deadline.anchor or "",
        fold(" | ".join([row.number, *texts])),
        "{}" if row.decidim is None else json.dumps(row.decidim),
    )


def _insert_new_measures(
    *, plan: Plan, rows: list[PreviewRow], ids: dict[str, int], language: str, shown: bool
) -> None:
    """Write new items a level at a time, so each knows its parent's id, straight into the table:
    model instances and compiled SQL cost far more than the data in a plan of thousands of items.
    `ids` (number → id) starts with the items kept and gains the new ones."""
    for depth in sorted({row.number.count(".") for row in rows}):
        bulk.bulk_insert(
            Measure,
            NEW_MEASURE_COLUMNS,
            (
                _new_measure_row(plan, row, ids.get(row.number.rpartition(".")[0]), language, shown)
                for row in rows
                if row.number.count(".") == depth
            ),
        )
        ids.update(Measure.objects.filter(plan=plan).values_list("number", "pk"))


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
        pairs = (  # into an empty plan every item is new
            pair_items(
                [(row.number, row.text_in("az")) for row in preview.rows],
                {n: getattr(m, "text_az", "") or "" for n, m in existing.items()},
            )
            if existing
            else {}
        )
        kept: dict[str, Measure] = {}  # number → an item already in the plan that continues
        new_rows: list[PreviewRow] = []
        renumbered: list[Measure] = []
        for row in preview.rows:
            previous = pairs.get(row.number)
            if previous is None:
                new_rows.append(row)
                result.created.append(row.number)
                continue
            measure = existing[previous]
            result.updated.append(row.number)
            if previous != row.number:
                MeasureNumber.objects.create(measure=measure, number=previous, changed_by=amending_act)
                result.renumbered.append((previous, row.number))
                renumbered.append(measure)
                measure.number = row.number
            _fill_measure(measure, row, language)
            measure.version += 1
            kept[row.number] = measure
        claimed = set(pairs.values())
        gone = [measure for number, measure in existing.items() if number not in claimed]
        result.removed = sorted((measure.number for measure in gone), key=outline_sort_key)
        Measure.objects.filter(pk__in=[measure.pk for measure in gone]).delete()
        for measure in renumbered:  # free the numbers first: two items may swap numbers
            Measure.objects.filter(pk=measure.pk).update(number=f"~{measure.pk}")
        ids = {number: measure.pk for number, measure in kept.items()}
        shown = _shows(language)
        _insert_new_measures(plan=plan, rows=new_rows, ids=ids, language=language, shown=shown)
        for number, measure in kept.items():
            measure.parent_id = ids.get(number.rpartition(".")[0])
        decidim = ["decidim"] if any(row.decidim is not None for row in preview.rows) else []
        Measure.objects.bulk_update(kept.values(), [*MEASURE_IMPORT_FIELDS, *decidim], batch_size=500)
        if kept:
            Executor.objects.filter(measure__in=list(kept.values())).delete()
        bulk.bulk_insert(
            Executor,
            ["measure_id", "plan_id", "organization_id", "role", "position", "by_agreement"],
            (
                (
                    ids[row.number],
                    plan.pk,
                    organization_id,
                    (Executor.Role.LEAD if position == 0 else Executor.Role.CO).value,
                    position,
                    agreement,
                )
                for row in preview.rows
                for position, (organization_id, agreement) in enumerate(
                    _row_executors(row, executors).items()
                )
            ),
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
            entries=(
                (
                    kept.get(row.number)
                    or audit.Target(
                        Measure._meta.label_lower,
                        str(ids[row.number]),
                        f"{row.number}. {_texts_of_new_item(row, language, shown)[0][:80]}",  # str() of the new item
                    ),
                    {"file": preview.filename, "number": row.number, "deadline_text": row.deadline.text},
                )
                for row in preview.rows
            ),
        )
    return result


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
    *, actor: Any, upload: Any, plan_code: str, plan_title: str = "", columns: dict[str, Any] | None = None
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


def plan_import_languages(*, actor: Any, pending: PlanImport, languages: dict[str, str]) -> PlanImport:
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


def plan_import_into(
    *,
    actor: Any,
    code: str,
    preview: Preview,
    new_plan: dict[str, Any] | None = None,
    create_missing: bool = False,
    amending_act: LegalAct | None = None,
) -> ImportResult:
    """Import into the plan with this code, creating it from `new_plan` first if there is none, in one
    transaction: an import refused, failing or interrupted half-way leaves no empty plan behind."""
    _require_manager(actor, "plan.import")  # before the transaction, so that a refusal stays recorded
    with transaction.atomic():
        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            plan = plan_create(actor=actor, code=code, **(new_plan or {}))
        return plan_import_commit(
            actor=actor,
            plan=plan,
            preview=preview,
            create_missing=create_missing,
            amending_act=amending_act,
        )


def plan_import_finish(
    *,
    actor: Any,
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
