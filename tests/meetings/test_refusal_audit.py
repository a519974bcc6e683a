"""Refusals on the meeting pages are in the audit chain once each (issue #11 item 4)."""

from django.urls import reverse

from koordinat.core import audit
from koordinat.core.models import AuditEvent
from koordinat.meetings.models import Meeting


def refusals() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(outcome="refused").order_by("pk"))


def test_a_page_refusal_without_a_target_is_recorded(client, executor):
    client.force_login(executor)
    assert client.get(reverse("meetings:meeting_create")).status_code == 403
    (event,) = refusals()
    assert (event.action, event.actor_id, event.target_id) == ("meetings:meeting_create.get", executor.pk, "")
    assert audit.verify()[1] is None


def test_a_page_refusal_names_the_meeting(client, executor, meeting):
    client.force_login(executor)
    response = client.post(reverse("meetings:meeting_edit", args=[meeting.pk]), {"title_az": "Başqa iclas"})
    assert response.status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).title_az == meeting.title_az
    (event,) = refusals()
    assert event.action == "meetings:meeting_edit.post"
    assert (event.target_type, event.target_id) == ("meetings.meeting", str(meeting.pk))
    assert audit.verify()[1] is None


def test_a_refusal_the_service_recorded_is_not_recorded_again(client, executor, held):
    client.force_login(executor)
    response = client.post(
        reverse("meetings:minutes_start", args=[held.pk]), {"number": "1", "date": "2026-03-17"}
    )
    assert response.status_code == 403
    (event,) = refusals()
    assert (event.action, event.target_id) == ("minutes.start", str(held.pk))
    assert audit.verify()[1] is None


def test_an_unpublished_meeting_is_a_recorded_404_for_the_public(client, meeting):
    response = client.get(reverse("meetings:meeting_calendar", args=[meeting.pk]))
    assert response.status_code == 404
    (event,) = refusals()
    assert (event.action, event.actor_id, event.target_id) == ("meeting.view", None, str(meeting.pk))
    assert audit.verify()[1] is None
