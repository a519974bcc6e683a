"""The shared register table and the rows it is drawn from."""

import datetime
import re

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from koordinat.core.rows import Rows, label_columns
from koordinat.core.tables import Column, Table, date_formatter, url_of_each
from koordinat.directory.models import Organization
from koordinat.directory.selectors import OrganizationFilters, organization_register


def test_a_table_escapes_text_keeps_safe_cells_and_marks_row_headers():
    table = Table(
        caption="2 rows <b>",
        columns=[
            Column("No.", lambda row: row[0], row_header=True),
            Column("Text", lambda row: row[1], classes=lambda row: f"depth-{row[0]}"),
            Column("Count", lambda row: row[2], numeric=True),
        ],
        rows=[(1, "Ağdam & <Şəki>", 3), (2, mark_safe("<em>kept</em>"), 0)],
        empty="none",
        row_classes=lambda row: "kd-section-row" if row[0] == 1 else "",
    )
    html = str(table)
    caption = re.search(
        r'<caption id="(caption-[0-9a-f]+)" class="govuk-table__caption govuk-table__caption--m">2 rows &lt;b&gt;</caption>',
        html,
    )
    assert caption
    assert html.startswith(
        f'<div class="kd-table-scroll" role="region" aria-labelledby="{caption.group(1)}" tabindex="0"><table '
    )
    assert html.endswith("</table></div>")
    assert (
        '<tr class="govuk-table__row kd-section-row"><th scope="row" class="govuk-table__header">1</th>'
        in html
    )
    assert '<td class="govuk-table__cell depth-1">Ağdam &amp; &lt;Şəki&gt;</td>' in html
    assert "<em>kept</em>" in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in html
    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Count</th>' in html
    assert "none" not in html


def test_a_template_table_scrolls_in_a_region_named_by_its_caption():
    def render(markup: str) -> str:
        return Template("{% load koordinat %}{% scrolling %}" + markup + "{% endscrolling %}").render(
            Context()
        )

    named = render('<table class="govuk-table"><caption id="own">Own</caption></table>')
    assert named == (
        '<div class="kd-table-scroll" role="region" aria-labelledby="own" tabindex="0">'
        '<table class="govuk-table"><caption id="own">Own</caption></table></div>'
    )
    made = render('<table class="govuk-table"><caption class="c">Items</caption></table>')
    caption_id = re.search(r'aria-labelledby="(caption-[0-9a-f]+)"', made).group(1)
    assert f'<caption id="{caption_id}" class="c">Items</caption>' in made
    assert made == render('<table class="govuk-table"><caption class="c">Items</caption></table>')
    other = render('<table class="govuk-table"><caption class="c">Others</caption></table>')
    assert caption_id not in other
    assert render("<table></table>") == '<div class="kd-table-scroll" tabindex="0"><table></table></div>'


def test_an_empty_table_says_so_across_all_its_columns():
    table = Table(caption="c", columns=[Column("a", str), Column("b", str)], rows=[], empty="No rows & none")
    assert '<td class="govuk-table__cell" colspan="2">No rows &amp; none</td>' in str(table)


@pytest.mark.parametrize("number", ["1", "1.2.3", "IV.a", "5 bis", "Ə.1"])
def test_a_url_reversed_once_matches_reverse_for_every_key(number):
    with translation.override("ru"):
        assert url_of_each("plans:measure", "PLAN-1")(number) == reverse(
            "plans:measure", args=["PLAN-1", number]
        )
        assert url_of_each("directory:organization")(42) == reverse("directory:organization", args=[42])


def test_label_columns_put_the_reader_language_first():
    with translation.override("ru"):
        assert label_columns("short_name", "name")[:4] == [
            "short_name_ru",
            "name_ru",
            "short_name_az",
            "name_az",
        ]
    with translation.override("en"):
        assert label_columns("name", prefix="body__")[:2] == ["body__name_en", "body__name_az"]


@pytest.mark.django_db
def test_register_rows_page_like_a_queryset_with_texts_in_the_reader_language(coordinator, make_organization):
    parent = make_organization("Nazirlik")
    child = make_organization("Agentlik", parent=parent)
    Organization.objects.filter(pk=parent.pk).update(short_name_az="NZ")
    with translation.override("ru"):
        rows = organization_register(user=coordinator, filters=OrganizationFilters(q="agentlik"))
        assert isinstance(rows, Rows)
        page = Paginator(rows, 10).get_page(1)
        assert page.paginator.count == 1
        [row] = list(page)
    assert row.pk == child.pk
    assert row.name == "Организация Agentlik"  # Russian, as the page is
    assert row.parent_name == "NZ"  # the parent's short name, from Azerbaijani when Russian has none


@pytest.mark.parametrize("language", ["az", "ru", "en"])
@pytest.mark.parametrize("name", ["DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT"])
def test_a_column_formats_dates_as_the_date_filter_does(language, name):
    # One formatter for every value, as a table has: month names and times of day it keeps must
    # not leak from one value into another.
    moments = [
        timezone.make_aware(datetime.datetime(2026, month, 8, hour, minute), datetime.UTC)
        for month, hour, minute in [(3, 21, 30), (5, 0, 0), (5, 12, 0), (9, 9, 5), (12, 11, 0), (3, 21, 31)]
    ]
    days = [datetime.date(2026, 1, 31), datetime.date(2026, 5, 1), datetime.date(2025, 1, 2)]
    with translation.override(language):
        formatted = date_formatter(name)
        for value in moments + ([] if name == "DATETIME_FORMAT" else days):
            assert formatted(value) == Template(f'{{{{ value|date:"{name}" }}}}').render(
                Context({"value": value})
            )
        assert formatted(None) == ""
