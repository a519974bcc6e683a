"""Escalation paths in meetings, closed: a secretary does not choose the chair, and whoever recorded the
minutes never approves them; every role, through the service and the page."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from koordinat.accounts.models import Role
from koordinat.core.models import AuditEvent
from koordinat.core.translation import texts_of
from koordinat.meetings import services
from koordinat.meetings.models import Meeting, Minutes
from tests.conftest import texts

from .conftest import at

OFFICE = ["coordinator", "administrator"]
OTHERS = ["executor", "head", "other_executor", "observer"]


@pytest.fixture
def head(make_user, ministry):
    return make_user(Role.HEAD, ministry)


@pytest.fixture
def administrator(make_user, center):
    return make_user(Role.ADMINISTRATOR, center, email="administrator@koordinat.test")


def refused(action, actor):
    return AuditEvent.objects.filter(action=action, outcome="refused", actor=actor).exists()


def plan(actor, body, **officers):
    return services.meeting_create(
        actor=actor, body=body, title=texts("Növbədənkənar iclas"), starts_at=at("2026-04-20"), **officers
    )


def change(actor, meeting, **officers):
    values = {"chair": meeting.chair, "secretary": meeting.secretary}
    values.update(officers)
    return services.meeting_update(
        actor=actor,
        meeting=meeting,
        version=meeting.version,
        title=texts("Dəyişdirilmiş iclas"),
        starts_at=meeting.starts_at,
        ends_at=None,
        place=texts_of(meeting, "place"),
        online_url="",
        second_language="",
        **values,
    )


# Setting the chair ----------------------------------------------------------------------------------


@pytest.mark.parametrize("officer", ["chair", "secretary"])
def test_the_secretary_does_not_choose_a_new_meetings_officers(secretary, body, people, officer):
    substitute = people["secretary"] if officer == "chair" else people["member"]
    with pytest.raises(PermissionDenied):
        plan(secretary, body, **{officer: substitute})
    assert not Meeting.objects.exists()
    assert refused("meeting.create", secretary)


def test_a_new_meeting_takes_the_bodys_chair_and_secretary(secretary, body, people):
    meeting = plan(secretary, body)
    assert (meeting.chair, meeting.secretary) == (people["chair"], people["secretary"])


@pytest.mark.parametrize("role", OFFICE)
def test_the_office_plans_a_meeting_with_a_substitute_chair(request, role, body, people):
    meeting = plan(request.getfixturevalue(role), body, chair=people["member"])
    assert (meeting.chair, meeting.secretary) == (people["member"], people["secretary"])


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_else_plans_a_meeting(request, role, body, people):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        plan(actor, body, chair=people["member"])
    assert not Meeting.objects.exists()
    assert refused("meeting.create", actor)


@pytest.mark.parametrize("officer", ["chair", "secretary"])
def test_the_secretary_does_not_change_a_meetings_officers(secretary, meeting, people, officer):
    with pytest.raises(PermissionDenied):
        change(secretary, meeting, **{officer: people["member"]})
    meeting.refresh_from_db()
    assert (meeting.title_az, meeting.chair, meeting.secretary) == (
        "İşçi qrupun iclası",
        people["chair"],
        people["secretary"],
    )
    assert refused("meeting.update", secretary)


def test_the_secretary_changes_the_rest_of_the_meeting(secretary, meeting, people):
    changed = change(secretary, meeting)
    assert (changed.title_az, changed.chair) == ("Dəyişdirilmiş iclas", people["chair"])


@pytest.mark.parametrize("role", OFFICE)
def test_the_office_substitutes_the_chair(request, role, meeting, people):
    changed = change(request.getfixturevalue(role), meeting, chair=people["member"])
    assert changed.chair == people["member"]


@pytest.mark.parametrize("role", OTHERS)
def test_nobody_else_changes_a_meeting(request, role, meeting, people):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        change(actor, meeting, chair=people["member"])
    meeting.refresh_from_db()
    assert meeting.chair == people["chair"]
    assert refused("meeting.update", actor)


@pytest.mark.parametrize("role", OFFICE)
def test_a_meeting_is_not_chaired_by_its_secretary(request, role, meeting, body, people):
    actor = request.getfixturevalue(role)
    with pytest.raises(ValidationError) as error:
        change(actor, meeting, chair=people["secretary"])
    assert "secretary" in error.value.message_dict
    with pytest.raises(ValidationError):
        plan(actor, body, secretary=people["chair"])
    meeting.refresh_from_db()
    assert meeting.chair == people["chair"]
    assert Meeting.objects.count() == 1


# Approving the minutes --------------------------------------------------------------------------------


def decide_everything(actor, meeting):
    services.agenda_item_save(
        actor=actor, meeting=meeting, title=texts("Hesabat"), decision=texts("Məlumat nəzərə alınsın.")
    )


@pytest.fixture
def held_by_chair(chair, meeting):
    """A meeting whose minutes its chair (a coordinator) records himself."""
    held = services.meeting_held(actor=chair, meeting=meeting, version=meeting.version, present=[])
    decide_everything(chair, held)
    return held


def start(actor, meeting):
    return services.minutes_start(actor=actor, meeting=meeting, number="12", date=datetime.date(2026, 3, 17))


def test_the_chair_does_not_approve_minutes_he_recorded(chair, held_by_chair):
    minutes = start(chair, held_by_chair)
    with translation.override("en"), pytest.raises(PermissionDenied) as error:
        services.minutes_approve(actor=chair, minutes=minutes, version=minutes.version)
    assert str(error.value).startswith("You recorded these minutes")
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT
    assert not minutes.instructions.exclude(control=None).exists()
    assert refused("minutes.approve", chair)
    assert minutes.recorded_by == chair


def test_an_administrator_does_not_approve_minutes_he_recorded(administrator, held_by_chair):
    minutes = start(administrator, held_by_chair)
    with pytest.raises(PermissionDenied):
        services.minutes_approve(actor=administrator, minutes=minutes, version=minutes.version)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT
    assert refused("minutes.approve", administrator)


def test_the_chair_approves_minutes_the_administrator_recorded(chair, administrator, held_by_chair):
    minutes = start(administrator, held_by_chair)
    approved = services.minutes_approve(actor=chair, minutes=minutes, version=minutes.version)
    assert (approved.status, approved.approved_by, approved.recorded_by) == ("approved", chair, administrator)


def test_an_administrator_approves_minutes_someone_else_recorded(administrator, chair, held_by_chair):
    minutes = start(chair, held_by_chair)
    approved = services.minutes_approve(actor=administrator, minutes=minutes, version=minutes.version)
    assert approved.status == Minutes.Status.APPROVED


def test_the_meetings_secretary_never_approves_even_as_chair(secretary, minutes, people):
    """A meeting saved before the rule with its secretary in the chair: the secretary still cannot approve."""
    Meeting.objects.filter(pk=minutes.meeting_id).update(chair=people["secretary"])
    minutes = Minutes.objects.select_related("meeting").get(pk=minutes.pk)
    decide_everything(secretary, minutes.meeting)
    with pytest.raises(PermissionDenied):
        services.minutes_approve(actor=secretary, minutes=minutes, version=minutes.version)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT
    assert refused("minutes.approve", secretary)


def test_the_bodys_secretary_never_approves_even_as_a_substitute_chair(coordinator, secretary, body, people):
    """Made chair of one meeting, the body's secretary still keeps (and may edit) its minutes."""
    meeting = plan(coordinator, body, chair=people["secretary"], secretary=people["member"])
    held = services.meeting_held(actor=coordinator, meeting=meeting, version=meeting.version, present=[])
    decide_everything(coordinator, held)
    minutes = services.minutes_start(
        actor=coordinator, meeting=held, number="1", date=datetime.date(2026, 4, 21)
    )
    with pytest.raises(PermissionDenied):
        services.minutes_approve(actor=secretary, minutes=minutes, version=minutes.version)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT
    assert refused("minutes.approve", secretary)


@pytest.mark.parametrize("role", ["secretary", "coordinator", *OTHERS])
def test_only_the_chair_or_an_administrator_approves(request, role, minutes):
    actor = request.getfixturevalue(role)
    decide_everything(request.getfixturevalue("secretary"), minutes.meeting)
    with pytest.raises(PermissionDenied):
        services.minutes_approve(actor=actor, minutes=minutes, version=minutes.version)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT
    assert refused("minutes.approve", actor)


def test_starting_the_minutes_records_who_did(secretary, minutes):
    assert minutes.recorded_by == secretary


# Pages -----------------------------------------------------------------------------------------------


def meeting_post(body=None, **overrides):
    data = {"title_az": "Növbədənkənar iclas", "starts_at": "2026-04-20 10:00"}
    if body is not None:
        data["body"] = str(body.pk)
    data.update(overrides)
    return data


def test_the_meeting_form_offers_the_secretary_no_chair(client, secretary, meeting):
    client.force_login(secretary)
    for url in (reverse("meetings:meeting_create"), reverse("meetings:meeting_edit", args=[meeting.pk])):
        page = client.get(url).content.decode()
        assert '<select name="chair"' not in page
        assert '<select name="secretary"' not in page


@pytest.mark.parametrize("role", OFFICE)
def test_the_meeting_form_offers_the_office_a_substitute_chair(client, request, role, meeting):
    client.force_login(request.getfixturevalue(role))
    for url in (reverse("meetings:meeting_create"), reverse("meetings:meeting_edit", args=[meeting.pk])):
        page = client.get(url).content.decode()
        assert '<select name="chair"' in page
        assert '<select name="secretary"' in page


def test_a_crafted_chair_on_a_new_meeting_is_refused(client, secretary, body, people):
    client.force_login(secretary)
    response = client.post(
        reverse("meetings:meeting_create"), meeting_post(body, chair=str(people["secretary"].pk))
    )
    assert response.status_code == 403
    assert not Meeting.objects.exists()
    assert refused("meeting.create", secretary)


def test_a_crafted_chair_on_a_meeting_is_refused(client, secretary, meeting, people):
    client.force_login(secretary)
    response = client.post(
        reverse("meetings:meeting_edit", args=[meeting.pk]),
        meeting_post(
            title_az="Dəyişdirilmiş",
            chair=str(people["secretary"].pk),
            secretary=str(people["secretary"].pk),
            version=str(meeting.version),
        ),
    )
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert (meeting.title_az, meeting.chair) == ("İşçi qrupun iclası", people["chair"])
    assert refused("meeting.update", secretary)


def test_the_secretary_saves_a_meeting_through_the_page(client, secretary, meeting, people):
    client.force_login(secretary)
    url = reverse("meetings:meeting_edit", args=[meeting.pk])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {
        name: [str(v) for v in value] if isinstance(value, list) else "" if value is None else str(value)
        for name, value in data.items()
    }
    data["starts_at"] = "2026-03-16 11:00"
    data["title_az"] = "Dəyişdirilmiş iclas"
    assert client.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title_az, meeting.chair, meeting.secretary) == (
        "Dəyişdirilmiş iclas",
        people["chair"],
        people["secretary"],
    )


def test_the_office_substitutes_the_chair_through_the_page(client, coordinator, body, people):
    client.force_login(coordinator)
    response = client.post(
        reverse("meetings:meeting_create"), meeting_post(body, chair=str(people["member"].pk))
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.chair, meeting.secretary) == (people["member"], people["secretary"])


def test_the_page_does_not_let_the_chair_approve_what_he_recorded(client, chair, held_by_chair):
    minutes = start(chair, held_by_chair)
    client.force_login(chair)
    page = client.get(reverse("meetings:meeting", args=[held_by_chair.pk])).content.decode()
    assert reverse("meetings:minutes_approve", args=[held_by_chair.pk]) not in page
    assert "govuk-inset-text" in page
    response = client.post(
        reverse("meetings:minutes_approve", args=[held_by_chair.pk]), {"version": str(minutes.version)}
    )
    assert response.status_code == 403
    with translation.override("az"):
        message = translation.gettext(
            "You recorded these minutes, so you cannot also approve them: minutes are approved by someone other than the person who recorded them."
        )
    assert escape(message) in response.content.decode()
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT
    assert refused("minutes.approve", chair)


def test_the_page_lets_the_chair_approve_what_the_secretary_recorded(client, chair, secretary, minutes):
    decide_everything(secretary, minutes.meeting)
    client.force_login(chair)
    page = client.get(reverse("meetings:meeting", args=[minutes.meeting_id])).content.decode()
    assert reverse("meetings:minutes_approve", args=[minutes.meeting_id]) in page
    response = client.post(
        reverse("meetings:minutes_approve", args=[minutes.meeting_id]), {"version": str(minutes.version)}
    )
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED


@pytest.mark.parametrize("name", ["meetings:meeting_edit", "meetings:minutes_approve"])
def test_anonymous_visitors_change_no_meeting(client, name, minutes):
    response = client.post(reverse(name, args=[minutes.meeting_id]), {"version": str(minutes.version)})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT


def test_anonymous_visitors_plan_no_meeting(client, body, people):
    response = client.post(
        reverse("meetings:meeting_create"), meeting_post(body, chair=str(people["member"].pk))
    )
    assert response.status_code == 302
    assert not Meeting.objects.filter(title_az="Növbədənkənar iclas").exists()


def test_minutes_started_before_the_rule_learn_who_started_them_from_the_audit_chain(secretary, minutes):
    migration = importlib.import_module("koordinat.meetings.migrations.0003_minutes_recorded_by")
    Minutes.objects.filter(pk=minutes.pk).update(recorded_by=None)
    migration.recorded_by_from_audit(django_apps, None)
    minutes.refresh_from_db()
    assert minutes.recorded_by == secretary
