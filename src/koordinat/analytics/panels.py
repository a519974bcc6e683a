"""What analytics adds to the pages of the apps below it (see core.extensions)."""

import datetime
from typing import Any

from django.urls import reverse

from koordinat.core import clock
from koordinat.execution.models import ControlItem

from . import discipline
from .forecast import selectors as forecast
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


def item_forecast(*, user: Any, obj: ControlItem) -> dict[str, Any] | None:
    """The item's chance of missing its control date and why, for an item running towards one, to
    a reader who may read its reports."""
    running = obj.control_status in ControlItem.RUNNING_STATUSES
    if not running or obj.control_date is None or obj.control_date < clock.today():
        return None
    if not forecast.may_read(user, obj):
        return None
    return {"forecast": forecast.item_forecast(user=user, item=obj)}


def plan_official_reports(*, user: Any, obj: Any) -> dict[str, Any] | None:
    """The way to the plan's official execution reports, for those who may make them."""
    if not can_produce_official_reports(user):
        return None
    return {"official_reports_url": reverse("analytics:official_reports", args=[obj.code])}


def home_at_risk(*, user: Any, obj: Any) -> dict[str, Any] | None:
    """A link to the ranked list, under execution's figures (no query: the list is one click away)."""
    return {} if user.is_authenticated else None


def _dashboard_link(name: str, key: str) -> Any:
    """A panel's context: the link to the object's dashboard, for a signed-in reader only."""

    def context(*, user: Any, obj: Any) -> dict[str, Any] | None:
        if not user.is_authenticated:
            return None
        return {"dashboard_url": reverse(name, args=[getattr(obj, key)])}

    return context


def home_dashboard(*, user: Any, obj: Any) -> dict[str, Any] | None:
    return {"dashboard_url": reverse("analytics:dashboard")} if user.is_authenticated else None


def register() -> None:
    from koordinat.core import extensions as core
    from koordinat.directory import extensions as directory
    from koordinat.execution import extensions as execution
    from koordinat.plans import extensions as plans

    directory.organization_page.register(
        template="analytics/includes/dashboard_link.html",
        context=_dashboard_link("analytics:dashboard_organization", "pk"),
        order=50,
    )
    directory.organization_page.register(
        template="analytics/includes/organization_discipline.html", context=organization_discipline
    )
    core.home.register(template="analytics/includes/home_at_risk.html", context=home_at_risk, order=110)
    execution.item_page.register(template="analytics/includes/item_forecast.html", context=item_forecast)
    directory.body_page.register(
        template="analytics/includes/dashboard_link.html",
        context=_dashboard_link("analytics:dashboard_body", "pk"),
    )
    plans.plan_page.register(
        template="analytics/includes/dashboard_link.html",
        context=_dashboard_link("analytics:dashboard_plan", "code"),
    )
    core.home.register(template="analytics/includes/home_dashboard.html", context=home_dashboard, order=150)
    plans.plan_related.register(
        template="analytics/includes/plan_official_reports.html", context=plan_official_reports
    )
