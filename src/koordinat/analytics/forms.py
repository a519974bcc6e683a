import calendar
import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koordinat.core.context_processors import LANGUAGE_NAMES
from koordinat.core.fields import IsoDateField


class PeriodForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
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
