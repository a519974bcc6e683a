import calendar
import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koordinat.core.context_processors import LANGUAGE_NAMES
from koordinat.core.fields import IsoDateField, OptionChoiceField, limit_choices
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


PERIODS = [
    ("q1", _("First quarter")),
    ("q2", _("Second quarter")),
    ("q3", _("Third quarter")),
    ("q4", _("Fourth quarter")),
    ("h1", _("First half-year")),
    ("h2", _("Second half-year")),
    ("year", _("Whole year")),
    ("dates", _("The dates below")),
]
# (first month, last month) of each named period of a year
PERIOD_MONTHS = {
    "q1": (1, 3),
    "q2": (4, 6),
    "q3": (7, 9),
    "q4": (10, 12),
    "h1": (1, 6),
    "h2": (7, 12),
    "year": (1, 12),
}


def last_finished_quarter(today: datetime.date) -> tuple[int, str]:
    quarter = (today.month - 1) // 3  # the one before the current quarter, 0 meaning last year's fourth
    return (today.year, f"q{quarter}") if quarter else (today.year - 1, "q4")


class OfficialReportForm(forms.Form):
    """The period (a quarter, a half-year or a year of a given year, or two dates), the language and
    the format of an official execution report; the service checks the period against the plan."""

    period = forms.ChoiceField(label=_("Period"), choices=PERIODS)
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
    )
    start = IsoDateField(label=_("From"), required=False, help_text=_("For dates: for example 2026-01-01."))
    end = IsoDateField(label=_("Until"), required=False, help_text=_("For dates: for example 2026-03-31."))
    language = forms.ChoiceField(
        label=_("Language"), choices=list(LANGUAGE_NAMES.items()), widget=forms.RadioSelect
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=[("pdf", "PDF"), ("docx", "DOCX (Word)")], widget=forms.RadioSelect
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        period = data.get("period")
        if period == "dates":
            start, end = data.get("start"), data.get("end")
            if start is None and "start" not in self.errors:
                self.add_error("start", _("Give the first day of the period."))
            if end is None and "end" not in self.errors:
                self.add_error("end", _("Give the last day of the period."))
            if start and end and end < start:
                self.add_error("end", _("The period cannot end before it starts."))
            data["period_start"], data["period_end"] = start, end
        elif period in PERIOD_MONTHS:
            year = data.get("year")
            if year is None:
                if "year" not in self.errors:
                    self.add_error("year", _("Give the year of the period."))
                return data
            first, last = PERIOD_MONTHS[period]
            data["period_start"] = datetime.date(year, first, 1)
            data["period_end"] = datetime.date(year, last, calendar.monthrange(year, last)[1])
        return data
