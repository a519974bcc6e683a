"""Measures (a plan's items): their content, execution period and executors."""

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.models import lock_version
from koordinat.core.translation import Texts, assign_texts, texts_of
from koordinat.directory.models import Body, Organization
from koordinat.directory.services import refuse_abolished
from koordinat.places.models import District

from .. import numbering
from ..deadlines import Deadline, parse_deadline
from ..models import Executor, Measure, Plan, outline_sort_key
from ._common import _measure_search_text, _require_manager

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


def measure_create(*, actor: User, plan: Plan, number: str, content: MeasureContent) -> Measure:
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


def measure_update(*, actor: User, measure: Measure, version: int, content: MeasureContent) -> Measure:
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
