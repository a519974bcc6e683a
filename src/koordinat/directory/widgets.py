"""Pickers for people: twenty thousand of them cannot be options of a select.

Without JavaScript a picker is the person chosen (a select, or checkboxes for several) and a search
box whose button submits the form (core.fields.PICKER_SEARCH): the page comes back with everything as
typed and the people found added to the choices. picker.js replaces the box with a combobox that
asks `directory:person_search` as one types."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from koordinat.core.fields import PICKER_SEARCH

from . import selectors
from .models import Person


class PersonPicker(forms.Select):
    """One person: the chosen one and the matches of the search typed, as options of a select."""

    template_name = "forms/widgets/person_picker.html"
    search_label = _("Find a person by name")

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.query = ""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        self.query = str(data.get(f"{name}_q", "")).strip()[: selectors.PICK_QUERY_LENGTH]
        return super().value_from_datadict(data, files, name)

    def options_for(self, values: list[str]) -> tuple[list[tuple[str, str, bool]], int | None]:
        """(value, label, chosen) for the people chosen and those found; how many were found (None
        when nothing was searched for)."""
        field: Any = getattr(self.choices, "field", None)
        queryset = getattr(self.choices, "queryset", None)
        if field is None or queryset is None:
            return [], None
        label = field.label_from_instance
        ids = [int(value) for value in values if str(value).isdigit()]
        by_pk = queryset.in_bulk(ids) if ids else {}
        chosen: list[Person] = [by_pk[pk] for pk in dict.fromkeys(ids) if pk in by_pk]
        options = [(str(person.pk), label(person), True) for person in chosen]
        found_count = None
        if self.query:
            found = selectors.people_matching(queryset, q=self.query)
            found_count = len(found)
            options += [
                (str(person.pk), _described(label(person), person), False)
                for person in found
                if person.pk not in by_pk
            ]
        return options, found_count

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = forms.Widget.get_context(self, name, value, attrs)
        values = context["widget"]["value"]
        options, found = self.options_for(values if isinstance(values, list) else [values])
        field: Any = getattr(self.choices, "field", None)
        empty_label = getattr(field, "empty_label", None)
        context["widget"].update(
            {
                "options": options,
                "empty_label": None if self.allow_multiple_selected else empty_label,
                "query": self.query,
                "found": found,
                "limited": found == selectors.PICK_LIMIT,
                "search_button": PICKER_SEARCH,
                "search_label": self.search_label,
                "search_url": reverse("directory:person_search"),
                "multiple": self.allow_multiple_selected,
            }
        )
        return context

    def format_value(self, value: Any) -> list[str]:
        if value is None:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [str(getattr(v, "pk", v)) for v in value if v not in (None, "")]


class PeoplePicker(PersonPicker):
    """Several people: checkboxes for those chosen and those found (a body's members)."""

    allow_multiple_selected = True
    use_fieldset = True

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        PersonPicker.value_from_datadict(self, data, files, name)
        getter = getattr(data, "getlist", None)
        return getter(name) if getter else data.get(name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return False  # an empty list of checkboxes sends nothing


def _described(label: str, person: Person) -> str:
    position = selectors.person_position(person)
    return f"{label} — {position}" if position else label


class PersonPickerField(forms.ModelChoiceField):
    widget = PersonPicker

    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class PeoplePickerField(forms.ModelMultipleChoiceField):
    widget = PeoplePicker

    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name
