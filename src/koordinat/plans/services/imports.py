"""Writing a previewed table into a plan, all or nothing."""

import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, bulk
from koordinat.core.text import fold
from koordinat.core.translation import Texts, assign_texts, language_codes, texts_of, translated_columns
from koordinat.directory import services as directory_services
from koordinat.directory.models import Organization

from ..importing.pairing import pair_items
from ..importing.preview import UNKNOWN_EXECUTOR, Preview, PreviewRow
from ..models import Executor, LegalAct, Measure, MeasureNumber, Plan, outline_sort_key
from ._common import _measure_search_text, _require_manager
from .measures import DEADLINE_FIELDS, apply_deadline
from .plans import plan_create

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
    *, actor: User, preview: Preview, create_missing: bool, result: ImportResult
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
    actor: User,
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


def plan_import_into(
    *,
    actor: User,
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
