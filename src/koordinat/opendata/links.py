"""The portal's pages link here through its extension points (portal.extensions): the feed in every
page's head, "Open data" in the menu and the footer, a section on the home page, and each plan's
measures as files on its page and on its measures' pages."""

from typing import Any

from koordinat.portal import extensions

from . import registry, writers


def _nothing(**_kwargs: Any) -> dict[str, Any]:
    return {}


def _plan_files(*, obj: Any, **_kwargs: Any) -> dict[str, Any]:
    plan = getattr(obj, "plan", obj)  # a measure's page offers its plan's files
    datasets = [each for each in registry.datasets() if each.scope == "plan"]
    return {"plan": plan, "plan_datasets": datasets, "formats": list(writers.FORMATS)}


def register() -> None:
    extensions.head.register(template="opendata/panels/head.html", context=_nothing)
    extensions.menu.register(template="opendata/panels/navigation.html", context=_nothing)
    extensions.footer.register(template="opendata/panels/footer.html", context=_nothing)
    extensions.home.register(template="opendata/panels/home.html", context=_nothing)
    extensions.plan.register(template="opendata/panels/plan_files.html", context=_plan_files)
    extensions.measure.register(template="opendata/panels/plan_files.html", context=_plan_files)
