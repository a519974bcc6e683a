"""The renderer writes selects in Python: the same markup Django's templates write."""

import re

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import translation

from koordinat.core.fields import OptionChoiceField, OptionSelect, limit_choices
from koordinat.core.forms import GovukFormRenderer
from koordinat.directory.models import Organization

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


FIELD = "forms/govuk_field.html"


class FieldsForm(forms.Form):
    name = forms.CharField(label="Ad & soyad", help_text="Tam <b>ad</b>", max_length=5)
    kind = forms.ChoiceField(label="Növ", choices=[("a", "A"), ("b", "B")])
    agreed = forms.BooleanField(label="Razıyam")


@pytest.mark.parametrize("data", [{}, {"name": "çox uzun ad", "kind": "z"}])
@pytest.mark.parametrize("name", ["name", "kind"])
def test_a_field_of_one_input_is_written_as_the_field_template_writes_it(name, data):
    form = FieldsForm(data or None)
    form.is_valid()
    context = {"field": form[name]}
    fast = GovukFormRenderer().render(FIELD, context)
    assert normalised(fast) == normalised(TemplatesSetting().render(FIELD, context))
    assert ("govuk-form-group--error" in fast) == bool(data)


def test_a_checkbox_keeps_the_field_template():
    context = {"field": FieldsForm()["agreed"]}
    assert GovukFormRenderer().render(FIELD, context) == TemplatesSetting().render(FIELD, context)


class BodyFilter(forms.Form):
    organisation = OptionChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        empty_label="Any",
        label_fields=("short_name", "name"),
    )


@pytest.mark.django_db
def test_an_option_field_reads_its_options_once_as_labels_in_the_page_language(
    ministry, other_ministry, django_assert_num_queries
):
    Organization.objects.filter(pk=ministry.pk).update(short_name_ru="Минэкологии", short_name_az="ETSN")
    form = BodyFilter({"organisation": str(other_ministry.pk)})
    limit_choices(form, "organisation", Organization.objects.order_by("pk"))
    assert form.is_valid()
    assert form.cleaned_data["organisation"] == other_ministry
    with translation.override("ru"), django_assert_num_queries(1):
        first, second = str(form["organisation"]), str(form["organisation"])
    assert first == second
    assert ">Минэкологии</option>" in first  # the short name in the reader's language first
    assert f'<option value="{other_ministry.pk}" selected>{other_ministry.name_ru}</option>' in first
    with translation.override("en"):
        assert ">ETSN</option>" not in str(BodyFilter()["organisation"])  # none offered before the limit


@pytest.mark.parametrize("value", [None, "2", "x"])
def test_an_option_select_is_written_as_djangos_select(value):
    choices = [("", "Any"), (1, "Ağdam & <Şəki>"), (2, 'iki "2"'), (3, "üç")]
    fast, plain = OptionSelect(choices=choices), forms.Select(choices=choices)
    attrs = {"id": "id_x", "class": "govuk-select"}
    renderer = GovukFormRenderer()
    assert normalised(fast.render("x", value, attrs, renderer)) == normalised(
        plain.render("x", value, attrs, renderer)
    )


INPUT_WIDGETS = [
    forms.TextInput(attrs={"lang": "az", "class": "govuk-input"}),
    forms.NumberInput(attrs={"min": 0}),
    forms.HiddenInput(),
    forms.PasswordInput(render_value=True),
    forms.DateInput(format="%Y-%m-%d"),
    forms.EmailInput(attrs={"required": True, "disabled": False}),
]


@pytest.mark.parametrize("widget", INPUT_WIDGETS, ids=lambda widget: type(widget).__name__)
@pytest.mark.parametrize("value", [None, "", 'Ağdam & <"Şəki">', 7])
def test_an_input_is_written_as_djangos_templates_write_it(widget, value):
    context = widget.get_context("x", value, {"id": "id_x"})
    fast = GovukFormRenderer().render(widget.template_name, context)
    assert fast == TemplatesSetting().render(widget.template_name, context)


class WholeForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label="Ad", max_length=5)
    kind = forms.ChoiceField(label="Növ", choices=[("a", "A & B")])

    def clean(self):
        raise forms.ValidationError("Hər şey <səhv>")


@pytest.mark.parametrize("data", [None, {"name": "çox uzun ad", "kind": "a", "version": "x"}])
@pytest.mark.parametrize("prefix", [None, "first"])
def test_a_form_is_written_as_the_form_template_writes_it(data, prefix):
    form = WholeForm(data, prefix=prefix)
    form.is_valid()
    context = form.get_context()
    fast = GovukFormRenderer().render(GovukFormRenderer.form_template_name, context)
    assert fast == TemplatesSetting().render(GovukFormRenderer.form_template_name, context)
    assert ("&lt;səhv&gt;" in fast) == bool(data)


def test_an_empty_error_list_is_written_as_nothing_and_a_full_one_by_its_template():
    form = WholeForm({"name": "ad", "kind": "a", "version": "1"})
    form.is_valid()
    assert str(form["name"].errors) == ""
    assert str(form.non_field_errors()) == '<ul class="errorlist nonfield"><li>Hər şey &lt;səhv&gt;</li></ul>'
