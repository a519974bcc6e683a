"""Change histories in words: what each recorded action is called, and each event's details as a
reader of the page's language understands them.

Every app registers the actions its services record (`register`, from its `history.py`, imported by
its AppConfig.ready()), so the label of an action lives with the code that records it; a test checks
that every action code written in the source has one. An event's details are shown only where the
registry or the model knows what they are: a model field by its verbose name in the page's language
(a translated column as "Name (Azerbaijani)"), a reference by the name of what it points to (resolved
in one query per model, whatever the number of rows), a yes-or-no as "Yes"/"No", a choice by its label,
a date in the language's format. Keys nobody named (client addresses, paths, internal ids) are left
out rather than shown raw. The actor is named by the person's full name, never the e-mail address.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .models import AuditEvent
from .translation import language_codes


@dataclass(frozen=True)
class Action:
    """A recorded action: its label (lazy, read in the page's language) and, when the event's
    `fields`/`changes` name the fields of another model than its target's, that model."""

    label: Any
    model: str = ""
    details: tuple[str, ...] = ()


_ACTIONS: dict[str, Action] = {}
# A way of showing one model field's values other than the generic one: (model label, field) → render.
_VALUE_RENDERERS: dict[tuple[str, str], Callable[[Any], Any]] = {}


def register(code: str, label: Any, *, model: str = "", details: tuple[str, ...] = ()) -> None:
    """Name an action code an app's services record; register it once, from the app's `history.py`.
    `model` names the model whose fields the event's data names, when not the target's; `details` the
    other keys of its data that are fields of that model and are worth showing."""
    _ACTIONS[code] = Action(label=label, model=model.lower(), details=details)


def register_value(model: str, field_name: str, render: Callable[[Any], Any]) -> None:
    """Show a field's recorded values through `render` (an execution period read in the page's language)."""
    _VALUE_RENDERERS[(model.lower(), field_name)] = render


def registered_actions() -> Mapping[str, Action]:
    return _ACTIONS


# Refusals the request middleware records name the page ("directory:person_edit.post") or, for a row
# the user may not see, the model ("person.view"); they are labelled by what was tried.
def _attempt_label(code: str) -> Any:
    if code.endswith(".view"):
        return gettext_lazy("Opening a record")
    if ":" in code or code.startswith("page."):
        if code.endswith(".get") or code.endswith(".head"):
            return gettext_lazy("Opening a page")
        return gettext_lazy("Sending a form")
    return None


def action_label(code: str, outcome: str = AuditEvent.Outcome.SUCCESS) -> str:
    """The action in the page's language; an unknown code still reads as a human word."""
    found = _ACTIONS.get(code)
    label = found.label if found else (_attempt_label(code) or gettext_lazy("Changed"))
    if outcome == AuditEvent.Outcome.REFUSED:
        return _("Refused: %(action)s") % {"action": label}
    return str(label)


# Plain facts some events carry besides field changes: key → (label, kind). Kinds: "text", "number",
# "date", "list" (texts or numbers), "fields" (names of the target's fields: what a refusal would
# have changed), "pairs" (old → new numbers). Any other key is not shown.
DETAILS: dict[str, tuple[Any, str]] = {
    "file": (gettext_lazy("file"), "text"),
    "created": (gettext_lazy("new items"), "number"),
    "updated": (gettext_lazy("updated items"), "number"),
    "unchanged": (gettext_lazy("unchanged items"), "number"),
    "renumbered": (gettext_lazy("renumbered items"), "pairs"),
    "removed": (gettext_lazy("removed items"), "list"),
    "number": (gettext_lazy("number"), "text"),
    "new_date": (gettext_lazy("new control date"), "date"),
    "due_date": (gettext_lazy("reports due"), "date"),
    "abolished_on": (gettext_lazy("abolished on"), "date"),
    "reason": (gettext_lazy("reason"), "text"),
    "comment": (gettext_lazy("comment"), "text"),
    "note": (gettext_lazy("note"), "text"),
    "progress": (gettext_lazy("progress, %"), "number"),
    "title": (gettext_lazy("title"), "text"),
    "reports": (gettext_lazy("reports"), "number"),
    "not_accepted": (gettext_lazy("reports not accepted"), "number"),
    "items_put_under_control": (gettext_lazy("items put under control"), "number"),
    "without_control_date": (gettext_lazy("items without a control date"), "number"),
    "present": (gettext_lazy("people present"), "number"),
    "absence_reasons": (gettext_lazy("absences with a reason"), "number"),
    "participants": (gettext_lazy("people invited"), "number"),
    "recipients": (gettext_lazy("invitations sent"), "number"),
    "count": (gettext_lazy("meetings"), "number"),
    "instructions": (gettext_lazy("instructions"), "number"),
    "attempts": (gettext_lazy("failed attempts cleared"), "number"),
    "failures": (gettext_lazy("failed attempts"), "number"),
    "controls": (gettext_lazy("what it would have changed"), "fields"),
    "approve": (gettext_lazy("approved"), "bool"),
    "period": (gettext_lazy("period"), "dates"),
}
# Ids some events carry, shown as the names of what they point to.
ID_DETAILS = {
    "organization": ("directory.Organization", gettext_lazy("organisation")),
    "successor_id": ("directory.Organization", gettext_lazy("successor")),
}
MEMBER_LABELS = {
    "member_organizations": gettext_lazy("Member organisations"),
    "members": gettext_lazy("Members"),
}
# Keys of `fields`/`changes` that are no model field: ordered lists of ids of one model.
ID_LISTS = {
    "executors": ("directory.Organization", gettext_lazy("Executors")),
    "by_agreement": ("directory.Organization", gettext_lazy("executors by agreement")),
    "districts": ("places.District", gettext_lazy("Districts")),
}
LANGUAGE_LABELS = {
    "az": gettext_lazy("%(label)s (Azerbaijani)"),
    "ru": gettext_lazy("%(label)s (Russian)"),
    "en": gettext_lazy("%(label)s (English)"),
}


def upper_first(text: str) -> str:
    """The first letter in capitals, as the page's language writes it (Azerbaijani i → İ)."""
    if not text:
        return text
    first = text[0]
    if first == "i" and get_language() == "az":
        return "İ" + text[1:]
    return first.upper() + text[1:]


@dataclass
class Change:
    label: str
    old: Any = None
    new: Any = None


@dataclass
class HistoryRow:
    event: AuditEvent
    label: str
    actor: str = ""
    changes: list[Change] = field(default_factory=list)


def _model_field(model: type[models.Model], name: str) -> tuple[models.Field[Any, Any] | None, str]:
    """The model field behind an audit key (`name_ru`, `parent_id`, `kind`) and its language, if any."""
    base, _sep, suffix = name.rpartition("_")
    candidates = [(name, "")]
    if suffix in language_codes():
        candidates.insert(0, (base, suffix))
    for candidate, language in candidates:
        attribute = candidate[:-3] if candidate.endswith("_id") else candidate
        try:
            model_field = model._meta.get_field(attribute)
        except FieldDoesNotExist:
            continue
        if isinstance(model_field, models.Field):  # not a reverse relation
            return model_field, language
    return None, ""


class _Resolver:
    """Turns stored ids into names with one query per related model, whatever the row count."""

    def __init__(self) -> None:
        self.wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        self.names: dict[tuple[type[models.Model], Any], str] = {}

    def want(self, model: type[models.Model], value: Any) -> None:
        if value not in (None, "") and not isinstance(value, list | dict | bool):
            self.wanted[model].add(value)

    def resolve(self) -> None:
        for model, ids in self.wanted.items():
            try:
                found = list(model._default_manager.filter(pk__in=ids))
            except (TypeError, ValueError):
                continue
            for obj in found:
                self.names[(model, obj.pk)] = str(obj)

    def name(self, model: type[models.Model], value: Any) -> Any:
        return self.names.get((model, value), _("(deleted)"))


@dataclass(frozen=True)
class _IdList:
    model: type[models.Model]


class _Parties:
    """A joint plan's parties as stored: [[country, lead id, coordinator id], ...]."""


@dataclass(frozen=True)
class _Detail:
    kind: str
    model: type[models.Model] | None = None


def _date_text(value: Any) -> Any:
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return formats.date_format(value) if isinstance(value, datetime.date) else value


def _datetime_text(value: Any) -> Any:
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")
    return value


def yes_no(value: Any) -> str:
    return _("Yes") if value else _("No")


def _plain(value: Any) -> Any:
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_plain(item)}" for key, item in value.items()) or None
    if isinstance(value, list):
        return ", ".join(str(_plain(item)) for item in value) or None
    return value


def _display(model_field: Any, value: Any, resolver: _Resolver, renderer: Callable[[Any], Any] | None) -> Any:
    if value in (None, "", []):
        return None
    if renderer is not None:
        return renderer(value)
    if isinstance(model_field, _IdList):
        return ", ".join(str(resolver.name(model_field.model, pk)) for pk in value or []) or None
    if isinstance(model_field, _Parties):
        organization = apps.get_model("directory.Organization")
        return (
            "; ".join(
                f"{country}: {resolver.name(organization, lead)}, {resolver.name(organization, coordinator)}"
                for country, lead, coordinator in value or []
            )
            or None
        )
    if isinstance(model_field, _Detail):
        return _detail_value(model_field, value, resolver)
    if model_field is None:
        return _plain(value)
    if model_field.is_relation and model_field.related_model is not None:
        return resolver.name(model_field.related_model, value)
    if isinstance(value, bool) or isinstance(model_field, models.BooleanField):
        return yes_no(value)
    if model_field.choices:
        return dict(model_field.flatchoices).get(value, value)
    if isinstance(model_field, models.EmailField):  # a contact address: a link, as on the person's page
        return format_html('<a class="govuk-link" href="mailto:{0}">{0}</a>', value)
    if isinstance(model_field, models.DateTimeField):
        return _datetime_text(value)
    if isinstance(model_field, models.DateField):
        return _date_text(value)
    return _plain(value)


def _detail_value(detail: _Detail, value: Any, resolver: _Resolver) -> Any:
    if detail.kind == "date":
        return _date_text(value)
    if detail.kind == "bool":
        return yes_no(value)
    if detail.kind == "dates" and isinstance(value, list) and len(value) == 2:
        return f"{_date_text(value[0])} – {_date_text(value[1])}"
    if detail.kind == "pairs" and isinstance(value, list):
        return ", ".join(
            " → ".join(map(str, pair)) if isinstance(pair, list) else str(pair) for pair in value
        )
    if detail.kind == "fields" and isinstance(value, list):
        labels = []
        for name in value:
            model_field = _model_field(detail.model, name)[0] if detail.model else None
            if model_field is not None:
                labels.append(str(model_field.verbose_name))
        return ", ".join(labels) or None
    if detail.kind == "number" and not isinstance(value, int | float | str):
        return None
    if detail.kind == "text" and isinstance(value, dict):
        return _in_language(value)
    if detail.kind == "text" and not isinstance(value, str):
        return None  # an id where another action keeps a text (a comment on the minutes)
    return _plain(value)


def _in_language(texts: Mapping[str, Any]) -> Any:
    """A text recorded in each language ({"az": …, "ru": …, "en": …}) in the page's language, else in
    the first of the fallback languages that has it."""
    language = (get_language() or "").split("-")[0]
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    order = [language, *fallbacks.get(language, fallbacks["default"])]
    return next((texts[code] for code in order if isinstance(texts.get(code), str) and texts[code]), None)


def _field_title(model_field: models.Field[Any, Any], language: str) -> str:
    title = upper_first(str(model_field.verbose_name))
    if language in LANGUAGE_LABELS:
        title = LANGUAGE_LABELS[language] % {"label": title}
    return title


def actor_names(events: Iterable[AuditEvent]) -> dict[int, str]:
    """The people behind the events' accounts, by user id, in one query."""
    ids = {event.actor_id for event in events if event.actor_id is not None}
    if not ids:
        return {}
    user_model = get_user_model()
    related = getattr(user_model, "DISPLAY_RELATED", ())
    return {
        user.pk: str(getattr(user, "display_name", "") or _("a user"))
        for user in user_model._default_manager.select_related(*related).filter(pk__in=ids)
    }


def actor_of(event: AuditEvent, names: Mapping[int, str]) -> str:
    """Who acted, as a person's name: the system when nobody signed in acted, a former user when the
    account is gone. The e-mail address kept in the chain is never shown."""
    if event.actor_id is not None and event.actor_id in names:
        return names[event.actor_id]
    if event.actor_id is None and not event.actor_label:
        if event.outcome == AuditEvent.Outcome.REFUSED:
            return _("someone not signed in")
        return _("system")
    return _("a former user")


Item = tuple[Any, str, Any, Any, Callable[[Any], Any] | None]


def _field_items(event: AuditEvent, model: type[models.Model] | None, resolver: _Resolver) -> list[Item]:
    items: list[Item] = []
    current_language = get_language()
    values = [(name, None, value) for name, value in (event.data.get("fields") or {}).items()]
    values += [(name, *pair) for name, pair in (event.data.get("changes") or {}).items()]
    for name, old, new in values:
        if old in (None, "", []) and new in (None, "", []):
            continue
        if name in ID_LISTS:
            related = apps.get_model(ID_LISTS[name][0])
            for pk in [*(old or []), *(new or [])]:
                resolver.want(related, pk)
            items.append((_IdList(related), upper_first(str(ID_LISTS[name][1])), old, new, None))
            continue
        if name == "parties":
            organization = apps.get_model("directory.Organization")
            for _country, *pks in [*(old or []), *(new or [])]:
                for pk in pks:
                    resolver.want(organization, pk)
            items.append((_Parties(), _("Parties"), old, new, None))
            continue
        model_field, language = _model_field(model, name) if model else (None, "")
        if model_field is None:
            continue  # a key no reader would understand
        if language and language != current_language and old in (None, ""):
            continue  # a new text in another language: the reader's own language is enough
        if model_field.is_relation and model_field.related_model is not None:
            resolver.want(model_field.related_model, old)
            resolver.want(model_field.related_model, new)
        renderer = _VALUE_RENDERERS.get((model._meta.label_lower, model_field.name)) if model else None
        items.append((model_field, _field_title(model_field, language), old, new, renderer))
    return items


def _detail_items(event: AuditEvent, model: type[models.Model] | None, resolver: _Resolver) -> list[Item]:
    items: list[Item] = []
    action = _ACTIONS.get(event.action)
    for key in action.details if action and model else ():
        model_field, _language = _model_field(model, key) if model else (None, "")
        if model_field is not None and event.data.get(key) not in (None, ""):
            if model_field.is_relation and model_field.related_model is not None:
                resolver.want(model_field.related_model, event.data[key])
            items.append((model_field, _field_title(model_field, ""), None, event.data[key], None))
    for key, (model_label, label_text) in ID_DETAILS.items():
        if event.data.get(key) is not None:
            related = apps.get_model(model_label)
            resolver.want(related, event.data[key])
            items.append((_IdList(related), upper_first(str(label_text)), None, [event.data[key]], None))
    for key, value in event.data.items() if model else ():
        renderer = _VALUE_RENDERERS.get((model._meta.label_lower, key)) if model else None
        if renderer is not None and key not in (action.details if action else ()) and value not in (None, ""):
            model_field, _language = _model_field(model, key) if model else (None, "")
            if model_field is not None:
                items.append((model_field, _field_title(model_field, ""), None, value, renderer))
    for key, (label_text, kind) in DETAILS.items():
        value = event.data.get(key)
        if value not in (None, "", []):
            items.append((_Detail(kind, model), upper_first(str(label_text)), None, value, None))
    for key, label_text in MEMBER_LABELS.items():
        members = event.data.get(key)
        if isinstance(members, dict):
            summary = _("%(added)d added, %(removed)d removed") % {
                "added": len(members.get("added", [])),
                "removed": len(members.get("removed", [])),
            }
            items.append((None, str(label_text), None, summary, None))
    return items


def _model_of(event: AuditEvent) -> type[models.Model] | None:
    found = _ACTIONS.get(event.action)
    label = event.data.get("model") or (found.model if found else "") or event.target_type
    if not label:
        return None
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def history_rows(events: Iterable[AuditEvent]) -> list[HistoryRow]:
    """The events as rows a reader of the page's language understands, in a fixed number of queries:
    one for the people who acted and one per kind of record the details name."""
    events = list(events)
    resolver = _Resolver()
    pending: list[tuple[HistoryRow, list[Item]]] = []
    for event in events:
        row = HistoryRow(event=event, label=action_label(event.action, event.outcome))
        model = _model_of(event)
        pending.append((row, _field_items(event, model, resolver) + _detail_items(event, model, resolver)))
    names = actor_names(events)
    resolver.resolve()
    for row, items in pending:
        row.actor = actor_of(row.event, names)
        row.changes = [
            Change(
                title,
                _display(model_field, old, resolver, renderer),
                _display(model_field, new, resolver, renderer),
            )
            for model_field, title, old, new, renderer in items
        ]
        row.changes = [change for change in row.changes if change.old is not None or change.new is not None]
    return [row for row, _items in pending]
