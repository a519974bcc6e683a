from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


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


class AtRiskFilterForm(forms.Form):
    plan = forms.TypedChoiceField(label=_("Plan"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, plans: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].choices = [("", _("Every plan and instruction")), *plans]  # type: ignore[attr-defined]
