"""A public council's members are civil-society organisations, and it is attached to the authority it
advises: the body form names the organisation it refuses, and only the office sets the authority."""

from django.urls import reverse

from koordinat.core.models import AuditEvent
from koordinat.directory import services
from koordinat.directory.models import Body
from tests.conftest import texts


def council_post(**overrides):
    data = {"kind": "public_council", "name_az": "İctimai şura", "parent": "", "chair": "", "secretary": ""}
    data.update(overrides)
    return data


def test_the_form_names_the_organisation_that_is_no_civil_society_organisation(
    client, coordinator, ministry, make_organization
):
    union = make_organization("“Açıq Cəmiyyət” İctimai Birliyi", kind="civil_society_organisation")
    client.force_login(coordinator)
    response = client.post(
        reverse("directory:body_create"),
        council_post(member_organizations=[str(union.pk), str(ministry.pk)], advises=str(ministry.pk)),
    )
    assert response.status_code == 400
    assert ministry.name in response.content.decode()
    assert not Body.objects.exists()
    response = client.post(
        reverse("directory:body_create"),
        council_post(member_organizations=[str(union.pk)], advises=str(ministry.pk)),
    )
    council = Body.objects.get()
    assert response.status_code == 302
    assert council.advises == ministry
    page = client.get(reverse("directory:body", args=[council.pk])).content.decode()
    assert ministry.name in page


def test_a_secretary_cannot_move_the_council_to_another_authority(
    client, make_user, coordinator, ministry, other_ministry, make_organization
):
    union = make_organization("“Açıq Cəmiyyət” İctimai Birliyi", kind="civil_society_organisation")
    person = services.person_create(
        actor=coordinator,
        last_name=texts("Katibov"),
        first_name=texts("Rauf"),
        organization=union,
        position=texts("katib"),
    )
    council = services.body_create(
        actor=coordinator,
        kind="public_council",
        name=texts("İctimai şura"),
        secretary=person,
        members=[person],
        member_organizations=[union],
        advises=ministry,
    )
    secretary = make_user("body_secretary", union, person=person)
    client.force_login(secretary)
    page = client.get(reverse("directory:body_edit", args=[council.pk])).content.decode()
    assert '<select name="advises"' not in page
    response = client.post(
        reverse("directory:body_edit", args=[council.pk]),
        council_post(
            name_az="İctimai şura",
            secretary=str(person.pk),
            members=[str(person.pk)],
            member_organizations=[str(union.pk)],
            advises=str(other_ministry.pk),
            is_public="False",
            version=str(council.version),
        ),
    )
    assert response.status_code == 403
    refusal = AuditEvent.objects.get(action="body.update", outcome="refused")
    assert refusal.data == {"controls": ["advises"]}
    council.refresh_from_db()
    assert council.advises == ministry
