"""Popolo JSON: organisations, posts and memberships of public bodies with Popolo's own field names,
every reference resolved, and no person, contact detail or staff member."""

import json

from django.urls import reverse

from koordinat.directory import services as directory_services
from tests.conftest import texts

from .conftest import SECRETS
from .files import body

# The properties the Popolo specification gives each class (https://www.popoloproject.com/specs/).
ORGANIZATION = {
    "id", "name", "other_names", "identifiers", "classification", "parent_id", "area_id",
    "abstract", "description", "founding_date", "dissolution_date", "image", "contact_details",
    "links", "sources", "created_at", "updated_at",
}  # fmt: skip
POST = {"id", "label", "other_label", "role", "organization_id", "area_id", "start_date", "end_date", "links"}
MEMBERSHIP = {
    "id", "label", "role", "member", "person_id", "organization_id", "post_id", "on_behalf_of_id",
    "area_id", "start_date", "end_date", "contact_details", "links", "sources",
}  # fmt: skip


def document(client, language="az"):
    response = client.get(f"/{language}/portal/data/popolo.json")
    assert response.status_code == 200
    return json.loads(body(response))


def test_popolo_uses_popolos_field_names_and_resolves_every_reference(client, portal):
    popolo = document(client)
    assert set(popolo) == {"meta", "persons", "organizations", "posts", "memberships"}
    organizations = {each["id"]: each for each in popolo["organizations"]}
    posts = {each["id"]: each for each in popolo["posts"]}
    for each in popolo["organizations"]:
        assert set(each) <= ORGANIZATION
        assert each["name"]
    for each in popolo["posts"]:
        assert set(each) <= POST
        assert each["organization_id"] in organizations
    for each in popolo["memberships"]:
        assert set(each) <= MEMBERSHIP
        assert each["organization_id"] in organizations
        assert each["post_id"] in posts
        assert each["member"]["@type"] == "Organization"
        assert each["member"]["id"] in organizations
    assert len(organizations) == len(popolo["organizations"])  # each once


def test_popolo_has_the_public_body_and_its_member_organisations(client, portal):
    popolo = document(client, "en")
    council = next(each for each in popolo["organizations"] if each["classification"] == "public_council")
    assert council["name"] == "Ağdam public council"
    members = [
        each["member"]["id"] for each in popolo["memberships"] if each["organization_id"] == council["id"]
    ]
    assert members == [f"organization/{portal.civil_society.pk}"]  # the council's member organisation


def test_popolo_names_no_one_and_no_internal_body(client, portal, coordinator, center):
    directory_services.body_create(
        actor=coordinator,
        kind="working_group",
        name=texts("Daxili işçi qrupu QXINTERNALBODYMARKER"),
        members=[portal.staff],
        member_organizations=[center],
        is_public=False,
    )
    text = body(client.get(reverse("opendata:popolo"))).decode()
    popolo = json.loads(text)
    assert popolo["persons"] == []
    assert not [each for each in popolo["memberships"] if "person_id" in each]
    assert "QXINTERNALBODYMARKER" not in text
    assert not [name for name, marker in SECRETS.items() if marker.lower() in text.lower()]
    assert "contact_details" not in text
