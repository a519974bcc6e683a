"""Input checks for the registry pages; the business rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koordinat.core.fields import (
    ControlFieldsMixin,
    IsoDateField,
    OptionChoiceField,
    PickerFormMixin,
    PickerSelect,
    TranslatedFormMixin,
    limit_choices,
)

from .models import Body, Organization, Person
from .selectors import BODY_CHOICES
from .widgets import PeoplePickerField, PersonPickerField


class OrganizationChoiceField(forms.ModelChoiceField):
    """One organisation of the registry: a select that picker.js lets one filter by typing."""

    widget = PickerSelect

    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OrganizationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by name or abbreviation"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Organization.Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Active and abolished")), ("active", _("Active")), ("abolished", _("Abolished"))],
    )
    body = OptionChoiceField(
        label=_("Member of collegial body"),
        required=False,
        queryset=Body.objects.none(),
        empty_label=_("Any body"),
    )

    def __init__(self, *args: Any, bodies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if bodies is not None:
            limit_choices(self, "body", bodies, cached_as=BODY_CHOICES)


class OrganizationForm(ControlFieldsMixin, TranslatedFormMixin, VersionedForm):
    """An organisation's record; its kind, parent and head's approval are controls (see services).

    A new sub-unit's parent is the staff's own choice within their organisation, so not a control there."""

    control_fields: tuple[str, ...] = ("kind", "parent", "reports_need_head_approval")
    translated = [
        ("name", _("Full name"), {"max_length": 500}),
        ("short_name", _("Short name"), {"required": False, "max_length": 200}),
        ("abbreviation", _("Abbreviation"), {"required": False, "max_length": 50}),
    ]
    kind = forms.ChoiceField(label=_("Kind"), choices=Organization.Kind.choices)
    parent = OrganizationChoiceField(
        label=_("Parent organisation"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("None — a top-level organisation"),
    )
    country = forms.RegexField(
        label=_("Country"),
        regex=r"^[A-Za-z]{2}$",
        initial="AZ",
        max_length=2,
        help_text=_("Two-letter ISO code, for example AZ."),
        error_messages={"invalid": _("Enter a two-letter country code, for example AZ.")},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-2"}),
    )
    reports_need_head_approval = forms.BooleanField(
        label=_("Execution reports go to the head of the organisation for approval before they are sent"),
        required=False,
    )

    def __init__(self, *args: Any, parents: Any, creating: bool = False, **kwargs: Any) -> None:
        self.control_fields = ("kind", "reports_need_head_approval") if creating else self.control_fields
        super().__init__(*args, **kwargs)
        limit_choices(self, "parent", parents)


class AbolishForm(VersionedForm):
    on = IsoDateField(label=_("Abolished on"), help_text=_("For example 2026-03-31."))
    successor = OrganizationChoiceField(
        label=_("Successor"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("No successor"),
        help_text=_("The organisation that took over its functions, if any."),
    )

    def __init__(self, *args: Any, successors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "successor", successors)


class PersonForm(TranslatedFormMixin, VersionedForm):
    translated = [
        ("last_name", _("Last name"), {"max_length": 100}),
        ("first_name", _("First name"), {"max_length": 100}),
        ("patronymic", _("Patronymic"), {"required": False, "max_length": 100}),
    ]
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=50)


class MembershipForm(TranslatedFormMixin, forms.Form):
    translated = [("position", _("Position"), {"max_length": 300})]
    organization = OrganizationChoiceField(label=_("Organisation"), queryset=Organization.objects.none())
    start_date = IsoDateField(label=_("From"), required=False, help_text=_("For example 2025-01-15."))
    end_date = IsoDateField(
        label=_("Until"), required=False, help_text=_("Leave empty while the position is held.")
    )

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "organization", organizations)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data


class NewPersonForm(PersonForm, MembershipForm):
    """A new person with the position they hold; end date is not asked for."""

    translated = PersonForm.translated + MembershipForm.translated

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["end_date"]


class MembershipEndForm(forms.Form):
    end_date = IsoDateField(label=_("Position held until"), help_text=_("For example 2026-03-31."))


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.full_name


class BodyForm(PickerFormMixin, ControlFieldsMixin, TranslatedFormMixin, VersionedForm):
    """A body's record, kept by its secretary; its kind, parent, chair, secretary and publicity are controls."""

    control_fields = ("kind", "parent", "chair", "secretary", "is_public", "advises")
    translated = [
        ("name", _("Name"), {"max_length": 500}),
        ("area", _("Area of work"), {"required": False, "max_length": 500}),
    ]
    kind = forms.ChoiceField(label=_("Kind"), choices=Body.Kind.choices)
    parent: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        label=_("Parent body"), required=False, queryset=Body.objects.none(), empty_label=_("None")
    )
    member_organizations: forms.ModelMultipleChoiceField[Organization] = forms.ModelMultipleChoiceField(
        label=_("Member organisations"),
        required=False,
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    members = PeoplePickerField(label=_("Members"), required=False, queryset=Person.objects.none())
    chair = PersonPickerField(
        label=_("Chair"), required=False, queryset=Person.objects.none(), empty_label=_("None")
    )
    secretary = PersonPickerField(
        label=_("Secretary"), required=False, queryset=Person.objects.none(), empty_label=_("None")
    )
    is_public = forms.BooleanField(
        label=_("Public body: its approved minutes are published for everyone"), required=False
    )
    advises: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("Authority it advises"),
        help_text=_("For a public council: the executive authority it is attached to."),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("None"),
    )

    def __init__(self, *args: Any, bodies: Any, organizations: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "parent", bodies)
        limit_choices(self, "member_organizations", organizations)
        limit_choices(self, "advises", organizations)
        for name in ("members", "chair", "secretary"):
            limit_choices(self, name, people)
