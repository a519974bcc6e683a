"""Search ignores case, Azerbaijani letters and Russian ё/е: people type "seher" for "şəhər"."""

import pytest
from django.urls import reverse

from koordinat.portal import selectors


@pytest.mark.parametrize(
    ("typed", "finds"),
    [
        ("seher", "1.1"),  # şəhər
        ("SƏHƏR", "1.1"),
        ("agdam", "1.1"),  # Ağdam
        ("AĞDAM", "1.1"),
        ("елок", "1.2"),  # ёлок
        ("ЁЛОК", "1.2"),
        ("meşe zolagi", "1.2"),
    ],
)
def test_measures_are_found_without_their_letters(portal, typed, finds):
    found = selectors.search(q=typed)
    assert finds in [row.number for row in found.measures]


def test_plans_organisations_and_districts_are_found_too(portal, ministry):
    found = selectors.search(q="agdam")
    assert [plan.code for plan in found.plans] == [portal.plan.code]
    assert [district.pk for district in found.districts] == [portal.district.pk]
    assert [organization.pk for organization in selectors.search(q="ekologiya ve tebii").organizations] == [
        ministry.pk
    ]


def test_what_was_not_published_is_never_found(portal, make_organization):
    make_organization("Ağdam Gizli Qurum")  # executes nothing published
    found = selectors.search(q="gizli")
    assert found.total == 0
    assert selectors.search(q="agdam qurum").organizations == []


def test_the_search_page_finds_a_plan_typed_in_plain_latin_letters(client, portal):
    response = client.get(reverse("portal:search"), {"q": "agdam seherinde"})
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("portal:measure", args=[portal.plan.code, "1.1"]) in html


def test_a_search_too_long_is_refused_with_a_message(client, portal):
    response = client.get(reverse("portal:search").replace("/az/", "/en/"), {"q": "x" * 201})
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
