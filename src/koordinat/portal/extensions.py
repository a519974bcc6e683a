"""Where the apps above the portal add to its pages (see core.extensions): the events of the Dialogue
Platform appear on the home page, a district's page and a measure's page, and in the menu, without the
portal naming the app that shows them."""

from collections.abc import Callable
from typing import Any

from koordinat.core.extensions import PanelSlot

# Items of the portal's menu, each a `<li>` (the object is None).
menu = PanelSlot("portal.menu")
# Below the home page's districts (the object is None).
home = PanelSlot("portal.home")
# Below a district's measures (the object is the district).
district = PanelSlot("portal.district")
# Below a measure's public entry (the object is the measure).
measure = PanelSlot("portal.measure")


class IdSources:
    """Querysets of ids that apps above add to a public set the portal keeps (the districts with a
    page): the portal reads their union, so a district with only an event has its page too."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._makers: list[Callable[[], Any]] = []

    def register(self, make: Callable[[], Any]) -> None:
        if make not in self._makers:
            self._makers.append(make)

    def __call__(self) -> list[Any]:
        return [make() for make in self._makers]


# Values querysets of district ids ("district_id") with something public besides measures.
public_districts = IdSources("portal.public_districts")
