"""One way to draw breadcrumbs: the {% breadcrumbs %} and {% crumb %} tags and includes/breadcrumbs.html."""

from pathlib import Path

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils import translation

import koordinat

TEMPLATES = Path(koordinat.__file__).parent / "templates"


def render(source: str, **context: object) -> str:
    request = RequestFactory().get("/")
    with translation.override("en"):
        return Template("{% load i18n koordinat %}" + source).render(Context({"request": request, **context}))


def squeeze(html: str) -> str:
    return " ".join(html.split()).replace("> <", "><")


class Thing:
    def __init__(self, url: str, name: str) -> None:
        self.url, self.name = url, name

    def get_absolute_url(self) -> str:
        return self.url


def test_a_trail_of_url_names_values_and_the_current_page():
    html = render(
        "{% breadcrumbs %}"
        '{% crumb "plans:plans" %}{% translate "Plans" %}{% endcrumb %}'
        "{% crumb plan.get_absolute_url %}{{ plan.name }}{% endcrumb %}"
        '{% crumb "execution:plan_cycles" plan.name %}Cycles{% endcrumb %}'
        "{% if missing %}{% crumb '/never/' %}Never{% endcrumb %}{% endif %}"
        "{% crumb %} <b>{{ current }}</b> {% endcrumb %}"
        "{% endbreadcrumbs %}",
        plan=Thing("/en/plans/P&1/", "P-1"),
        current="A < B",
    )
    assert squeeze(html) == (
        '<nav class="govuk-breadcrumbs" aria-label="Breadcrumb"><ol class="govuk-breadcrumbs__list">'
        '<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/en/plans/">Plans</a></li>'
        '<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/en/plans/P&amp;1/">P-1</a></li>'
        '<li class="govuk-breadcrumbs__list-item"><a class="govuk-breadcrumbs__link" href="/en/control/plans/P-1/cycles/">Cycles</a></li>'
        '<li class="govuk-breadcrumbs__list-item" aria-current="page"><b>A &lt; B</b></li>'
        "</ol></nav>"
    )


def test_a_query_is_added_only_when_it_has_a_value():
    source = '{% breadcrumbs %}{% crumb "meetings:meetings" query body=body %}Meetings{% endcrumb %}{% endbreadcrumbs %}'
    assert 'href="/en/meetings/?body=7"' in render(source, body=7)
    assert 'href="/en/meetings/"' in render(source, body=None)


def test_no_crumb_draws_nothing():
    assert (
        render("{% breadcrumbs %}{% if no %}{% crumb %}x{% endcrumb %}{% endif %}{% endbreadcrumbs %}") == ""
    )


def test_a_crumb_outside_breadcrumbs_is_an_error():
    with pytest.raises(TemplateSyntaxError):
        render("{% crumb %}x{% endcrumb %}")


def test_no_page_writes_the_breadcrumbs_markup_itself():
    writers = [
        path.relative_to(TEMPLATES).as_posix()
        for path in TEMPLATES.rglob("*.html")
        if "govuk-breadcrumbs" in path.read_text(encoding="utf-8")
    ]
    assert writers == ["includes/breadcrumbs.html"]
