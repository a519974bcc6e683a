"""GOV.UK Frontend form rendering: ``{{ form }}`` renders GOV.UK form groups.

The renderer writes the form, its one-input fields and the widgets most of them use (inputs,
selects) in Python, the same markup as the templates, which remain the reference for the rest.

Settings: ``FORM_RENDERER = "koordinat.core.forms.GovukFormRenderer"`` and ``"django.forms"``
in ``INSTALLED_APPS``. The renderer picks the form and field templates
(``templates/forms/govuk_form.html``, ``templates/forms/govuk_field.html``) and, through
Django 5.2's ``BaseRenderer.bound_field_class``, a bound field that puts the GOV.UK class
of each widget (``govuk-input``, ``govuk-select``, ...) and its ``--error`` modifier on the
actual ``<input>``/``<select>``/``<textarea>``. Django itself adds ``aria-invalid`` and the
``aria-describedby`` that points at the hint (``<id>_helptext``) and error (``<id>_error``).
"""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Input
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

__all__ = ["CheckboxColumns", "GovukBoundField", "GovukFormRenderer", "govuk_widget_classes"]


class CheckboxColumns(forms.CheckboxSelectMultiple):
    """A long list of choices as small checkboxes in columns (govuk_field.html lays them out)."""


def govuk_widget_classes(widget: forms.Widget, *, has_errors: bool) -> list[str]:
    """Return the GOV.UK Frontend classes for ``widget`` (empty for hidden widgets)."""
    if widget.is_hidden:
        return []
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return ["govuk-checkboxes__input"]
    if isinstance(widget, forms.RadioSelect):
        return ["govuk-radios__input"]
    if isinstance(widget, forms.Select | forms.SelectDateWidget):
        base = "govuk-select"
    elif isinstance(widget, forms.Textarea):
        base = "govuk-textarea"
    elif isinstance(widget, forms.FileInput):
        # GOV.UK Frontend 5 has no error modifier for the file upload.
        return ["govuk-file-upload"]
    elif isinstance(widget, Input | forms.MultiWidget):
        base = "govuk-input"
    else:
        return []
    return [base, f"{base}--error"] if has_errors else [base]


def _merge_classes(*values: Any) -> str:
    seen: dict[str, None] = {}
    for value in values:
        for name in str(value or "").split():
            seen.setdefault(name, None)
    return " ".join(seen)


class GovukBoundField(forms.BoundField):
    """A bound field whose widget carries the GOV.UK classes, keeping classes set on the widget."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: forms.Widget | None = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        classes = govuk_widget_classes(widget, has_errors=bool(self.errors))
        if classes:
            # Extra attrs replace the widget's own attrs in Widget.build_attrs(), so merge
            # the widget's class (e.g. "govuk-input--width-10") in here.
            attrs["class"] = _merge_classes(*classes, widget.attrs.get("class"), attrs.get("class"))
        if isinstance(widget, forms.MultiWidget) and self.use_fieldset and self.auto_id and self.label:
            # The parts of a multi-input field (e.g. date and time) are named by the legend
            # that govuk_field.html renders with this id.
            attrs.setdefault("aria-labelledby", f"{self.auto_id}_legend")
        return attrs


def _escape(value: Any) -> str:
    """`conditional_escape`, without the lazy-argument check of Django's `escape` for a plain str:
    a form of hundreds of options escaped each through that wrapper."""
    return html.escape(value) if type(value) is str else conditional_escape(value)


def _attrs(attrs: dict[str, Any]) -> str:
    """Django's widgets/attrs.html, in Python."""
    return "".join(
        f" {name}" if value is True else f' {name}="{_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


# Django's widget templates that only include widgets/input.html (text, number, date, hidden, ...).
INPUT_TEMPLATES = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "text",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "search",
        "tel",
    )
)


def render_input(widget: dict[str, Any]) -> str:
    """Django's widgets/input.html."""
    value = "" if widget["value"] is None else f' value="{_escape(str(widget["value"]))}"'
    return f'<input type="{_escape(widget["type"])}" name="{_escape(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def render_select(widget: dict[str, Any]) -> str | None:
    """Django's widgets/select.html with its options, the same markup without the blank lines: a filter
    of organisations or bodies offers hundreds of options, and one template include per option made
    the select most of its page's time. None for an option with a template of its own."""
    parts = [f'<select name="{_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_escape(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION_TEMPLATE:
                return None
            parts.append(
                f'\n  <option value="{_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                f"{_escape(option['label'])}</option>"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def option_tags(pairs: list[tuple[Any, Any]], chosen: Any) -> SafeString:
    """The <option>s of a select a template writes itself, from (value, label) pairs, `chosen`
    selected: a template loop resolved three variables an option."""
    return mark_safe(  # every value is escaped
        "".join(
            f'<option value="{_escape(str(value))}"{" selected" if value == chosen else ""}>{_escape(label)}</option>'
            for value, label in pairs
        )
    )


def _error_message(field: forms.BoundField) -> str:
    """The field's errors as govuk_field.html writes them."""
    label = _escape(gettext("Error:"))
    id_attr = f' id="{_escape(field.auto_id)}_error"' if field.auto_id else ""
    errors = "<br>".join(
        f'<span class="govuk-visually-hidden">{label}</span> {_escape(str(error))}' for error in field.errors
    )
    return f'<p class="govuk-error-message"{id_attr}>{errors}</p>'


def render_field(field: forms.BoundField) -> str | None:
    """govuk_field.html for a field of one input (text, number, date, select, text area), in Python:
    a filter form's four fields cost more than the table beside it. None for checkboxes, radios and
    the fieldsets of multi-part inputs, which keep the template."""
    if field.use_fieldset or field.widget_type == "checkbox":
        return None
    parts = [f'<div class="govuk-form-group{" govuk-form-group--error" if field.errors else ""}">']
    if field.label:
        parts.append(
            f'\n  <label class="govuk-label" for="{_escape(field.id_for_label)}">'
            f"{_escape(field.label)}</label>"
        )
    if field.help_text:
        id_attr = f' id="{_escape(field.auto_id)}_helptext"' if field.auto_id else ""
        parts.append(
            f'\n  <div class="govuk-hint"{id_attr}>{field.help_text}</div>'
        )  # help texts are ours: |safe
    if field.errors:
        parts.append(f"\n  {_error_message(field)}")
    parts.append(f"\n  {field}\n</div>")
    return "".join(parts)


def render_form(context: dict[str, Any]) -> str:
    """govuk_form.html in Python, the same markup: hidden fields, the errors of no one field, then
    each field's group; stripped, as the renderer strips a template's output."""
    parts = [*(str(field) for field in context["hidden_fields"]), "\n"]
    if context["errors"]:
        label = _escape(gettext("Error:"))
        errors = "<br>".join(
            f'<span class="govuk-visually-hidden">{label}</span> {_escape(error)}'
            for error in context["errors"]
        )
        parts.append(
            '\n<div class="govuk-form-group govuk-form-group--error">\n'
            f'  <p class="govuk-error-message" id="{_escape(context["form"].prefix or "form")}-non-field-errors">\n'
            f"    {errors}\n  </p>\n</div>\n"
        )
    parts.append("\n")
    parts.extend(f"\n{field.as_field_group()}\n" for field, _errors in context["fields"])
    return "".join(parts).strip()


ERRORS_TEMPLATE = "django/forms/errors/list/default.html"


class GovukFormRenderer(TemplatesSetting):
    """Form renderer for Koordinat: GOV.UK markup, templates looked up through ``TEMPLATES``."""

    form_template_name = "forms/govuk_form.html"
    field_template_name = "forms/govuk_field.html"
    bound_field_class = GovukBoundField

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        markup = None
        if template_name in INPUT_TEMPLATES:
            markup = render_input(context["widget"])
        elif template_name == "django/forms/widgets/select.html":
            markup = render_select(context["widget"])
        elif template_name == self.field_template_name and "field" in context:
            markup = render_field(context["field"])
        elif template_name == self.form_template_name and "fields" in context:
            markup = render_form(context)
        elif template_name == ERRORS_TEMPLATE and not context["errors"]:
            markup = ""  # a form renders every field's error list, mostly empty, to hand it to the template
        if markup is not None:
            return mark_safe(markup)  # every value above is escaped
        return super().render(template_name, context, request)
