"""A view's service call: a refusal goes onto the form that asked, success runs the rest of the block."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError

from koordinat.core.views import service_errors_on


class TitleForm(forms.Form):
    title = forms.CharField()


def valid_form() -> TitleForm:
    form = TitleForm({"title": "Plan"})
    assert form.is_valid()
    return form


def answer(form: TitleForm, service) -> str:
    """A view's shape: call the service, answer with its result, or show the form again."""
    with service_errors_on(form):
        result = service()
        return f"redirect to {result}"
    return "form shown again"


def refuse(error: ValidationError):
    def service():
        raise error

    return service


def test_success_runs_the_rest_of_the_block_with_the_result():
    form = valid_form()
    assert answer(form, lambda: "plan 7") == "redirect to plan 7"
    assert not form.errors


def test_an_error_on_a_field_goes_to_that_field():
    form = valid_form()
    assert answer(form, refuse(ValidationError({"title": "This code is taken."}))) == "form shown again"
    assert form.errors == {"title": ["This code is taken."]}
    assert not form.non_field_errors()


def test_an_error_without_a_field_goes_above_the_form():
    form = valid_form()
    assert answer(form, refuse(ValidationError(["Too late.", "Closed."]))) == "form shown again"
    assert form.non_field_errors() == ["Too late.", "Closed."]
    assert "title" not in form.errors


def test_an_error_on_a_field_the_form_does_not_have_goes_above_the_form():
    form = valid_form()
    answer(form, refuse(ValidationError({"title": "Taken.", "period_end": "Before the start."})))
    assert form.errors["title"] == ["Taken."]
    assert form.non_field_errors() == ["Before the start."]


def test_other_refusals_are_not_turned_into_form_errors():
    form = valid_form()

    def forbidden():
        raise PermissionDenied

    with pytest.raises(PermissionDenied):
        answer(form, forbidden)
    assert not form.errors
