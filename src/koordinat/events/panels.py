"""What the events show on the portal's own pages, through its extension points: a menu item, the
upcoming events on the home page, a district's events, the events that discussed a measure; and the
districts with a published event get their portal page."""

from typing import Any

from koordinat.core import clock
from koordinat.portal import extensions

from . import selectors


def _menu(*, user: Any, obj: Any) -> dict[str, Any]:
    return {}


def _home(*, user: Any, obj: Any) -> dict[str, Any]:
    return {"events": selectors.public_upcoming_events(now=clock.now())}


def _district(*, user: Any, obj: Any) -> dict[str, Any]:
    return {"events": selectors.public_district_events(district_id=obj.pk), "district": obj}


def _measure(*, user: Any, obj: Any) -> dict[str, Any] | None:
    events = selectors.public_measure_events(measure_id=obj.pk)
    return {"events": events} if events else None


def register() -> None:
    extensions.menu.register(template="events/panels/menu.html", context=_menu)
    extensions.home.register(template="events/panels/home.html", context=_home)
    extensions.district.register(template="events/panels/district.html", context=_district)
    extensions.measure.register(template="events/panels/measure.html", context=_measure)
    extensions.public_districts.register(selectors.public_event_district_ids)
