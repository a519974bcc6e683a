"""Meetings, minutes and instructions against the database: rules, refusals and the hand-over to control."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from koordinat.core.models import AuditEvent
from koordinat.execution import services as execution_services
from koordinat.execution.models import ControlItem, Report
from koordinat.meetings import services
from koordinat.meetings.models import Instruction, Meeting, Participant
from tests.conftest import texts

from .conftest import at


def instruct(actor, minutes, number="1.1", control=datetime.date(2026, 6, 30), executors=None, **kwargs):
    return services.instruction_save(
        actor=actor,
        minutes=minutes,
        number=number,
        text=texts(
            "Monitorinq şəbəkəsini genişləndirmək",
            "Расширить сеть мониторинга",
            "Extend the monitoring network",
        ),
        control_date=control,
        controller=kwargs.pop("controller", None)
        or minutes.meeting.body.member_organizations.get(kind="public_legal_entity"),
        executors=executors
        if executors is not None
        else list(minutes.meeting.body.member_organizations.order_by("-pk")),
        **kwargs,
    )


def decide(actor, meeting, decision="Məlumat nəzərə alınsın."):
    return services.agenda_item_save(
        actor=actor,
        meeting=meeting,
        title=texts("Ekoloji monitorinq haqqında"),
        decision=texts(decision),
    )


def test_a_meeting_gets_the_next_number_and_the_body_as_participants(secretary, body, meeting, people):
    assert meeting.number == 1
    assert (meeting.chair, meeting.secretary) == (people["chair"], people["secretary"])
    assert meeting.participants.filter(role="member").count() == 5  # three people, two organisations
    second = services.meeting_create(
        actor=secretary, body=body, title=texts("Növbəti iclas"), starts_at=at("2026-04-16")
    )
    assert second.number == 2


def test_only_the_secretary_or_the_office_plans_meetings(executor, body):
    with pytest.raises(PermissionDenied):
        services.meeting_create(actor=executor, body=body, title=texts("İclas"), starts_at=at("2026-03-16"))
    assert not Meeting.objects.exists()
    assert AuditEvent.objects.filter(action="meeting.create", outcome="refused", actor=executor).exists()


def test_a_member_from_outside_the_body_is_refused_by_name(secretary, body, other_ministry):
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(
            actor=secretary,
            body=body,
            title=texts("İclas"),
            starts_at=at("2026-03-16"),
            participants=[services.Invitee(organization=other_ministry)],
        )
    assert other_ministry.name in refused.value.message_dict["participants"][0]
    guest = services.meeting_create(
        actor=secretary,
        body=body,
        title=texts("İclas"),
        starts_at=at("2026-03-16"),
        participants=[services.Invitee(organization=other_ministry, role=Participant.Role.INVITED)],
    )
    assert guest.participants.get().role == "invited"


def test_a_series_plans_its_meetings(secretary, body):
    series = services.meeting_series_create(
        actor=secretary,
        body=body,
        title=texts("Aylıq iclas"),
        frequency="monthly",
        first_starts_at=at("2026-01-31"),
        count=3,
    )
    days = [meeting.starts_at.date() for meeting in series.meetings.order_by("starts_at")]
    assert days == [datetime.date(2026, 1, 31), datetime.date(2026, 2, 28), datetime.date(2026, 3, 31)]


def test_minutes_need_a_held_meeting(secretary, meeting):
    with pytest.raises(ValidationError):
        services.minutes_start(actor=secretary, meeting=meeting, number="1", date=datetime.date(2026, 3, 17))


def test_an_instruction_needs_executors_and_a_control_date_after_the_meeting(secretary, minutes):
    with pytest.raises(ValidationError) as refused:
        instruct(secretary, minutes, executors=[])
    assert "executors" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        instruct(secretary, minutes, control=datetime.date(2026, 3, 1))
    assert "control_date" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        instruct(secretary, minutes, control=None)
    assert "control_date" in refused.value.message_dict
    assert not Instruction.objects.exists()


def test_instruction_numbers_are_unique_in_the_minutes(secretary, minutes):
    instruct(secretary, minutes, number="1.1")
    with pytest.raises(ValidationError) as refused:
        instruct(secretary, minutes, number="1.1")
    assert "number" in refused.value.message_dict


def test_minutes_are_not_approved_without_decisions(chair, secretary, minutes):
    with pytest.raises(ValidationError):
        services.minutes_approve(actor=chair, minutes=minutes, version=minutes.version)
    services.agenda_item_save(actor=secretary, meeting=minutes.meeting, title=texts("Sual"))
    minutes.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        services.minutes_approve(actor=chair, minutes=minutes, version=minutes.version)
    assert "Sual" in str(refused.value)
    minutes.refresh_from_db()
    assert minutes.status == "draft"


def test_a_decision_recorded_in_another_language_counts(chair, secretary, minutes):
    """A joint commission's secretary may record the decision in Russian only."""
    services.agenda_item_save(
        actor=secretary,
        meeting=minutes.meeting,
        title=texts("Sual"),
        decision=texts("", "Принять к сведению."),
    )
    minutes.refresh_from_db()
    approved = services.minutes_approve(actor=chair, minutes=minutes, version=minutes.version)
    assert approved.status == "approved"


def test_only_the_chair_approves(secretary, minutes):
    decide(secretary, minutes.meeting)
    with pytest.raises(PermissionDenied):
        services.minutes_approve(actor=secretary, minutes=minutes, version=minutes.version)
    assert AuditEvent.objects.filter(action="minutes.approve", outcome="refused").exists()


def test_approval_puts_the_instructions_under_control_with_reports_due_on_their_dates(
    chair, secretary, minutes, ministry, center
):
    decide(secretary, minutes.meeting)
    first = instruct(secretary, minutes, number="1.1", executors=[ministry, center])
    instruct(secretary, minutes, number="1.2", control=datetime.date(2026, 9, 30), executors=[ministry])
    services.minutes_circulate(actor=secretary, minutes=minutes, version=minutes.version)
    minutes.refresh_from_db()
    approved = services.minutes_approve(actor=chair, minutes=minutes, version=minutes.version)
    assert approved.status == "approved"
    item = ControlItem.objects.get(instruction=first)
    assert (item.control_date, item.controller) == (datetime.date(2026, 6, 30), first.controller)
    assert item.reference == "Minutes No. 12, item 1.1" or "12" in item.reference
    lead = Report.objects.get(item=item, is_lead=True)
    co = Report.objects.get(item=item, is_lead=False)
    assert (lead.organization, lead.due_date) == (ministry, datetime.date(2026, 6, 30))
    assert co.organization == center
    assert co.due_date < lead.due_date
    assert Report.objects.filter(item__instruction__number="1.2").get().due_date == datetime.date(2026, 9, 30)
    cycle = lead.cycle  # what it asks, written by Koordinat in each language
    assert cycle.note_az.endswith("nömrəli protokolu üzrə tapşırıqlar")
    assert cycle.note_ru.startswith("Поручения по протоколу № ")
    assert cycle.note_en.startswith("Instructions of minutes No. ")
    with pytest.raises(ValidationError):
        instruct(secretary, approved, number="1.3")  # approved minutes are closed


def test_instructions_enter_control_unchanged(chair, secretary, executor, coordinator, minutes, ministry):
    decide(secretary, minutes.meeting)
    instruct(secretary, minutes, executors=[ministry])
    minutes.refresh_from_db()
    services.minutes_approve(actor=chair, minutes=minutes, version=minutes.version)
    report = Report.objects.get(organization=ministry)
    report = execution_services.report_save(
        actor=executor,
        report=report,
        version=report.version,
        narrative="Şəbəkə genişləndirilib.",
        narrative_language="az",
        claimed_status="completed",
        progress=100,
        completed_on=datetime.date(2026, 5, 20),
    )
    report = execution_services.report_submit(actor=executor, report=report, version=report.version)
    report = execution_services.report_review(
        actor=coordinator, report=report, version=report.version, accept=True
    )
    item = ControlItem.objects.get(pk=report.item_id)
    removed = execution_services.item_remove_from_control(
        actor=coordinator, item=item, version=item.version, reason="İcra olunub", reports=[report]
    )
    assert removed.control_status == "removed"


def test_members_comment_on_circulated_minutes_and_get_an_email(
    secretary, minutes, executor, other_executor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_circulate(actor=secretary, minutes=minutes, version=minutes.version)
    assert len(mail.outbox) == 1
    assert "member@koordinat.test" in mail.outbox[0].bcc
    comment = services.minutes_comment(actor=executor, minutes=minutes, text="1-ci bəndə əlavə edilsin.")
    assert comment.minutes == minutes
    with pytest.raises(PermissionDenied):
        services.minutes_comment(actor=other_executor, minutes=minutes, text="Kənardan")


def test_invitations_carry_the_calendar_file(secretary, meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert services.meeting_invite(actor=secretary, meeting=meeting) == 3
    message = mail.outbox[0]
    (name, content, _kind) = message.attachments[0]
    assert name == "meeting.ics"
    assert "BEGIN:VEVENT" in content
    assert "DTSTART:20260316T060000Z" in content  # 10:00 in Baku


def test_only_public_bodies_publish_minutes(chair, secretary, minutes, coordinator, body):
    decide(secretary, minutes.meeting)
    minutes.refresh_from_db()
    approved = services.minutes_approve(actor=chair, minutes=minutes, version=minutes.version)
    with pytest.raises(ValidationError):
        services.minutes_publish(actor=secretary, minutes=approved, version=approved.version)
    body.is_public = True
    body.save(update_fields=["is_public"])
    approved.meeting.body.is_public = True
    published = services.minutes_publish(actor=secretary, minutes=approved, version=approved.version)
    assert published.status == "published"


def test_an_act_instruction_is_under_control_at_once(coordinator, ministry, center, approving_act):
    instruction = services.instruction_register(
        actor=coordinator,
        number="4",
        text=texts("Hesabat hazırlamaq"),
        control_date=datetime.date.today() + datetime.timedelta(days=60),
        controller=center,
        executors=[ministry],
        legal_act=approving_act,
    )
    assert instruction.control.is_open
    report = Report.objects.select_related("cycle").get(item__instruction=instruction, organization=ministry)
    notes = [report.cycle.note_az, report.cycle.note_ru, report.cycle.note_en]
    assert all(notes)
    assert len(set(notes)) == 3  # the act's reference in each language
    with pytest.raises(ValidationError) as refused:
        services.instruction_register(
            actor=coordinator,
            number="5",
            text=texts("x"),
            control_date=datetime.date.today() + datetime.timedelta(days=60),
            controller=center,
            executors=[ministry],
        )
    assert "legal_act" in refused.value.message_dict


def test_the_attendance_keeps_why_the_absent_were_absent(secretary, meeting, people):
    member = meeting.participants.get(person=people["member"])
    chair = meeting.participants.get(person=people["chair"])
    present = list(meeting.participants.exclude(pk=member.pk).values_list("pk", flat=True))
    with pytest.raises(ValidationError) as refused:
        services.meeting_held(
            actor=secretary,
            meeting=meeting,
            version=meeting.version,
            present=present,
            absence_reasons={member.pk: "x" * 301},
        )
    assert "absence_reasons" in refused.value.message_dict
    held = services.meeting_held(
        actor=secretary,
        meeting=meeting,
        version=meeting.version,
        present=present,
        absence_reasons={member.pk: " ezamiyyətdə ", chair.pk: "a reason for someone present is not kept"},
    )
    member.refresh_from_db()
    chair.refresh_from_db()
    assert (member.present, member.absence_reason) == (False, "ezamiyyətdə")
    assert (chair.present, chair.absence_reason) == (True, "")
    event = AuditEvent.objects.filter(action="meeting.held", target_id=str(held.pk)).get()
    assert event.data["absence_reasons"] == 1
