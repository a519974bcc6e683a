"""A measure's indicators and their yearly targets."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.models import lock_version
from koordinat.core.translation import Texts, assign_texts, texts_of
from koordinat.directory.models import Organization

from ..models import Indicator, IndicatorTarget, Measure
from ._common import _require_manager


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


def indicator_create(*, actor: User, measure: Measure, content: IndicatorContent) -> Indicator:
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
    *, actor: User, indicator: Indicator, version: int, content: IndicatorContent
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


def indicator_delete(*, actor: User, indicator: Indicator, version: int) -> None:
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
