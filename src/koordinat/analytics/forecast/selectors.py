"""What pages read of the forecast: the ranked list of items at risk, and one item's forecast.

Who may read a forecast: whoever may read the item's sent reports, since the forecast is made of
them (late reports, progress, returned reports, missing inputs). That is every signed-in reader of
the office (coordinators, observers, body secretaries, administrators) and, among executing
organisations, those with a part in the item: its executors and its controller. Executors and
heads of other organisations do not read it (execution.models.ReportQuerySet.visible_to).
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet

from koordinat.accounts.models import Role, User
from koordinat.core import clock
from koordinat.directory.selectors import organization_scope
from koordinat.execution.models import Assignment, ControlItem, ControlItemQuerySet

from ..models import ItemForecast
from .reasons import percent, words


def readable_items(*, user: Any, items: ControlItemQuerySet | None = None) -> ControlItemQuerySet:
    """The items whose forecast `user` may read, among `items` (every item by default)."""
    found = (ControlItem.objects.all() if items is None else items).visible_to(user)
    if user.has_role(Role.EXECUTOR, Role.HEAD) and not user.is_superuser:
        mine = organization_scope(user)
        parts = Assignment.objects.filter(organization_id__in=mine).values("item_id")
        found = found.filter(Q(controller_id__in=mine) | Q(pk__in=parts))
    return found


def may_read(user: Any, item: ControlItem) -> bool:
    """`readable_items` for one item whose assignments are at hand (the item page prefetches them)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not user.has_role(Role.EXECUTOR, Role.HEAD) or user.is_superuser:
        return True
    mine = organization_scope(user)
    return item.controller_id in mine or any(
        assignment.organization_id in mine for assignment in item.assignments.all()
    )


@dataclass
class Forecast:
    """One item's forecast as a page shows it."""

    item_id: int
    reference: str
    text: str
    url: str
    control_date: datetime.date
    probability: float
    reasons: list[str] = field(default_factory=list)
    as_of: datetime.date | None = None
    computed_at: datetime.datetime | None = None

    @property
    def percent(self) -> str:
        return percent(self.probability)


def _shown(forecast: ItemForecast) -> Forecast:
    item = forecast.item
    return Forecast(
        item_id=item.pk,
        reference=item.reference,
        text=item.text,
        url=item.get_absolute_url(),
        control_date=forecast.control_date,
        probability=forecast.probability,
        reasons=words(forecast.reasons),
        as_of=forecast.as_of,
        computed_at=forecast.computed_at,
    )


def _current(forecasts: QuerySet[ItemForecast], today: datetime.date) -> QuerySet[ItemForecast]:
    """Scores of items still running towards the date they were scored against (a score made before
    the date moved, or before the item was executed, waits for the next rescoring)."""
    return forecasts.filter(
        item__control_status__in=ControlItem.RUNNING_STATUSES,
        item__control_date=F("control_date"),
        control_date__gte=today,
    )


def at_risk(*, user: User | Any, items: ControlItemQuerySet, limit: int = 10) -> list[Forecast]:
    """The `limit` items of `items` most likely to miss their control date, most likely first, each
    with its reasons in the active language; only items whose forecast `user` may read. One query
    (plus the reader's organisations, once a request)."""
    if not user.is_authenticated:
        return []
    readable = readable_items(user=user, items=items).values("pk")
    forecasts = (
        _current(ItemForecast.objects.filter(item__in=readable), clock.today())
        .select_related("item__measure__plan", "item__instruction__minutes", "item__instruction__legal_act")
        .order_by("-probability", "item_id")[:limit]
    )
    return [_shown(forecast) for forecast in forecasts]


def item_forecast(*, user: User | Any, item: ControlItem) -> Forecast | None:
    """The item's own forecast, if `user` may read it and the item has a current one."""
    if not may_read(user, item):
        return None
    forecast = _current(ItemForecast.objects.filter(item_id=item.pk), clock.today()).first()
    if forecast is None:
        return None
    forecast.item = item  # the page's own instance, with its measure or instruction read already
    return _shown(forecast)
