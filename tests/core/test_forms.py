"""The renderer writes selects in Python: the same markup Django's templates write."""

import re

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting

from koordinat.core.forms import GovukFormRenderer

SELECT = "django/forms/widgets/select.html"


class ChoicesForm(forms.Form):
    single = forms.ChoiceField(
        required=False,
        choices=[("", "— any —"), ("x", "X & <y>"), ("Qrup", [("1", "bir"), ("2", 'iki "2"')])],
    )
    several = forms.MultipleChoiceField(choices=[(1, "Şəki"), (2, "Ağdam")])


def normalised(html: str) -> str:
    return re.sub(r"\s*\n\s*", "\n", html).strip()


@pytest.mark.parametrize("name", ["single", "several"])
def test_a_select_is_written_as_djangos_templates_write_it(name):
    form = ChoicesForm({"single": "x", "several": ["2"]})
    field = form[name]
    attrs = {"id": f"id_{name}", "class": "govuk-select", "disabled": False, "required": True}
    context = field.field.widget.get_context(field.html_name, field.value(), attrs)
    fast = GovukFormRenderer().render(SELECT, context)
    assert normalised(fast) == normalised(TemplatesSetting().render(SELECT, context))
    assert "&lt;y&gt;" in fast or name == "several"


def test_an_option_with_a_template_of_its_own_is_left_to_it():
    class Marked(forms.Select):
        option_template_name = "forms/govuk_field.html"

    context = Marked(choices=[("a", "A")]).get_context("marked", "a", {})
    assert GovukFormRenderer().render(SELECT, context) == TemplatesSetting().render(SELECT, context)
