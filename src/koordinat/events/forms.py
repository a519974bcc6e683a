"""Input checks for the events' pages; the rules live in services."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from koordinat.core.fields import IsoDateTimeField, TranslatedFormMixin, limit_choices
from koordinat.directory.forms import VersionedForm
from koordinat.directory.models import Body
from koordinat.places.models import District
from koordinat.plans.forms import OrganizationLinesField
from koordinat.plans.models import Measure

from .models import ITEM_LENGTH, TEXT_LENGTH, TITLE_LENGTH, Event
from .selectors import measure_find

WHEN_CHOICES = [("", _("Upcoming and past")), ("upcoming", _("Upcoming")), ("past", _("Past"))]


class MeasureField(forms.CharField):
    """A measure as offices cite it: the plan's code and the item number, "OGP-NAP-2020 5.6"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Measure | None:
        text = (super().clean(value) or "").strip()
        if not text:
            return None
        match = re.fullmatch(r"(\S+)\s+(\d+(?:\.\d+)*)\.?", text)
        measure = measure_find(code=match.group(1), number=match.group(2)) if match else None
        if measure is None:
            raise ValidationError(
                _(
                    "“%(text)s” is not a plan item; write the plan's code and the item number, e.g. OGP-NAP-2020 5.6."
                )
                % {"text": text},
                code="measure",
            )
        return measure


class EventForm(TranslatedFormMixin, VersionedForm):
    translated = [
        ("title", _("Title"), {"max_length": TITLE_LENGTH}),
        ("description", _("Description"), {"required": False, "max_length": TEXT_LENGTH, "textarea": True}),
        ("address", _("Address"), {"required": False, "max_length": TITLE_LENGTH}),
    ]
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    starts_at = IsoDateTimeField(label=_("Date and time"), help_text=_("For example 2026-03-15 10:00."))
    district: forms.ModelChoiceField[District] = forms.ModelChoiceField(
        label=_("District"), queryset=District.objects.none()
    )
    organizers = OrganizationLinesField(
        label=_("Organisers"), help_text=_("One organisation a line, as named in the directory.")
    )
    partners = OrganizationLinesField(
        label=_("Partner civil society organisations"),
        required=False,
        help_text=_("One organisation a line; civil society organisations only."),
    )
    council: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        label=_("Public council"),
        required=False,
        queryset=Body.objects.none(),
        empty_label=_("None"),
        help_text=_("Required for a public council meeting."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Event.Status.choices, initial=Event.Status.PLANNED)
    registration_open = forms.BooleanField(label=_("The public may register"), required=False)
    capacity = forms.IntegerField(
        label=_("Places"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("Leave empty for no limit."),
    )
    registration_deadline = IsoDateTimeField(
        label=_("Registration closes"), required=False, help_text=_("For example 2026-03-14 18:00.")
    )

    def __init__(self, *args: Any, districts: Any, councils: Any, with_status: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "district", districts)
        limit_choices(self, "council", councils)
        if not with_status:
            del self.fields["status"]


class AgendaItemForm(TranslatedFormMixin, VersionedForm):
    translated = [("text", _("Agenda item"), {"max_length": ITEM_LENGTH, "textarea": True})]
    measure = MeasureField(
        label=_("Plan item"),
        help_text=_("The plan's code and the item number, e.g. OGP-NAP-2020 5.6; or leave empty."),
    )


class ProposalForm(TranslatedFormMixin, VersionedForm):
    translated = [("text", _("Proposal"), {"max_length": ITEM_LENGTH, "textarea": True})]
    measure = MeasureField(
        label=_("Plan item it concerns"),
        help_text=_("The plan's code and the item number, e.g. OGP-NAP-2020 5.6; or leave empty."),
    )


class OutcomeForm(TranslatedFormMixin, VersionedForm):
    translated = [("summary", _("Outcome"), {"max_length": TEXT_LENGTH, "textarea": True})]
    attendance = forms.IntegerField(label=_("Attendance"), required=False, min_value=0, max_value=1_000_000)


class UnpublishForm(VersionedForm):
    reason = forms.CharField(
        label=_("Why is it withdrawn?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class EventFilterForm(forms.Form):
    district: forms.ModelChoiceField[District] = forms.ModelChoiceField(
        label=_("District"), required=False, queryset=District.objects.none(), empty_label=_("All districts")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Event.Kind.choices]
    )
    when = forms.ChoiceField(label=_("When"), required=False, choices=WHEN_CHOICES)

    def __init__(self, *args: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "district", districts)


class RegistrationForm(forms.Form):
    """A visitor's registration. `website` is a trap: people do not see it, robots fill it in."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send a link to confirm your registration. Your address is never published."),
    )
    organization_name = forms.CharField(label=_("Organisation (optional)"), max_length=300, required=False)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_trap(self) -> bool:
        return bool(self.data.get("website"))
