"""What the events show on other apps' pages, through their extension points: the way to one's events
on the signed-in home page; on the portal, a menu item, the upcoming events on its home page, a
district's events, the events that discussed a measure; and the districts with a published event
get their portal page."""

from typing import Any

from koordinat.core import clock
from koordinat.core import extensions as core
from koordinat.portal import extensions

from . import permissions, selectors


def _menu(*, user: Any, obj: Any) -> dict[str, Any]:
    return {}


def _home(*, user: Any, obj: Any) -> dict[str, Any]:
    return {"events": selectors.public_upcoming_events(now=clock.now())}


def _district(*, user: Any, obj: Any) -> dict[str, Any]:
    return {"events": selectors.public_district_events(district_id=obj.pk), "district": obj}


def _measure(*, user: Any, obj: Any) -> dict[str, Any] | None:
    events = selectors.public_measure_events(measure_id=obj.pk)
    return {"events": events} if events else None


def _office_home(*, user: Any, obj: Any) -> dict[str, Any] | None:
    """The signed-in home page of those who hold events: their upcoming ones and the way to the list."""
    if not permissions.can_create_event(user, None):
        return None
    upcoming = selectors.event_list(user=user).filter(starts_at__gte=clock.now()).order_by("starts_at", "pk")
    return {"upcoming_events": list(upcoming[:5])}


def register() -> None:
    core.home.register(template="events/panels/office_home.html", context=_office_home, order=150)
    extensions.menu.register(template="events/panels/menu.html", context=_menu)
    extensions.home.register(template="events/panels/home.html", context=_home)
    extensions.district.register(template="events/panels/district.html", context=_district)
    extensions.measure.register(template="events/panels/measure.html", context=_measure)
    extensions.public_districts.register(selectors.public_event_district_ids)
