"""Input checks for meeting pages; the rules live in services."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from koordinat.core.context_processors import LANGUAGE_NAMES
from koordinat.core.fields import (
    ControlFieldsMixin,
    IsoDateField,
    IsoDateTimeField,
    PickerFormMixin,
    TranslatedFormMixin,
    limit_choices,
)
from koordinat.directory.forms import OrganizationChoiceField, PersonChoiceField, VersionedForm
from koordinat.directory.models import Body, Organization, Person
from koordinat.directory.widgets import PeoplePickerField, PersonPickerField
from koordinat.plans.forms import OrganizationLinesField
from koordinat.plans.models import LegalAct, Measure

from .models import AgendaItem, MeetingSeries


class MeasureLinesField(forms.CharField):
    """Measures one per line as offices cite them: the plan's code and the item number, "EQ-TP-2025 1.2"."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[Measure]:  # type: ignore[override]
        text = super().to_python(value) or ""
        found: list[Measure] = []
        for line in (line.strip() for line in text.splitlines()):
            if not line:
                continue
            match = re.fullmatch(r"(\S+)\s+(\d+(?:\.\d+)*)\.?", line)
            measure = (
                Measure.objects.filter(plan__code__iexact=match.group(1), number=match.group(2)).first()
                if match
                else None
            )
            if measure is None:
                raise ValidationError(
                    _(
                        "“%(line)s” is not a plan item; write the plan's code and the item number, e.g. EQ-TP-2025 1.2."
                    )
                    % {"line": line},
                    code="measure",
                )
            found.append(measure)
        return list(dict.fromkeys(found))


def measure_lines(measures: Any) -> str:
    return "\n".join(f"{measure.plan.code} {measure.number}" for measure in measures)


class MeetingForm(PickerFormMixin, ControlFieldsMixin, TranslatedFormMixin, VersionedForm):
    """A meeting; its chair and secretary (by default the body's) are substituted only by the office."""

    control_fields = ("chair", "secretary")
    translated = [
        ("title", _("Title"), {"max_length": 500}),
        ("place", _("Place"), {"required": False, "max_length": 500}),
    ]
    body: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        label=_("Collegial body"), queryset=Body.objects.none()
    )
    starts_at = IsoDateTimeField(label=_("Starts"), help_text=_("For example 2026-03-15 10:00."))
    ends_at = IsoDateTimeField(label=_("Ends"), required=False, help_text=_("For example 2026-03-15 12:00."))
    online_url = forms.URLField(label=_("Online link"), required=False, max_length=500, assume_scheme="https")
    second_language = forms.ChoiceField(
        label=_("Second language of the minutes"),
        required=False,
        choices=[("", _("None")), *LANGUAGE_NAMES.items()],
        help_text=_("For a joint commission: the minutes show this language beside the first."),
    )
    guests = OrganizationLinesField(
        label=_("Invited organisations"),
        required=False,
        help_text=_(
            "Besides the body's members; one organisation of the registry per line. A foreign organisation comes as its country's delegation."
        ),
    )
    invited_people = PeoplePickerField(
        label=_("Invited people"),
        required=False,
        queryset=Person.objects.none(),
        help_text=_("Besides the body's members: people of the registry invited by name."),
    )
    chair = PersonPickerField(label=_("Chair"), required=False, queryset=Person.objects.none())
    secretary = PersonPickerField(label=_("Secretary"), required=False, queryset=Person.objects.none())

    def __init__(self, *args: Any, bodies: Any, creating: bool, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            limit_choices(self, "body", bodies)
        else:
            del self.fields["body"]
        limit_choices(self, "invited_people", people)
        for name, usual in (("chair", _("The body's chair")), ("secretary", _("The body's secretary"))):
            limit_choices(self, name, people)
            field: Any = self.fields[name]
            field.empty_label = usual if creating else _("None")


class SeriesForm(TranslatedFormMixin, forms.Form):
    translated = [
        ("title", _("Title"), {"max_length": 500}),
        ("place", _("Place"), {"required": False, "max_length": 500}),
    ]
    body: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        label=_("Collegial body"), queryset=Body.objects.none()
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=MeetingSeries.Frequency.choices, widget=forms.RadioSelect
    )
    first_starts_at = IsoDateTimeField(
        label=_("First meeting starts"), help_text=_("For example 2026-03-15 10:00.")
    )
    count = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=1,
        max_value=60,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )

    def __init__(self, *args: Any, bodies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "body", bodies)


class HeldForm(VersionedForm):
    present = forms.MultipleChoiceField(
        label=_("Who was present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, participants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participants = list(participants)
        self.fields["present"].choices = [(str(p.pk), str(p)) for p in self.participants]  # type: ignore[attr-defined]
        for participant in self.participants:
            self.fields[f"reason_{participant.pk}"] = forms.CharField(
                label=_("Reason for absence: %(name)s") % {"name": participant},
                required=False,
                max_length=300,
                initial=participant.absence_reason,
                help_text=_(
                    "Only for someone who was absent, if known (a business trip, leave). The reason is written into the minutes, which anyone can read once a public body's minutes are published."
                ),
            )

    def absence_reasons(self) -> dict[int, str]:
        """The reasons typed, by participant id."""
        return {
            participant.pk: self.cleaned_data.get(f"reason_{participant.pk}", "")
            for participant in self.participants
            if self.cleaned_data.get(f"reason_{participant.pk}")
        }


class AgendaItemForm(TranslatedFormMixin, forms.Form):
    translated = [
        ("title", _("Question"), {"max_length": 1000, "textarea": True}),
        ("discussion", _("What was discussed"), {"required": False, "max_length": 20000, "textarea": True}),
        ("decision", _("What was decided"), {"required": False, "max_length": 20000, "textarea": True}),
    ]
    speakers = PersonChoiceField(
        label=_("Speakers"),
        required=False,
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    measures = MeasureLinesField(
        label=_("Plan items discussed"),
        required=False,
        help_text=_("One per line: the plan's code and the item number, e.g. EQ-TP-2025 1.2."),
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "speakers", people)


class MinutesStartForm(forms.Form):
    number = forms.CharField(
        label=_("Minutes number"),
        max_length=30,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    date = IsoDateField(label=_("Minutes date"), help_text=_("For example 2026-03-16."))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class InstructionForm(TranslatedFormMixin, VersionedForm):
    translated = [("text", _("Instruction"), {"max_length": 10000, "textarea": True})]
    number = forms.CharField(
        label=_("Number in the minutes"),
        max_length=20,
        help_text=_("For example 3.2: question 3, its second instruction."),
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    agenda_item: forms.ModelChoiceField[AgendaItem] = forms.ModelChoiceField(
        label=_("Question of the agenda"),
        required=False,
        queryset=AgendaItem.objects.none(),
        empty_label=_("None"),
    )
    lead = OrganizationChoiceField(label=_("Lead executor"), queryset=Organization.objects.none())
    co_executors = OrganizationLinesField(
        label=_("Co-executors"),
        required=False,
        help_text=_(
            "One organisation per line, in order; full names, short names and abbreviations are recognised."
        ),
    )
    control_date = IsoDateField(label=_("Control date"), help_text=_("For example 2026-06-30."))
    controller = OrganizationChoiceField(label=_("Controller"), queryset=Organization.objects.none())
    measures = MeasureLinesField(
        label=_("Plan items concerned"),
        required=False,
        help_text=_("One per line: the plan's code and the item number, e.g. EQ-TP-2025 1.2."),
    )

    def __init__(self, *args: Any, organizations: Any, agenda: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "lead", organizations)
        limit_choices(self, "controller", organizations)
        if agenda is None:
            del self.fields["agenda_item"]
        else:
            limit_choices(self, "agenda_item", agenda)

    def executors(self) -> list[Organization]:
        lead = self.cleaned_data["lead"]
        return [
            lead,
            *[organization for organization in self.cleaned_data["co_executors"] if organization != lead],
        ]


class RegisterInstructionForm(InstructionForm):
    """An instruction given by a legal act or a letter rather than by minutes."""

    legal_act: forms.ModelChoiceField[LegalAct] = forms.ModelChoiceField(
        label=_("Legal act"), required=False, queryset=LegalAct.objects.none(), empty_label=_("None")
    )
    letter_reference = forms.CharField(
        label=_("Or the letter"),
        required=False,
        max_length=300,
        help_text=_("Number and date of the letter."),
    )

    def __init__(self, *args: Any, acts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "legal_act", acts)
        self.fields["number"].label = _("Number in the act or letter")
        self.fields["number"].help_text = _("For example 4 or 2.3.")
