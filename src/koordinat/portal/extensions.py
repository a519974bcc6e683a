"""Where the apps above the portal add to its pages (see core.extensions), without the portal naming
them: the events of the Dialogue Platform on the home, district and measure pages; citizens'
questions and proposals with their answers on the home, plan, measure and organisation pages; the
open-data app's links in the head, menu and footer and its downloads on the home, plan and measure pages.
Every panel must be the same for every reader, as the portal's pages are cached whole (caching)."""

from collections.abc import Callable
from typing import Any

from koordinat.core.extensions import PanelSlot

# In <head>: links to alternate forms of the site (an Atom feed). Called with obj=None.
head = PanelSlot("portal.head")
# Items of the portal's menu, each a `<li>` (obj=None).
menu = PanelSlot("portal.menu")
# Links in the footer (obj=None).
footer = PanelSlot("portal.footer")
# Sections at the end of the home page (obj=None).
home = PanelSlot("portal.home")
# Below a published plan's measures (obj= the plan).
plan = PanelSlot("portal.plan")
# Below a district's measures (obj= the district).
district = PanelSlot("portal.district")
# Below a measure's public entry (obj= the measure).
measure = PanelSlot("portal.measure")
# After an organisation's on-time record (obj= the organisation).
organization = PanelSlot("portal.organization")


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
