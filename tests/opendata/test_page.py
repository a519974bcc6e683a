"""The open-data page lists every dataset with its formats, addresses, columns, licence and "as of"
time, and the descriptors and feeds, in three languages; the portal links to it from its home page,
menu and footer."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from koordinat.opendata import registry

HEADINGS = {"az": "Açıq məlumatlar", "ru": "Открытые данные", "en": "Open data"}


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_the_page_lists_every_dataset_and_file(client, portal, language):
    with translation.override(language):
        url = reverse("opendata:index")
        files = [
            reverse("opendata:file", args=[each.name, kind])
            for each in registry.datasets()
            for kind in ("csv", "xlsx", "json")
        ]
        others = [reverse("opendata:datapackage"), reverse("opendata:feed"), reverse("opendata:popolo")]
        titles = [str(each.title) for each in registry.datasets()]
        columns = [field.name for each in registry.datasets() for field in each.fields]
    html = client.get(url).content.decode()
    assert f'<h1 class="govuk-heading-xl">{HEADINGS[language]}</h1>' in html
    for address in [*files, *others]:
        assert f'href="{address}"' in html, address
    for text in [*titles, *columns, "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"]:
        assert escape(text) in html, text
    assert html.count('<div class="govuk-summary-card"') == len(registry.datasets())


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_the_portal_links_to_open_data(client, portal, language):
    with translation.override(language):
        index = reverse("opendata:index")
        home = reverse("portal:home")
        plan = reverse("portal:plan", args=[portal.plan.code])
        measure = reverse("portal:measure", args=[portal.plan.code, "1.1"])
        plan_csv = reverse("opendata:plan_file", args=[portal.plan.code, "measures", "csv"])
    html = client.get(home).content.decode()
    assert html.count(f'href="{index}"') == 3  # menu, home page section and footer
    for page in (plan, measure):
        assert f'href="{plan_csv}"' in client.get(page).content.decode()


def test_the_page_is_cached_and_revalidated(client, portal):
    first = client.get(reverse("opendata:index"))
    assert "public" in first["Cache-Control"]
    assert client.get(reverse("opendata:index"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
