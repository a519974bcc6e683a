"""Execution control against the database: what was saved, what was refused, what the audit kept."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from koordinat.core.errors import ConcurrentEditError
from koordinat.core.models import AuditEvent
from koordinat.directory import services as directory_services
from koordinat.execution import services
from koordinat.execution.models import Assignment, ControlItem, Extension, Report, ReportingCycle

from . import files
from .conftest import TODAY


def write(actor, report, **overrides):
    values = {
        "narrative": "Monitorinq şəbəkəsinin 12 stansiyası quraşdırılıb.",
        "narrative_language": "az",
        "claimed_status": "in_progress",
        "progress": 40,
    }
    values.update(overrides)
    return services.report_save(actor=actor, report=report, version=report.version, **values)


def submit(actor, report, **overrides):
    report = write(actor, report, **overrides)
    return services.report_submit(actor=actor, report=report, version=report.version)


def test_opening_a_cycle_puts_items_under_control_and_asks_every_executor(cycle, plan, center):
    items = ControlItem.objects.filter(plan=plan).order_by("measure__sort_key")
    assert [item.measure.number for item in items] == ["1.1", "1.2"]  # the section has no executors
    first = items[0]
    assert first.controller == center
    assert first.control_date == datetime.date(2026, 6, 30)  # end of Q2, a Tuesday
    assert items[1].control_date is None  # "mütəmadi": continuous
    assert sorted(cycle.reports.values_list("item__measure__number", "is_lead")) == [
        ("1.1", False),
        ("1.1", True),
        ("1.2", True),
    ]
    lead = cycle.reports.get(is_lead=True, item=first)
    co = cycle.reports.get(is_lead=False)
    assert lead.due_date == datetime.date(2026, 4, 10)
    assert co.due_date == datetime.date(2026, 4, 3)  # five days before, on the working day before
    assert AuditEvent.objects.filter(action="cycle.open", target_id=str(cycle.pk)).get().data["reports"] == 3


def test_a_scheduled_period_opens_once(coordinator, plan, cycle):
    with pytest.raises(ValidationError) as refused:
        services.cycle_open(
            actor=coordinator,
            plan=plan,
            period_start=cycle.period_start,
            period_end=cycle.period_end,
            due_date=cycle.due_date,
            today=TODAY,
        )
    assert "period_start" in refused.value.message_dict
    assert ReportingCycle.objects.count() == 1


def test_a_cycle_due_in_the_past_or_on_a_draft_plan_is_refused(coordinator, plan):
    with pytest.raises(ValidationError) as refused:
        services.cycle_open(
            actor=coordinator,
            plan=plan,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
            due_date=datetime.date(2026, 3, 1),
            today=TODAY,
        )
    assert "due_date" in refused.value.message_dict
    assert not ReportingCycle.objects.exists()


def test_executors_cannot_open_cycles_and_the_refusal_is_kept(executor, plan):
    with pytest.raises(PermissionDenied):
        services.cycle_open(
            actor=executor,
            plan=plan,
            period_start=datetime.date(2026, 1, 1),
            period_end=datetime.date(2026, 3, 31),
            due_date=datetime.date(2026, 4, 10),
            today=TODAY,
        )
    assert AuditEvent.objects.filter(action="cycle.open", outcome="refused", actor=executor).exists()


def test_scheduled_cycles_open_for_the_period_that_just_ended(plan):
    (opened,) = services.open_scheduled_cycles(today=datetime.date(2026, 4, 2))
    assert (opened.period_start, opened.period_end) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert opened.due_date == datetime.date(2026, 4, 10)  # 10 days after the quarter; a Friday
    assert services.open_scheduled_cycles(today=datetime.date(2026, 4, 3)) == []


def test_a_report_goes_from_draft_to_returned_to_accepted(executor, coordinator, lead_report):
    report = submit(executor, lead_report)
    assert report.status == "submitted"
    assert report.first_submitted_at is not None
    returned = services.report_review(
        actor=coordinator,
        report=report,
        version=report.version,
        accept=False,
        comment="Fotoşəkillər əlavə edin.",
    )
    assert returned.status == "returned"
    reworked = submit(executor, returned, narrative="12 stansiya quraşdırılıb, fotoşəkillər əlavə olunub.")
    accepted = services.report_review(
        actor=coordinator, report=reworked, version=reworked.version, accept=True
    )
    assert accepted.status == "accepted"
    assert [v.event for v in accepted.versions.order_by("number")] == [
        "submitted",
        "returned",
        "resubmitted",
        "accepted",
    ]
    assert accepted.versions.get(event="submitted").content["narrative"].startswith("Monitorinq")
    with pytest.raises(ValidationError):
        write(executor, accepted)  # an accepted report is locked
    assignment = Assignment.objects.get(pk=accepted.assignment_id)
    assert assignment.execution_status == "in_progress"


def test_only_the_controller_reviews(executor, other_executor, lead_report, observer):
    report = submit(executor, lead_report)
    for actor in (executor, other_executor, observer):
        with pytest.raises(PermissionDenied):
            services.report_review(actor=actor, report=report, version=report.version, accept=True)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert AuditEvent.objects.filter(action="report.review", outcome="refused").count() == 3


def test_a_return_needs_a_comment(executor, coordinator, lead_report):
    report = submit(executor, lead_report)
    with pytest.raises(ValidationError) as refused:
        services.report_review(actor=coordinator, report=report, version=report.version, accept=False)
    assert "comment" in refused.value.message_dict


def test_another_organisation_cannot_write_the_report(other_executor, lead_report):
    with pytest.raises(PermissionDenied):
        write(other_executor, lead_report)
    assert AuditEvent.objects.filter(action="report.save", outcome="refused", actor=other_executor).exists()
    lead_report.refresh_from_db()
    assert lead_report.narrative == ""


def test_reports_in_a_closed_cycle_or_on_a_closed_item_are_refused(executor, coordinator, cycle, lead_report):
    services.cycle_close(actor=coordinator, cycle=cycle)
    with pytest.raises(ValidationError) as refused:
        write(executor, Report.objects.get(pk=lead_report.pk))
    assert cycle.plan.code in str(refused.value)


def test_drafts_are_private_to_their_organisation(executor, other_executor, coordinator, lead_report):
    write(executor, lead_report)
    assert Report.objects.visible_to(executor).filter(pk=lead_report.pk).exists()
    assert not Report.objects.visible_to(other_executor).filter(pk=lead_report.pk).exists()
    assert not Report.objects.visible_to(coordinator).filter(pk=lead_report.pk).exists()


def test_completed_needs_full_progress(executor, lead_report):
    with pytest.raises(ValidationError) as refused:
        write(executor, lead_report, claimed_status="completed", progress=90)
    assert "progress" in refused.value.message_dict


def test_the_head_approves_first_where_the_organisation_asks_for_it(
    coordinator, executor, head, ministry, lead_report
):
    directory_services.organization_update(
        actor=coordinator,
        organization=ministry,
        version=ministry.version,
        kind=ministry.kind,
        name={"az": ministry.name_az},
        short_name={},
        abbreviation={},
        parent=None,
        country="AZ",
        reports_need_head_approval=True,
    )
    report = submit(executor, Report.objects.get(pk=lead_report.pk))
    assert report.status == "awaiting_approval"
    assert not Report.objects.visible_to(coordinator).filter(pk=report.pk).exists()
    with pytest.raises(PermissionDenied):
        services.report_head_decide(actor=executor, report=report, version=report.version, approve=True)
    sent = services.report_head_decide(actor=head, report=report, version=report.version, approve=True)
    assert sent.status == "submitted"
    assert sent.submitted_by == head


def test_a_stale_report_form_is_refused(executor, lead_report):
    write(executor, lead_report)
    with pytest.raises(ConcurrentEditError):
        write(executor, lead_report, narrative="Köhnə forma")
    assert Report.objects.get(pk=lead_report.pk).narrative.startswith("Monitorinq")


def test_evidence_is_checked_by_its_content_and_size(executor, lead_report, settings):
    pdf = services.evidence_add(
        actor=executor,
        report=lead_report,
        title="Akt",
        upload=io.BytesIO(files.pdf()),
        filename="akt.pdf",
    )
    assert pdf.content_type == "application/pdf"
    with pytest.raises(ValidationError) as refused:
        services.evidence_add(
            actor=executor,
            report=lead_report,
            title="Virus",
            upload=io.BytesIO(b"MZ\x90\x00"),
            filename="akt.pdf.exe",
        )
    assert "akt.pdf.exe" in refused.value.message_dict["file"][0]
    settings.KOORDINAT_MAX_EVIDENCE_BYTES = 10
    with pytest.raises(ValidationError):
        services.evidence_add(
            actor=executor,
            report=lead_report,
            title="Böyük",
            upload=io.BytesIO(b"%PDF-" + b"x" * 20),
            filename="b.pdf",
        )
    link = services.evidence_add(
        actor=executor, report=lead_report, title="Xəbər", url="https://eco.gov.az/x"
    )
    assert list(lead_report.evidence.values_list("pk", flat=True)) == [pdf.pk, link.pk]


def test_the_lead_final_report_executes_the_item_and_the_controller_removes_it(
    executor, other_executor, coordinator, lead_report, co_report
):
    co = submit(
        other_executor,
        co_report,
        claimed_status="completed",
        progress=100,
        completed_on=datetime.date(2026, 3, 30),
    )
    co = services.report_review(actor=coordinator, report=co, version=co.version, accept=True)
    item = ControlItem.objects.get(pk=lead_report.item_id)
    assert item.control_status == "on_control"  # a co-executor's report does not execute the item
    with pytest.raises(ValidationError) as refused:
        services.item_remove_from_control(
            actor=coordinator, item=item, version=item.version, reason="İcra olunub", reports=[co]
        )
    assert "reports" in refused.value.message_dict
    lead = submit(
        executor,
        lead_report,
        claimed_status="completed",
        progress=100,
        completed_on=datetime.date(2026, 3, 30),
    )
    lead = services.report_review(actor=coordinator, report=lead, version=lead.version, accept=True)
    item.refresh_from_db()
    assert item.control_status == "executed"
    with pytest.raises(PermissionDenied):
        services.item_remove_from_control(
            actor=executor, item=item, version=item.version, reason="x", reports=[lead]
        )
    removed = services.item_remove_from_control(
        actor=coordinator, item=item, version=item.version, reason="Tam icra olunub", reports=[lead, co]
    )
    assert removed.control_status == "removed"
    assert set(removed.closing_reports.all()) == {lead, co}
    assert Assignment.objects.get(pk=lead.assignment_id).completed_on is not None


def test_an_interim_report_never_closes_an_item(executor, coordinator, lead_report):
    report = submit(executor, lead_report)
    report = services.report_review(actor=coordinator, report=report, version=report.version, accept=True)
    item = ControlItem.objects.get(pk=report.item_id)
    with pytest.raises(ValidationError) as refused:
        services.item_remove_from_control(
            actor=coordinator, item=item, version=item.version, reason="x", reports=[report]
        )
    assert "reports" in refused.value.message_dict
    item.refresh_from_db()
    assert item.is_open


def test_extension_from_request_to_approval_keeps_the_dates(
    executor, coordinator, other_executor, lead_report
):
    item = ControlItem.objects.get(pk=lead_report.item_id)
    with pytest.raises(ValidationError) as past:
        services.extension_request(
            actor=executor, item=item, new_date=datetime.date(2026, 3, 1), reason="Gecikmə", today=TODAY
        )
    assert "new_date" in past.value.message_dict
    extension = services.extension_request(
        actor=executor,
        item=item,
        new_date=datetime.date(2026, 9, 30),
        reason="Avadanlıq gecikir",
        today=TODAY,
    )
    with pytest.raises(ValidationError):  # one waiting request at a time
        services.extension_request(
            actor=executor, item=item, new_date=datetime.date(2026, 10, 30), reason="x", today=TODAY
        )
    with pytest.raises(PermissionDenied):
        services.extension_decide(actor=executor, extension=extension, approve=True)
    assert Extension.objects.get().status == "requested"
    services.extension_decide(actor=coordinator, extension=extension, approve=True, comment="Razıyam")
    item.refresh_from_db()
    assert (item.control_date, item.control_status) == (datetime.date(2026, 9, 30), "extended")
    change = item.date_changes.get()
    assert (change.old_date, change.new_date, change.extension) == (
        datetime.date(2026, 6, 30),
        datetime.date(2026, 9, 30),
        extension,
    )
    with pytest.raises(ValidationError):
        services.extension_decide(actor=coordinator, extension=extension, approve=False, comment="x")


def test_only_executors_of_the_item_ask_for_extensions(
    observer, coordinator, plan, cycle, make_user, make_organization
):
    outsider = make_user("executor", make_organization("Kənar qurum"))
    item = ControlItem.objects.filter(plan=plan).first()
    for actor in (observer, outsider):
        with pytest.raises(PermissionDenied):
            services.extension_request(
                actor=actor, item=item, new_date=datetime.date(2026, 9, 30), reason="x", today=TODAY
            )
    assert not Extension.objects.exists()


def test_cancelled_items_take_no_more_reports(executor, coordinator, lead_report):
    item = ControlItem.objects.get(pk=lead_report.item_id)
    services.item_cancel(actor=coordinator, item=item, version=item.version, reason="Düzəlişlə çıxarılıb")
    with pytest.raises(ValidationError):
        write(executor, Report.objects.get(pk=lead_report.pk))


def test_the_daily_command_opens_due_cycles_once(plan, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command("open-cycles", "--today", "2026-04-02")
    assert "1 cycle(s) opened." in capsys.readouterr().out
    call_command("open-cycles", "--today", "2026-04-03")
    assert "0 cycle(s) opened." in capsys.readouterr().out
    with pytest.raises(CommandError, match="--today"):
        call_command("open-cycles", "--today", "2 April")
    with pytest.raises(CommandError, match=r"--today: .*2100-12-31"):
        call_command("open-cycles", "--today", "9999-12-31")


def test_the_controller_names_a_responsible_person_from_its_own_staff(
    coordinator, executor, cycle, controller_staff, outsider
):
    item = ControlItem.objects.get(measure__number="1.1")
    with pytest.raises(ValidationError) as refused:
        services.item_assign_controller_person(
            actor=coordinator, item=item, version=item.version, person=outsider
        )
    assert "person" in refused.value.message_dict
    assert ControlItem.objects.get(pk=item.pk).controller_person is None

    with pytest.raises(PermissionDenied):
        services.item_assign_controller_person(
            actor=executor, item=item, version=item.version, person=controller_staff
        )
    assert AuditEvent.objects.filter(action="control.person", outcome="refused", actor=executor).exists()

    named = services.item_assign_controller_person(
        actor=coordinator, item=item, version=item.version, person=controller_staff
    )
    assert named.controller_person == controller_staff
    event = AuditEvent.objects.get(action="control.person", outcome="success")
    assert event.data["changes"] == {"controller_person": [None, controller_staff.pk]}
    with pytest.raises(ConcurrentEditError):
        services.item_assign_controller_person(
            actor=coordinator, item=item, version=item.version, person=None
        )
    assert ControlItem.objects.get(pk=item.pk).controller_person == controller_staff
