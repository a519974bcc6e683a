from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koordinat.core.fields import OptionChoiceField, limit_choices
from koordinat.directory.models import Body, Organization
from koordinat.directory.selectors import BODY_CHOICES
from koordinat.places.models import District

from . import periods


class PeriodForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
    )
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Whole year")), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )

    def period(self, *, default_year: int) -> periods.Period:
        """The year or quarter asked for; the current year when none is (or the form has errors)."""
        year, quarter = default_year, None
        if self.is_bound and self.is_valid():
            year = self.cleaned_data["year"] or default_year
            quarter = self.cleaned_data["quarter"]
        return periods.quarter(year, quarter) if quarter else periods.year(year)


class DashboardForm(PeriodForm):
    """A dashboard's period and, except on a plan's own, the plan it is narrowed to."""

    plan = forms.TypedChoiceField(label=_("Plan"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, plans: list[tuple[int, str]] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plans is None:
            del self.fields["plan"]
        else:
            plan = self.fields["plan"]
            assert isinstance(plan, forms.TypedChoiceField)
            plan.choices = [("", _("Every plan")), *plans]

    def plan_id(self) -> int | None:
        if "plan" in self.fields and self.is_bound and self.is_valid():
            chosen: int | None = self.cleaned_data["plan"]
            return chosen
        return None


class ComparisonForm(PeriodForm):
    by = forms.ChoiceField(
        label=_("Compare"),
        required=False,
        choices=[("organization", _("Executing organisations")), ("body", _("Areas of collegial bodies"))],
    )


class DashboardChoiceForm(forms.Form):
    """Which body's, organisation's or district's dashboard to open."""

    body = OptionChoiceField(
        label=_("Collegial body"), required=False, queryset=Body.objects.none(), empty_label=_("Choose")
    )
    organization = OptionChoiceField(
        label=_("Executing organisation"),
        required=False,
        queryset=Organization.objects.none(),
        empty_label=_("Choose"),
        label_fields=("short_name", "name"),
    )
    district = OptionChoiceField(
        label=_("District"), required=False, queryset=District.objects.none(), empty_label=_("Choose")
    )

    def __init__(self, *args: Any, bodies: Any, organizations: Any, districts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, "body", bodies, cached_as=BODY_CHOICES)
        limit_choices(self, "organization", organizations)
        limit_choices(self, "district", districts)


class AtRiskFilterForm(forms.Form):
    plan = forms.TypedChoiceField(label=_("Plan"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, plans: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", _("Every plan and instruction")), *plans]  # type: ignore[attr-defined]
