"""Dates and moments are typed in the browser's own date and date-time inputs, and read as before."""

import datetime

import pytest
from django import forms

from koordinat.core.fields import IsoDateField, IsoDateTimeField


class DatesForm(forms.Form):
    day = IsoDateField()
    moment = IsoDateTimeField()


def test_a_date_is_a_date_input_holding_the_iso_date():
    html = str(DatesForm(initial={"day": datetime.date(2026, 3, 15)})["day"])
    assert 'type="date"' in html
    assert 'value="2026-03-15"' in html


def test_a_moment_is_a_datetime_local_input_holding_what_it_sends():
    html = str(DatesForm(initial={"moment": datetime.datetime(2026, 3, 15, 10, 0)})["moment"])
    assert 'type="datetime-local"' in html
    assert 'value="2026-03-15T10:00"' in html


@pytest.mark.parametrize("typed", ["2026-03-15T10:00", "2026-03-15 10:00"])
def test_a_moment_is_read_as_the_input_sends_it_and_as_people_type_it(typed):
    form = DatesForm({"day": "2026-03-15", "moment": typed})
    assert form.is_valid(), form.errors
    moment = form.cleaned_data["moment"]
    assert (moment.date(), moment.hour, moment.minute) == (datetime.date(2026, 3, 15), 10, 0)


def test_every_date_a_form_asks_for_is_a_date_input():
    """No form field takes a date in a text box: each is one of the two above."""
    import importlib

    for app in ("directory", "plans", "execution", "meetings", "analytics", "accounts"):
        module = importlib.import_module(f"koordinat.{app}.forms")
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm):
                for name, field in value.base_fields.items():
                    if isinstance(field, forms.DateField | forms.DateTimeField):
                        assert isinstance(field, IsoDateField | IsoDateTimeField), (value, name)
                        assert field.widget.input_type in ("date", "datetime-local"), (value, name)
