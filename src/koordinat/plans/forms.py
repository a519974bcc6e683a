"""Input checks for plan pages; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from koordinat.core.fields import limit_choices
from koordinat.directory.forms import OrganizationChoiceField
from koordinat.directory.models import Body, Organization

from .importing.columns import mapping_example, parse_mapping
from .importing.readers import max_upload_bytes
from .models import Plan


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search by title or code"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Plan.Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Plan.Status.choices]
    )
    body: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        label=_("Owning body"), required=False, queryset=Body.objects.none(), empty_label=_("Any body")
    )
    coordinator = OrganizationChoiceField(
        label=_("Coordinating organisation"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("Any"),
    )

    def __init__(self, *args: Any, bodies: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "body", bodies)
        limit_choices(self, "coordinator", organizations)


class MeasureFilterForm(forms.Form):
    q = forms.CharField(label=_("Search in measures"), required=False, max_length=200)
    area: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        label=_("Working group or area"), required=False, queryset=Body.objects.none(), empty_label=_("Any")
    )
    executor = OrganizationChoiceField(
        label=_("Executor"), required=False, queryset=Organization.objects.none(), empty_label=_("Any")
    )
    district: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("District"), required=False, queryset=Organization.objects.none(), empty_label=_("Any")
    )

    def __init__(self, *args: Any, areas: Any, executors: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "area", areas)
        limit_choices(self, "executor", executors)
        limit_choices(self, "district", districts)


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=_("Plan document"),
        help_text=_(
            "A DOCX or XLSX file with the plan table: number, measure, executors, execution period. "
            "A CSV file is read as Decidim's accountability results export."
        ),
    )
    plan = forms.CharField(
        label=_("Plan code"),
        max_length=50,
        help_text=_("The code of an existing plan to update it, or a new code to register a new plan."),
    )
    title = forms.CharField(label=_("Title of a new plan (Azerbaijani)"), required=False, max_length=1000)
    kind = forms.ChoiceField(
        label=_("Kind of a new plan"), choices=Plan.Kind.choices, initial=Plan.Kind.ACTION_PLAN
    )
    columns = forms.CharField(
        label=_("Columns, if the headers are not recognised"),
        required=False,
        max_length=200,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["columns"].help_text = _("For example: %(example)s") % {"example": mapping_example()}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise ValidationError(
                _("The file is larger than %(limit)d MB.") % {"limit": max_upload_bytes() // 2**20},
                code="too_large",
            )
        if not upload.name.lower().endswith((".docx", ".xlsx", ".csv")):
            raise ValidationError(
                _("Choose a .docx or .xlsx file, or a Decidim results .csv file."), code="file_type"
            )
        return upload

    def clean_columns(self) -> dict[str, int]:
        try:
            return parse_mapping(self.cleaned_data["columns"] or "")
        except ValueError as error:
            raise ValidationError(
                _("Cannot read “%(part)s”; write the columns as %(example)s.")
                % {"part": error, "example": mapping_example()},
                code="columns",
            ) from error


class ImportConfirmForm(forms.Form):
    """One choice per executor name the registry did not recognise; the candidates come first."""

    create_missing = forms.BooleanField(
        label=_("Create the executors I did not choose as new organisations"), required=False
    )

    def __init__(
        self,
        *args: Any,
        unmatched: list[tuple[str, list[tuple[int, str]]]],
        organizations: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everyone = [(organization.pk, organization.name) for organization in organizations]
        self.names: dict[str, str] = {}
        for index, (name, candidates) in enumerate(unmatched):
            key = f"executor_{index}"
            self.names[key] = name
            suggested = [(pk, f"{label} ({_('suggested')})") for pk, label in candidates]
            self.fields[key] = forms.TypedChoiceField(
                label=name,
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", _("Not chosen")), *suggested, *[(pk, label) for pk, label in everyone]],
            )

    def choices(self) -> dict[str, int]:
        return {
            self.names[key]: value for key, value in self.cleaned_data.items() if key in self.names and value
        }
