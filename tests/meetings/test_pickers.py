"""Choosing people and organisations for meetings from the registry, and the defaults the forms offer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from koordinat.directory import services as directory_services
from koordinat.meetings.models import Meeting, Participant
from koordinat.plans import services as plans_services
from tests.conftest import texts


@pytest.fixture
def guest(coordinator, other_ministry):
    return directory_services.person_create(
        actor=coordinator,
        last_name=texts("Şərifova", "Шарифова"),
        first_name=texts("Gülər"),
        organization=other_ministry,
        position=texts("ekspert"),
    )


def meeting_post(body, **overrides):
    data = {"body": str(body.pk), "title_az": "Növbədənkənar iclas", "starts_at": "2026-04-20T10:00"}
    data.update(overrides)
    return data


def test_a_meeting_takes_the_start_as_the_browser_sends_it(client, coordinator, body):
    client.force_login(coordinator)
    page = client.get(reverse("meetings:meeting_create")).content.decode()
    assert 'type="datetime-local" name="starts_at"' in page
    assert client.post(reverse("meetings:meeting_create"), meeting_post(body)).status_code == 302
    meeting = Meeting.objects.get(title_az="Növbədənkənar iclas")
    assert timezone.localtime(meeting.starts_at).isoformat().startswith("2026-04-20T10:00")


@pytest.mark.parametrize("role", ["coordinator", "secretary"])
def test_a_guest_is_found_without_javascript_and_invited(client, request, role, body, guest):
    client.force_login(request.getfixturevalue(role))
    url = reverse("meetings:meeting_create")
    response = client.post(
        url, meeting_post(body, invited_people_q="serifova", _picker_search="invited_people")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Növbədənkənar iclas"' in page  # what was typed is kept
    assert "Şərifova Gülər — ekspert" in page
    assert not Meeting.objects.filter(title_az="Növbədənkənar iclas").exists()

    assert client.post(url, meeting_post(body, invited_people=[str(guest.pk)])).status_code == 302
    meeting = Meeting.objects.get(title_az="Növbədənkənar iclas")
    invited = meeting.participants.get(person=guest)
    assert invited.role == Participant.Role.INVITED

    edit = client.get(reverse("meetings:meeting_edit", args=[meeting.pk])).content.decode()
    assert f'name="invited_people" value="{guest.pk}" id="id_invited_people_0" checked' in edit


def test_a_member_invited_by_name_stays_a_member(client, coordinator, body, people):
    client.force_login(coordinator)
    post = meeting_post(body, invited_people=[str(people["member"].pk)])
    assert client.post(reverse("meetings:meeting_create"), post).status_code == 302
    meeting = Meeting.objects.get(title_az="Növbədənkənar iclas")
    assert list(meeting.participants.filter(person=people["member"]).values_list("role", flat=True)) == [
        Participant.Role.MEMBER
    ]


def test_the_office_chooses_a_substitute_chair_found_by_search(client, coordinator, body, guest):
    client.force_login(coordinator)
    response = client.post(
        reverse("meetings:meeting_create"), meeting_post(body, chair_q="sharifova", _picker_search="chair")
    )
    assert response.status_code == 200
    assert "Şərifova Gülər — ekspert" not in response.content.decode()  # Russian name: Шарифова
    response = client.post(
        reverse("meetings:meeting_create"), meeting_post(body, chair_q="шарифова", _picker_search="chair")
    )
    assert f'<option value="{guest.pk}">Şərifova Gülər — ekspert, ' in response.content.decode()


def test_the_secretary_cannot_use_the_search_to_substitute_the_chair(client, secretary, body, guest):
    """The chair is a control: the secretary's form offers no picker for it, searched or not."""
    client.force_login(secretary)
    response = client.post(
        reverse("meetings:meeting_create"), meeting_post(body, chair_q="serifova", _picker_search="chair")
    )
    assert 'name="chair_q"' not in response.content.decode()


def test_an_instruction_is_controlled_by_the_coordinator_of_the_bodys_plan(
    client, secretary, coordinator, minutes, body, ministry
):
    plans_services.plan_create(
        actor=coordinator,
        code="WG-2026",
        kind="work_plan",
        title=texts("İşçi qrupun iş planı"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=ministry,
        owning_body=body,
        status="draft",
    )
    client.force_login(secretary)
    form = client.get(reverse("meetings:instruction_create", args=[minutes.meeting.pk])).context["form"]
    assert form["controller"].value() == ministry.pk


def test_without_a_plan_the_secretarys_organisation_controls(client, secretary, minutes):
    client.force_login(secretary)
    form = client.get(reverse("meetings:instruction_create", args=[minutes.meeting.pk])).context["form"]
    assert form["controller"].value() == secretary.organization_id
