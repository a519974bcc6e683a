"""Form fields for content kept in three languages, and for dates typed the same way in all of them."""

from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .context_processors import LANGUAGE_NAMES
from .dates import validate_date_in_range
from .rows import cached_option_pairs, option_pairs
from .translation import language_codes


def translated_fields(
    name: str,
    label: Any,
    *,
    required: bool = True,
    max_length: int = 500,
    textarea: bool = False,
    help_text: Any = "",
) -> dict[str, forms.Field]:
    """`name_az`, `name_ru`, `name_en`: the default language required, the others optional; the
    help text under the first."""
    fields: dict[str, forms.Field] = {}
    for index, code in enumerate(language_codes()):
        widget = (
            forms.Textarea(attrs={"rows": 3, "lang": code})
            if textarea
            else forms.TextInput(attrs={"lang": code})
        )
        fields[f"{name}_{code}"] = forms.CharField(
            label=format_lazy(_("{field} — {language}"), field=label, language=LANGUAGE_NAMES[code]),
            required=required and index == 0,
            max_length=max_length,
            widget=widget,
            help_text=help_text if index == 0 else "",
        )
    return fields


class TranslatedFormMixin:
    """Adds the translated fields listed in `translated` = [(name, label, options), ...]."""

    translated: list[tuple[str, Any, dict[str, Any]]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: dict[str, forms.Field] = {}
        for name, label, options in self.translated:
            fields.update(translated_fields(name, label, **options))
        self.fields = {**fields, **self.fields}  # type: ignore[has-type]


def limit_choices(form: forms.Form, name: str, queryset: Any, *, cached_as: str = "") -> None:
    """Give a model choice field the options this user may pick from; `cached_as` names the cache of
    an `OptionChoiceField`'s labels that are the same for every reader (see `core.rows.cached_option_pairs`)."""
    field = cast(forms.ModelChoiceField, form.fields[name])
    field.queryset = queryset
    if cached_as:
        cast(OptionChoiceField, field).cached_as = cached_as


class OptionsIterator(ModelChoiceIterator):
    """A model choice's options as (pk, label) pairs read with one values query, once per form:
    no model instance and no translated-field lookup per option."""

    def __init__(self, field: "OptionChoiceField") -> None:
        super().__init__(field)
        self.label_fields = field.label_fields
        self._options: list[tuple[Any, str]] | None = None

    def options(self) -> list[tuple[Any, str]]:
        if self._options is None:
            cached_as = cast(OptionChoiceField, self.field).cached_as
            self._options = (
                cached_option_pairs(cached_as, self.queryset, *self.label_fields)
                if cached_as
                else option_pairs(self.queryset, *self.label_fields)
            )
        return self._options

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.options()

    def __len__(self) -> int:
        return len(self.options()) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.options())


class OptionSelect(forms.Select):
    """A select whose options are plain (value, label) pairs: Django builds a dict of twelve keys
    per option through `create_option`, which for a plan's five hundred executors cost more than the
    rest of the filter form; this builds what the renderer writes (see core.forms.render_select)."""

    def optgroups(self, name: str, value: list[str], attrs: dict[str, Any] | None = None) -> list[Any]:
        chosen = value[0] if value else ""
        options = []
        found = False
        for index, (option_value, label) in enumerate(self.choices):
            selected = not found and str(option_value) == chosen
            found = found or selected
            options.append(
                {
                    "name": name,
                    "value": option_value,
                    "label": label,
                    "selected": selected,
                    "index": str(index),
                    "attrs": {"selected": True} if selected else {},
                    "type": self.input_type,
                    "template_name": self.option_template_name,
                    "wrap_label": True,
                }
            )
        return [(None, options, 0)]


class OptionChoiceField(forms.ModelChoiceField):
    """A choice among model rows labelled by their translated columns — `label_fields`, the first
    filled one wins, e.g. ("short_name", "name"): a filter offering a plan's hundreds of executors
    built a model instance per option each time its select was drawn."""

    iterator = OptionsIterator
    widget = OptionSelect

    def __init__(self, *args: Any, label_fields: tuple[str, ...] = ("name",), **kwargs: Any) -> None:
        self.label_fields = label_fields
        self.cached_as = ""
        super().__init__(*args, **kwargs)


class IsoDateInput(forms.DateInput):
    """`<input type="date">`: the browser offers its calendar and sends the ISO date (2026-03-31), the
    format the field reads; a browser without one shows a text box taking the same."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "govuk-input--width-10", **(attrs or {})}, format="%Y-%m-%d")


class IsoDateTimeInput(forms.DateTimeInput):
    """`<input type="datetime-local">`, whose value is 2026-03-15T10:00; the field also reads the
    "2026-03-15 10:00" that a browser without the input, an API client or a test types."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={"class": "govuk-input--width-20", **(attrs or {})}, format="%Y-%m-%dT%H:%M")


class IsoDateField(forms.DateField):
    """A date typed as 2026-03-31 and shown the same way, whatever the page's language; held to the
    years of `core.dates`."""

    widget = IsoDateInput
    default_validators = [validate_date_in_range]


DATETIME_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]


class IsoDateTimeField(forms.DateTimeField):
    """A moment typed as 2026-03-15 10:00, shown the same way in every language; held to the years
    of `core.dates`."""

    widget = IsoDateTimeInput
    default_validators = [validate_date_in_range]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATETIME_FORMATS)
        super().__init__(*args, **kwargs)


class ControlFieldsMixin:
    """Fields that are controls (only the coordination office changes them), listed in `control_fields`.

    For anyone else (`offer_controls=False`) they are not offered: each travels as a hidden input
    holding the saved value (None for a yes/no not yet set), so the service sees the saved value, and a
    crafted change reaches the service, which refuses it and records the attempt."""

    control_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, offer_controls: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offers_controls = offer_controls
        if offer_controls:
            return
        fields: dict[str, forms.Field] = self.fields  # type: ignore[attr-defined]
        for name in self.control_fields:
            field = fields[name]
            if isinstance(field, forms.BooleanField):
                field = fields[name] = forms.NullBooleanField(label=field.label)
            field.widget = forms.HiddenInput()
            field.required = False


class PickerSelect(OptionSelect):
    """A choice among a long list (five hundred organisations): a plain select without JavaScript;
    picker.js makes it a combobox that filters the options as one types, ignoring Azerbaijani and
    Russian letters and case (see core.text.fold)."""

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__(attrs={"data-picker": "options", **(attrs or {})}, choices=choices)


# The name of the button a picker's search (without JavaScript) submits the form with: the page comes
# back with what was typed and the people found, and nothing is saved.
PICKER_SEARCH = "_picker_search"


class PickerFormMixin:
    """A form with a picker that searches on the server (directory.widgets.PersonPicker). Its search
    button submits the whole form, so nothing typed is lost; that submission is a search, not a save:
    the form is not valid and shows no errors, and its page answers 200 with the form as typed."""

    @property
    def searching(self) -> bool:
        data: Any = getattr(self, "data", {})
        return bool(getattr(self, "is_bound", False) and data.get(PICKER_SEARCH))

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        if self.searching:
            self._errors = forms.utils.ErrorDict()
            self.cleaned_data: dict[str, Any] = {}

    def is_valid(self) -> bool:
        return super().is_valid() and not self.searching  # type: ignore[misc]
