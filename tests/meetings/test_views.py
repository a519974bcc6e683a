"""Meeting pages for every role, and the measure page's traceability."""

import datetime

import pytest
from django.urls import reverse

from koordinat.meetings import services
from koordinat.meetings.models import Instruction, Meeting
from tests.conftest import texts

from .test_services import decide, instruct


def test_anonymous_visitors_see_no_internal_meeting(client, meeting):
    """They are sent to the public portal, which shows only meetings of public bodies with published minutes."""
    assert client.get(reverse("meetings:meeting", args=[meeting.pk]), follow=True).status_code == 404
    assert list(client.get(reverse("meetings:meetings"), follow=True).context["page"]) == []


def test_only_the_office_is_offered_to_register_an_instruction(client, coordinator, secretary, body):
    """A secretary plans their body's meetings but cannot register an instruction of an act or letter."""
    register = reverse("meetings:instruction_register")
    client.force_login(secretary)
    page = client.get(reverse("meetings:meetings")).content.decode()
    assert reverse("meetings:meeting_create") in page
    assert register not in page
    assert client.get(register).status_code == 403
    client.force_login(coordinator)
    assert register in client.get(reverse("meetings:meetings")).content.decode()


def test_published_minutes_of_a_public_body_are_public(client, chair, secretary, minutes, body):
    decide(secretary, minutes.meeting)
    body.is_public = True
    body.save(update_fields=["is_public"])
    minutes.refresh_from_db()
    approved = services.minutes_approve(actor=chair, minutes=minutes, version=minutes.version)
    services.minutes_publish(actor=secretary, minutes=approved, version=approved.version)
    page = client.get(reverse("meetings:meeting", args=[minutes.meeting_id]), follow=True)
    assert page.status_code == 200
    assert page.redirect_chain[-1][0] == reverse("portal:meeting", args=[minutes.meeting_id])
    assert "Məlumat nəzərə alınsın." in page.content.decode()
    assert (
        client.get(
            reverse("meetings:document", args=[minutes.meeting_id, "minutes", "pdf", "az"])
        ).status_code
        == 200
    )


@pytest.mark.parametrize("role", ["executor", "other_executor", "observer"])
def test_only_the_secretary_and_the_office_change_meetings(client, request, role, meeting):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("meetings:meeting", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("meetings:meeting_edit", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:agenda_create", args=[meeting.pk])).status_code == 403
    assert client.get(reverse("meetings:meeting_create")).status_code == 403
    response = client.post(
        reverse("meetings:meeting_cancel", args=[meeting.pk]), {"version": meeting.version}
    )
    assert response.status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"


@pytest.mark.parametrize("role", ["secretary", "coordinator", "admin_user"])
def test_the_secretary_and_the_office_open_the_forms(client, request, role, meeting):
    client.force_login(request.getfixturevalue(role))
    for name in ("meeting_edit", "agenda_create"):
        assert client.get(reverse(f"meetings:{name}", args=[meeting.pk])).status_code == 200
    assert client.get(reverse("meetings:meeting_create")).status_code == 200


def test_the_secretary_plans_a_meeting_through_the_page(client, secretary, body, other_ministry):
    client.force_login(secretary)
    response = client.post(
        reverse("meetings:meeting_create"),
        {
            "body": body.pk,
            "title_az": "Birgə iclas",
            "starts_at": "2026-05-20 11:00",
            "guests": other_ministry.name_az,
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title_az="Birgə iclas")
    assert meeting.participants.filter(organization=other_ministry, role="invited").exists()


def test_a_meeting_ending_before_it_starts_is_refused_on_the_field(client, secretary, body):
    client.force_login(secretary)
    response = client.post(
        reverse("meetings:meeting_create"),
        {
            "body": body.pk,
            "title_az": "İclas",
            "starts_at": "2026-05-20 11:00",
            "ends_at": "2026-05-20 09:00",
        },
    )
    assert response.status_code == 400
    assert 'href="#id_ends_at"' in response.content.decode()
    assert not Meeting.objects.exists()


def test_an_instruction_without_executor_is_refused_on_the_field(client, secretary, minutes):
    client.force_login(secretary)
    response = client.post(
        reverse("meetings:instruction_create", args=[minutes.meeting_id]),
        {"number": "1.1", "text_az": "Tapşırıq", "control_date": "2026-06-30", "controller": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_lead"' in page
    assert not Instruction.objects.exists()


def test_the_measure_page_lists_its_meetings_and_instructions(
    client, coordinator, secretary, minutes, approving_act, center, ministry
):
    from koordinat.plans import services as plans_services

    plan = plans_services.plan_create(
        actor=coordinator,
        code="TRACE",
        kind="action_plan",
        title=texts("Plan"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=center,
    )
    measure = plans_services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1",
        content=plans_services.MeasureContent(
            text=texts("Monitorinq"),
            expected_result=texts(""),
            deadline_text="",
            executors=[ministry],
            other_executors=texts(""),
        ),
    )
    services.agenda_item_save(
        actor=secretary, meeting=minutes.meeting, title=texts("Monitorinqin gedişi"), measures=[measure]
    )
    instruction = instruct(secretary, minutes, measures=[measure])
    client.force_login(coordinator)
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Monitorinqin gedişi" in page
    assert instruction.get_absolute_url() in page


def test_the_secretary_records_who_was_absent_and_why(client, secretary, meeting, people):
    client.force_login(secretary)
    member = meeting.participants.get(person=people["member"])
    page = client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
    assert f'name="reason_{member.pk}"' in page
    present = [str(pk) for pk in meeting.participants.exclude(pk=member.pk).values_list("pk", flat=True)]
    response = client.post(
        reverse("meetings:meeting_held", args=[meeting.pk]),
        {"version": meeting.version, "present": present, f"reason_{member.pk}": "xəstəlik"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.present, member.absence_reason) == (False, "xəstəlik")
    assert "xəstəlik" in client.get(reverse("meetings:meeting", args=[meeting.pk])).content.decode()
