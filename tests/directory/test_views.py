"""Every registry page for every role: anonymous, other organisation, own organisation, coordinator, admin."""

import pytest
from django.urls import reverse

from koordinat.core.models import AuditEvent
from koordinat.directory import services
from koordinat.directory.models import Body, Organization, Person
from tests.conftest import texts


def organization_post(organization: Organization, **overrides: str) -> dict[str, str]:
    data = {
        "kind": organization.kind,
        "name_az": organization.name_az,
        "name_ru": organization.name_ru or "",
        "name_en": organization.name_en or "",
        "country": organization.country,
        "parent": str(organization.parent_id or ""),
        "version": str(organization.version),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    "name",
    ["directory:organizations", "directory:people", "directory:bodies", "directory:organization_create"],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, name, db):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_anonymous_cannot_see_an_organisation(client, ministry):
    response = client.get(reverse("directory:organization", args=[ministry.pk]))
    assert response.status_code == 302


def test_executor_of_another_organisation_gets_403_when_editing(client, other_executor, ministry):
    client.force_login(other_executor)
    url = reverse("directory:organization_edit", args=[ministry.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, organization_post(ministry, name_az="Başqasının adı"))
    assert response.status_code == 403
    ministry.refresh_from_db()
    assert ministry.name_az != "Başqasının adı"


def test_executor_edits_their_own_organisation(client, executor, ministry):
    client.force_login(executor)
    url = reverse("directory:organization_edit", args=[ministry.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, organization_post(ministry, name_en="Ministry of Ecology and Natural Resources")
    )
    assert response.status_code == 302
    ministry.refresh_from_db()
    assert ministry.name_en == "Ministry of Ecology and Natural Resources"
    assert AuditEvent.objects.filter(action="organization.update", actor=executor, outcome="success").exists()


def test_executor_cannot_create_a_top_level_organisation(client, executor):
    client.force_login(executor)
    assert client.get(reverse("directory:organization_create")).status_code == 403


def test_observer_reads_but_cannot_edit(client, observer, ministry):
    client.force_login(observer)
    page = client.get(reverse("directory:organization", args=[ministry.pk]))
    assert page.status_code == 200
    assert reverse("directory:organization_edit", args=[ministry.pk]) not in page.content.decode()
    assert client.get(reverse("directory:organization_edit", args=[ministry.pk])).status_code == 403


@pytest.mark.parametrize("role_fixture", ["coordinator", "admin_user"])
def test_office_managers_create_an_organisation(client, request, role_fixture):
    client.force_login(request.getfixturevalue(role_fixture))
    response = client.post(
        reverse("directory:organization_create"),
        {"kind": "state_agency", "name_az": "Su Ehtiyatları Dövlət Agentliyi", "country": "az"},
    )
    assert response.status_code == 302
    created = Organization.objects.get(name_az="Su Ehtiyatları Dövlət Agentliyi")
    assert created.country == "AZ"
    assert response["Location"] == created.get_absolute_url()


def test_form_errors_name_the_field_and_save_nothing(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("directory:organization_create"), {"kind": "nonsense", "country": "Azerbaijan"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'class="govuk-error-summary"' in body
    assert 'href="#id_name_az"' in body
    assert 'href="#id_country"' in body
    assert Organization.objects.count() == 1  # only the coordinator's own centre


def test_duplicate_name_is_shown_on_the_field_in_russian(client, coordinator, ministry):
    client.force_login(coordinator)
    response = client.post(
        reverse(
            "directory:organization_create",
        ).replace("/az/", "/ru/"),
        {"kind": "ministry", "name_az": ministry.name_az, "country": "AZ"},
    )
    assert response.status_code == 400
    assert "уже" in response.content.decode()


def test_a_stale_edit_form_is_refused_without_losing_the_newer_change(client, coordinator, ministry):
    client.force_login(coordinator)
    url = reverse("directory:organization_edit", args=[ministry.pk])
    stale = organization_post(ministry, name_en="First edit")
    assert client.post(url, stale).status_code == 302
    response = client.post(url, {**stale, "name_en": "Second edit"})
    assert response.status_code == 400
    assert (
        "Someone else changed this record" in response.content.decode()
        or "başqa" in response.content.decode()
    )
    ministry.refresh_from_db()
    assert ministry.name_en == "First edit"


def test_organisation_page_shows_its_history(client, coordinator, ministry):
    client.force_login(coordinator)
    response = client.get(reverse("directory:organization", args=[ministry.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    rows = response.context["history"]
    assert [event.action for event in rows] == ["organization.create"]


def test_unknown_organisation_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("directory:organization", args=[999999])).status_code == 404


def test_abolish_page_is_for_office_managers_only(client, executor, coordinator, ministry):
    url = reverse("directory:organization_abolish", args=[ministry.pk])
    client.force_login(executor)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    response = client.post(url, {"on": "2026-01-31", "version": str(ministry.version)})
    assert response.status_code == 302
    ministry.refresh_from_db()
    assert ministry.is_abolished


@pytest.fixture
def working_group(coordinator, ministry, make_user):
    chair = services.person_create(
        actor=coordinator,
        last_name=texts("Babayev"),
        first_name=texts("Orxan"),
        organization=ministry,
        position=texts("sədr"),
    )
    secretary = services.person_create(
        actor=coordinator,
        last_name=texts("Nəsibova"),
        first_name=texts("Lalə"),
        organization=ministry,
        position=texts("katib"),
    )
    body = services.body_create(
        actor=coordinator,
        kind="working_group",
        name=texts("Ətraf mühitin mühafizəsi üzrə işçi qrup"),
        chair=chair,
        secretary=secretary,
        member_organizations=[ministry],
        members=[chair, secretary],
    )
    user = make_user("body_secretary", ministry, email="secretary@koordinat.test")
    user.person = secretary
    user.save()
    return body


def body_post(body: Body, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "kind": body.kind,
        "name_az": body.name_az,
        "chair": str(body.chair_id or ""),
        "secretary": str(body.secretary_id or ""),
        "member_organizations": [str(pk) for pk in body.member_organizations.values_list("pk", flat=True)],
        "members": [str(pk) for pk in body.members.values_list("pk", flat=True)],
        "version": str(body.version),
    }
    data.update(overrides)
    return data


def test_body_secretary_edits_their_body(client, working_group):
    secretary = working_group.secretary.user
    client.force_login(secretary)
    response = client.post(
        reverse("directory:body_edit", args=[working_group.pk]), body_post(working_group, area_az="Ekologiya")
    )
    assert response.status_code == 302
    working_group.refresh_from_db()
    assert working_group.area_az == "Ekologiya"


def test_a_body_secretary_sees_no_link_to_add_a_sub_body(client, coordinator, working_group):
    """Only the office creates bodies: the secretary edits their body but is not offered a sub-body."""
    add_sub_body = reverse("directory:body_create") + f"?parent={working_group.pk}"
    client.force_login(working_group.secretary.user)
    page = client.get(reverse("directory:body", args=[working_group.pk])).content.decode()
    assert reverse("directory:body_edit", args=[working_group.pk]) in page
    assert add_sub_body not in page
    assert client.get(add_sub_body).status_code == 403
    client.force_login(coordinator)
    assert add_sub_body in client.get(reverse("directory:body", args=[working_group.pk])).content.decode()


def test_executor_cannot_edit_a_body(client, executor, working_group):
    client.force_login(executor)
    assert client.get(reverse("directory:body_edit", args=[working_group.pk])).status_code == 403


def test_body_form_refuses_a_chair_who_is_not_a_member(client, coordinator, working_group):
    client.force_login(coordinator)
    outsider = services.person_create(actor=coordinator, last_name=texts("Kənar"), first_name=texts("Şəxs"))
    response = client.post(
        reverse("directory:body_edit", args=[working_group.pk]),
        body_post(working_group, chair=str(outsider.pk)),
    )
    assert response.status_code == 400
    assert 'href="#id_chair"' in response.content.decode()
    working_group.refresh_from_db()
    assert working_group.chair_id != outsider.pk


def test_body_page_lists_members_and_sub_bodies(client, observer, working_group):
    client.force_login(observer)
    response = client.get(reverse("directory:body", args=[working_group.pk]))
    assert response.status_code == 200
    assert working_group.chair.full_name in response.content.decode()


def test_executor_adds_a_person_to_their_own_organisation(client, executor, ministry):
    client.force_login(executor)
    response = client.post(
        reverse("directory:person_create"),
        {
            "last_name_az": "Cəfərova",
            "first_name_az": "Nərmin",
            "organization": str(ministry.pk),
            "position_az": "baş məsləhətçi",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(last_name_az="Cəfərova")
    assert person.memberships.get().organization == ministry


def test_executor_cannot_pick_another_organisation_for_a_new_person(client, executor, other_ministry):
    client.force_login(executor)
    response = client.post(
        reverse("directory:person_create"),
        {
            "last_name_az": "Cəfərova",
            "first_name_az": "Nərmin",
            "organization": str(other_ministry.pk),
            "position_az": "x",
        },
    )
    assert response.status_code == 400
    assert not Person.objects.filter(last_name_az="Cəfərova").exists()


def test_executor_cannot_edit_a_person_of_another_organisation(client, coordinator, other_executor, ministry):
    person = services.person_create(
        actor=coordinator,
        last_name=texts("Əhmədli"),
        first_name=texts("Fuad"),
        organization=ministry,
        position=texts("x"),
    )
    client.force_login(other_executor)
    assert client.get(reverse("directory:person_edit", args=[person.pk])).status_code == 403


def test_search_finds_azerbaijani_names_typed_without_special_letters(client, coordinator, make_organization):
    make_organization("Ağdam Rayon İcra Hakimiyyəti", kind="local_executive_authority")
    client.force_login(coordinator)
    response = client.get(reverse("directory:organizations"), {"q": "agdam rayon icra"})
    assert [organization.name for organization in response.context["page"]] == [
        "Ağdam Rayon İcra Hakimiyyəti"
    ]


def test_filters_by_body_membership(client, coordinator, working_group, ministry, other_ministry):
    client.force_login(coordinator)
    response = client.get(reverse("directory:organizations"), {"body": str(working_group.pk)})
    assert [row.pk for row in response.context["page"]] == [ministry.pk]
