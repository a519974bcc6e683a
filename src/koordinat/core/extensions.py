"""Extension points: a lower app names a place on its page, or a step in its reads, and the apps
above it fill it in from their AppConfig.ready(), so that no import runs back up a floor.

The measure page belongs to plans, but its control line comes from execution and its meetings
from meetings; the organisation page belongs to the directory, its deadline discipline to
analytics. Each such page declares a `PanelSlot` in its app's `extensions.py`; the template shows
it with `{% panels slot object %}`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template import Context

# A panel's context for one object as one reader may see it; None when it has nothing to show.
PanelContext = Callable[..., dict[str, Any] | None]
# Annotations (name → expression, the object's row as OuterRef("pk")) that a page's own query of its
# object reads for a panel: whether the panel has anything to list, say, so that it asks no query of
# its own when it has not.
PanelColumns = Callable[[], dict[str, Any]]


@dataclass(frozen=True)
class Panel:
    template: str
    context: PanelContext
    order: int
    columns: PanelColumns | None = None


SLOTS: dict[str, PanelSlot] = {}


class PanelSlot:
    """A place on a page that apps above the page's own fill with panels, in their order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._panels: list[Panel] = []
        SLOTS[name] = self

    def register(
        self, *, template: str, context: PanelContext, order: int = 100, columns: PanelColumns | None = None
    ) -> None:
        """Add a panel once: AppConfig.ready() may run more than once in tests."""
        panel = Panel(template=template, context=context, order=order, columns=columns)
        if panel not in self._panels:
            self._panels.append(panel)
            self._panels.sort(key=lambda each: each.order)

    def columns(self) -> dict[str, Any]:
        """The annotations the slot's panels ask the page to read with its object (`PanelColumns`)."""
        return {
            name: value for panel in self._panels if panel.columns for name, value in panel.columns().items()
        }

    def render(self, context: Context, obj: Any) -> str:
        """Each panel's template inside the page's own context (as `{% include %}` would), so the
        layout's context processors do not run again for every panel."""
        parts = []
        user = context["request"].user
        assert context.template is not None  # a tag renders inside a template
        for panel in self._panels:
            extra = panel.context(user=user, obj=obj)
            if extra is not None:
                template = context.template.engine.get_template(panel.template)
                with context.push(**extra):
                    parts.append(template.render(context))
        return "".join(parts)


class Hook:
    """A step in a lower app's read that apps above it extend: each registered function is called
    with the same keyword arguments, in the order the apps are installed."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._functions: list[Callable[..., object]] = []

    def register(self, function: Callable[..., object]) -> None:
        if function not in self._functions:
            self._functions.append(function)

    def __call__(self, **kwargs: Any) -> None:
        for function in self._functions:
            function(**kwargs)


# The signed-in home page: what each app has waiting for the reader (execution's counts).
home = PanelSlot("core.home")

# Every change `core.audit.record` writes, called with `event=` the AuditEvent inside the service's
# transaction: apps above learn what changed (notifications tells the people concerned) without the
# services importing them. A function registered here must be cheap; heavy work goes after commit.
audit_recorded = Hook("core.audit_recorded")


class Addresses:
    """The addresses an app above gives to a lower app's things: the portal says where the public reads
    a plan, a measure or a meeting, and the lower app's pages send anonymous visitors there (or link
    to it) without naming the portal."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._makers: dict[str, Callable[..., str]] = {}

    def register(self, kind: str, make: Callable[..., str]) -> None:
        self._makers[kind] = make

    def __call__(self, kind: str, **kwargs: Any) -> str | None:
        """The address of `kind` for these arguments; None when no app gives one."""
        make = self._makers.get(kind)
        return make(**kwargs) if make is not None else None
