"""The Atom feed (RFC 4287): a valid feed of newly published plans and measures' public entries, in
the address's language, with nothing that was not published."""

from xml.etree import ElementTree as ET

import pytest
from django.urls import reverse

from .conftest import PUBLIC_SUMMARY_AZ, PUBLIC_SUMMARY_EN, SECRETS
from .files import body

A = "{http://www.w3.org/2005/Atom}"


def parsed(client, language: str) -> ET.Element:
    response = client.get(f"/{language}/portal/data/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(body(response))


def _check_required(element: ET.Element, *names: str) -> None:
    for name in names:
        found = element.find(A + name)
        assert found is not None, f"{element.tag} has no {name}"
        assert found.text or found.attrib or len(found), f"{element.tag} has an empty {name}"


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_the_feed_is_valid_atom(client, portal, language):
    feed = parsed(client, language)
    assert feed.tag == A + "feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    _check_required(feed, "id", "title", "updated", "author")
    assert feed.find(f"{A}author/{A}name").text
    rels = {link.get("rel"): link.get("href") for link in feed.findall(A + "link")}
    assert rels["self"] == f"http://testserver/{language}/portal/data/feed.atom"
    assert rels["alternate"] == f"http://testserver/{language}/portal/"
    entries = feed.findall(A + "entry")
    ids = [entry.find(A + "id").text for entry in entries]
    assert len(ids) == len(set(ids)) == 2
    for entry in entries:
        _check_required(entry, "id", "title", "updated", "link")
        assert entry.find(A + "id").text.startswith("tag:testserver,2026:")
        assert entry.find(A + "link").get("href").startswith(f"http://testserver/{language}/portal/plans/")
    updated = [entry.find(A + "updated").text for entry in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.find(A + "updated").text == updated[0]


def test_the_feed_announces_the_plan_and_the_public_entry_in_its_language(client, portal):
    english = parsed(client, "en")
    titles = [entry.find(A + "title").text for entry in english.findall(A + "entry")]
    assert "Plan published: Restoring Ağdam town" in titles
    assert "PUB-1, measure 1.1: in progress" in titles
    summaries = " ".join(entry.find(A + "summary").text for entry in english.findall(A + "entry"))
    assert PUBLIC_SUMMARY_EN in summaries
    russian = parsed(client, "ru")
    summaries = " ".join(entry.find(A + "summary").text for entry in russian.findall(A + "entry"))
    assert PUBLIC_SUMMARY_AZ not in summaries  # no Russian summary: it says so, never shows another
    assert "только" in summaries


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_nothing_unpublished_is_in_the_feed(client, portal, language):
    text = body(client.get(f"/{language}/portal/data/feed.atom")).decode()
    assert not [name for name, marker in SECRETS.items() if marker.lower() in text.lower()]
    assert portal.internal_plan.code not in text
    assert f"measure/{portal.plan.code}/{portal.plain_measure.pk}" not in text  # no public entry


def test_portal_pages_announce_the_feed(client, portal):
    for url in [reverse("portal:home"), reverse("portal:plan", args=[portal.plan.code])]:
        html = client.get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml" href="/az/portal/data/feed.atom"' in html
