"""The open-data files linked from the portal, reached by following links from its home page in three
languages as the public and as staff: every one is there, answers 200, and holds none of the planted
markers of what must stay internal, nor an e-mail address."""

import pytest
from django.urls import reverse
from django.utils import translation

from koordinat.opendata import registry
from tests.crawl import EMAIL
from tests.portal.test_crawl import crawl_portal

from .conftest import SECRETS


@pytest.mark.parametrize("language", ["az", "ru", "en"])
@pytest.mark.parametrize("role", ["anonymous", "executor", "coordinator"])
def test_every_open_data_file_is_linked_from_the_portal_and_leaks_nothing(
    client, request, portal, language, role
):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    pages = crawl_portal(client, language)
    with translation.override(language):
        expected = {reverse("opendata:index"), reverse("opendata:datapackage"), reverse("opendata:feed")}
        expected |= {
            reverse("opendata:popolo"),
            reverse("opendata:plan_datapackage", args=[portal.plan.code]),
        }
        for dataset in registry.datasets():
            for kind in ("csv", "xlsx", "json"):
                expected.add(reverse("opendata:file", args=[dataset.name, kind]))
                if dataset.scope == "plan":
                    expected.add(reverse("opendata:plan_file", args=[portal.plan.code, dataset.name, kind]))
    assert expected <= set(pages), sorted(expected - set(pages))
    for path in expected:
        status, found = pages[path]
        assert status == 200, path
        assert found, f"{path} is empty"
        leaked = [name for name, marker in SECRETS.items() if marker.lower() in found.lower()]
        assert not leaked, f"{path} shows {leaked}"
        assert not EMAIL.search(found), f"{path} shows an e-mail address"
