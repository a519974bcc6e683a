"""What analytics adds to the pages of the apps below it (see core.extensions)."""

import datetime
from typing import Any

from django.urls import reverse

from koordinat.core import clock

from . import discipline
from .permissions import can_produce_official_reports


def organization_discipline(*, user: Any, obj: Any) -> dict[str, Any]:
    """The organisation's deadline discipline this year so far."""
    today = clock.today()
    figures = discipline.discipline(
        user=user,
        start=datetime.date(today.year, 1, 1),
        end=datetime.date(today.year, 12, 31),
        today=today,
        organization_ids=[obj.pk],
    )
    return {"discipline": figures.get(obj.pk), "discipline_rules": discipline.RULES}


def plan_official_reports(*, user: Any, obj: Any) -> dict[str, Any] | None:
    """The way to the plan's official execution reports, for those who may make them."""
    if not can_produce_official_reports(user):
        return None
    return {"official_reports_url": reverse("analytics:official_reports", args=[obj.code])}


def register() -> None:
    from koordinat.directory import extensions as directory
    from koordinat.plans import extensions as plans

    plans.plan_related.register(
        template="analytics/includes/plan_official_reports.html", context=plan_official_reports
    )

    directory.organization_page.register(
        template="analytics/includes/organization_discipline.html", context=organization_discipline
    )
