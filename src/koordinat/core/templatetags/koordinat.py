"""Template helpers: readable history rows and page links that keep the current filters."""

from dataclasses import dataclass
from typing import Any

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from koordinat.core.models import AuditEvent

register = template.Library()

ACTION_LABELS = {
    "create": _("Created"),
    "update": _("Changed"),
    "abolish": _("Abolished"),
    "end": _("Position ended"),
}
MEMBERSHIP_ACTIONS = {"membership.create": _("Position added"), "membership.end": _("Position ended")}


@dataclass(frozen=True)
class HistoryRow:
    event: AuditEvent
    label: str
    changes: list[tuple[str, Any, Any]]


def _field_label(model: Any, name: str) -> str:
    base, _sep, language = name.rpartition("_")
    for candidate, suffix in ((name, ""), (base, language)):
        if not candidate:
            continue
        field_name = candidate[:-3] if candidate.endswith("_id") else candidate
        try:
            label = str(model._meta.get_field(field_name).verbose_name)
        except FieldDoesNotExist:
            continue
        return f"{label} ({suffix})" if suffix else label
    return name


@register.simple_tag
def history_rows(events: Any) -> list[HistoryRow]:
    rows = []
    for event in events:
        model = apps.get_model(event.target_type) if event.target_type else None
        if event.action in MEMBERSHIP_ACTIONS:
            label = str(MEMBERSHIP_ACTIONS[event.action])
        else:
            label = str(ACTION_LABELS.get(event.action.rpartition(".")[2], event.action))
        if event.outcome == AuditEvent.Outcome.REFUSED:
            label = str(_("Refused: %(action)s") % {"action": label})
        source = event.data.get("changes") or event.data.get("fields") or {}
        changes = []
        for name, value in source.items():
            old, new = (
                value
                if isinstance(value, list) and len(value) == 2 and "changes" in event.data
                else (None, value)
            )
            if old in (None, "") and new in (None, ""):
                continue
            changes.append((_field_label(model, name) if model else name, old, new))
        rows.append(HistoryRow(event=event, label=label, changes=changes))
    return rows


@register.simple_tag(takes_context=True)
def page_url(context: Any, number: int) -> str:
    """The current URL with only the page number changed, so filters survive paging."""
    query: QueryDict = context["request"].GET.copy()
    query["page"] = str(number)
    return "?" + query.urlencode()
