"""Pickers of the registry: the search people and organisations are chosen with, with and without
JavaScript, for every role that signs in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from koordinat.directory import selectors, services
from koordinat.directory.models import Body
from tests.conftest import texts

SIGNED_IN = ["coordinator", "executor", "observer", "other_executor"]


@pytest.fixture
def residents(coordinator, ministry):
    """People whose names need Azerbaijani and Russian letters."""

    def person(last, first, last_ru=""):
        return services.person_create(
            actor=coordinator,
            last_name=texts(last, last_ru),
            first_name=texts(first),
            organization=ministry,
            position=texts("baş məsləhətçi"),
        )

    return {
        "sehriyar": person("Şəhriyarlı", "Ağa"),
        "ismayil": person("İsmayılov", "Əli"),
        "alyona": person("Qasımova", "Alyona", "Фёдорова"),
    }


def search(client, name, q):
    return client.get(reverse(name), {"q": q})


@pytest.mark.parametrize("name", ["directory:person_search", "directory:organization_search"])
def test_anonymous_visitors_get_no_names(client, residents, name):
    response = search(client, name, "seh")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "Şəhriyarlı" not in response.content.decode()


@pytest.mark.parametrize("role", SIGNED_IN)
@pytest.mark.parametrize(
    ("typed", "found"),
    [("sehriyar", "sehriyar"), ("SƏHRİYAR", "sehriyar"), ("ismayil", "ismayil"), ("федоров", "alyona")],
)
def test_people_are_found_whatever_letters_are_typed(client, request, residents, role, typed, found):
    client.force_login(request.getfixturevalue(role))
    response = search(client, "directory:person_search", typed)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    values = [row["value"] for row in response.json()["results"]]
    assert values == [str(residents[found].pk)]


def test_each_word_typed_must_match(client, coordinator, residents):
    client.force_login(coordinator)
    assert (
        search(client, "directory:person_search", "aga sehr")
        .json()["results"][0]["label"]
        .startswith("Şəhriyarlı")
    )
    assert search(client, "directory:person_search", "aga ismayil").json()["results"] == []
    assert search(client, "directory:person_search", "   ").json()["results"] == []


def test_a_person_found_says_where_they_work(client, coordinator, residents, ministry):
    client.force_login(coordinator)
    (row,) = search(client, "directory:person_search", "ismayil").json()["results"]
    assert row["label"] == "İsmayılov Əli"
    assert row["hint"] == f"baş məsləhətçi, {ministry.display_short_name}"


def test_organisations_are_found_by_any_of_their_names(client, executor, make_organization):
    agdam = make_organization("Ağdam rayon İcra Hakimiyyəti", kind="local_executive_authority")
    make_organization("Şəki rayon İcra Hakimiyyəti", kind="local_executive_authority")
    client.force_login(executor)
    rows = search(client, "directory:organization_search", "agdam icra").json()["results"]
    assert [row["value"] for row in rows] == [str(agdam.pk)]
    rows = search(client, "directory:organization_search", "organisation agdam").json()["results"]
    assert [row["value"] for row in rows] == [str(agdam.pk)]


def test_abolished_organisations_are_not_offered(client, coordinator, make_organization):
    old = make_organization("Köhnə Agentlik")
    services.organization_abolish(
        actor=coordinator, organization=old, on=old.created_at.date(), version=old.version
    )
    client.force_login(coordinator)
    assert search(client, "directory:organization_search", "kohne").json()["results"] == []


def test_no_more_than_the_limit_is_answered(client, coordinator, ministry):
    for number in range(selectors.PICK_LIMIT + 5):
        services.person_create(
            actor=coordinator, last_name=texts(f"Əhmədov{number:02d}"), first_name=texts("Vüqar")
        )
    client.force_login(coordinator)
    rows = search(client, "directory:person_search", "ehmedov").json()["results"]
    assert len(rows) == selectors.PICK_LIMIT
    assert rows[0]["label"].startswith("Əhmədov00")  # by name, the first ones


def test_the_search_costs_the_same_however_many_match(
    client, coordinator, ministry, django_assert_num_queries
):
    client.force_login(coordinator)
    client.get(reverse("directory:person_search"), {"q": "x"})  # the session is read once warm

    def add(count, start):
        for number in range(start, start + count):
            services.person_create(
                actor=coordinator,
                last_name=texts(f"Vəliyev{number:03d}"),
                first_name=texts("Orxan"),
                organization=ministry,
                position=texts("məsləhətçi"),
            )

    add(2, 0)
    with CaptureQueriesContext(connection) as few:
        search(client, "directory:person_search", "veliyev")
    assert len(few.captured_queries) <= 4  # at most: session, user, the people, their positions
    add(40, 2)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(search(client, "directory:person_search", "veliyev").json()["results"]) == 20


# Without JavaScript: the body's page searches people by submitting the form as typed -------------


@pytest.fixture
def working_group(coordinator, ministry, residents):
    chair = residents["ismayil"]
    return services.body_create(
        actor=coordinator,
        kind="working_group",
        name=texts("Ətraf mühit üzrə işçi qrup"),
        chair=chair,
        members=[chair],
        member_organizations=[ministry],
    )


def body_post(body: Body, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": body.kind,
        "name_az": body.name_az,
        "chair": str(body.chair_id or ""),
        "secretary": "",
        "member_organizations": [str(pk) for pk in body.member_organizations.values_list("pk", flat=True)],
        "members": [str(pk) for pk in body.members.values_list("pk", flat=True)],
        "version": str(body.version),
    }
    data.update(overrides)
    return data


def test_the_body_form_shows_pickers_not_twenty_thousand_options(
    client, coordinator, working_group, residents
):
    client.force_login(coordinator)
    page = client.get(reverse("directory:body_edit", args=[working_group.pk])).content.decode()
    assert 'data-picker="people"' in page
    assert 'name="members_q"' in page
    assert 'name="secretary_q"' in page
    # Only the people chosen are drawn: the chair and member, not everyone in the registry.
    assert "İsmayılov Əli" in page
    assert "Şəhriyarlı" not in page


def test_searching_for_a_member_keeps_what_was_typed_and_saves_nothing(
    client, coordinator, working_group, residents
):
    client.force_login(coordinator)
    url = reverse("directory:body_edit", args=[working_group.pk])
    response = client.post(
        url,
        body_post(
            working_group,
            name_az="Yeni ad, hələ yadda saxlanmayıb",
            members_q="sehriyar",
            _picker_search="members",
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Yeni ad, hələ yadda saxlanmayıb" in page
    assert "Şəhriyarlı Ağa — baş məsləhətçi" in page  # offered, not chosen
    assert "govuk-error-summary" not in page
    working_group.refresh_from_db()
    assert working_group.name_az == "Ətraf mühit üzrə işçi qrup"

    members = [str(residents["ismayil"].pk), str(residents["sehriyar"].pk)]
    assert client.post(url, body_post(working_group, members=members)).status_code == 302
    assert set(working_group.members.all()) == {residents["ismayil"], residents["sehriyar"]}


def test_a_search_that_finds_nobody_says_so(client, coordinator, working_group):
    client.force_login(coordinator)
    response = client.post(
        reverse("directory:body_edit", args=[working_group.pk]),
        body_post(working_group, secretary_q="zzzz", _picker_search="secretary"),
    )
    assert response.status_code == 200
    assert "Heç kim tapılmadı" in response.content.decode()


def test_a_search_cannot_be_used_to_save(client, executor, working_group):
    """The search button is not a way round the permission: an executor still may not edit the body."""
    client.force_login(executor)
    response = client.post(
        reverse("directory:body_edit", args=[working_group.pk]),
        body_post(working_group, members_q="x", _picker_search="members"),
    )
    assert response.status_code == 403


def test_organisation_choices_are_pickers(client, coordinator, ministry):
    client.force_login(coordinator)
    page = client.get(reverse("directory:organization_edit", args=[ministry.pk])).content.decode()
    assert 'id="id_parent"' in page
    assert 'data-picker="options"' in page
