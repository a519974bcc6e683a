"""What the services of execution and meetings record tells the people concerned, once."""

import datetime

import pytest

from koordinat.directory.models import Organization
from koordinat.execution import services as execution
from koordinat.meetings import services as meetings
from koordinat.notifications.events import notify_event
from koordinat.notifications.models import Notification
from tests.conftest import texts
from tests.execution.conftest import TODAY
from tests.execution.test_services import submit


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the services queue after commit (the notices' jobs) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def received(user):
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", "target"))


def test_a_sent_report_waits_for_the_controllers_review(
    committed, executor, coordinator, other_executor, lead_report
):
    with committed():
        submit(executor, lead_report)
    assert received(coordinator) == [("review_waiting", f"/control/reports/{lead_report.pk}/")]
    assert received(executor) == []  # nobody is told of what they did
    assert received(other_executor) == []
    notice = Notification.objects.get(recipient=coordinator)
    assert notice.text("en").startswith(
        "Organisation Ekologiya və Təbii Sərvətlər Nazirliyi sent its report on CTRL-1 1.1"
    )
    assert notice.text("ru").startswith(
        "Поступил отчёт по CTRL-1 1.1. Monitorinq (исполнитель: Организация Ekologiya"
    )


def test_a_returned_report_goes_back_to_the_focal_points(committed, executor, coordinator, head, lead_report):
    report = submit(executor, lead_report)
    with committed():
        execution.report_review(
            actor=coordinator, report=report, version=report.version, accept=False, comment="Sübut əlavə edin"
        )
    [notice] = Notification.objects.filter(recipient=executor)
    assert notice.kind == "report_returned"
    assert notice.text("az").endswith("yenidən işlənməyə qaytarıldı: Sübut əlavə edin")
    assert received(head) == []  # the head is told when it waits for them


def test_a_report_for_the_head_waits_for_the_head(
    committed, executor, head, coordinator, ministry, lead_report
):
    Organization.objects.filter(pk=ministry.pk).update(reports_need_head_approval=True)
    lead_report.organization.refresh_from_db()
    with committed():
        submit(executor, lead_report)
    assert [kind for kind, _target in received(head)] == ["approval_waiting"]
    assert received(coordinator) == []


def test_extensions_reach_the_controller_and_then_the_requester(
    committed, executor, coordinator, cycle, lead_report
):
    with committed():
        extension = execution.extension_request(
            actor=executor,
            item=lead_report.item,
            new_date=datetime.date(2026, 9, 30),
            reason="Gecikmə",
            today=TODAY,
        )
    assert received(coordinator) == [("extension_waiting", f"/control/items/{lead_report.item_id}/")]
    with committed():
        execution.extension_decide(
            actor=coordinator, extension=extension, approve=False, comment="Əsas yoxdur"
        )
    [notice] = Notification.objects.filter(recipient=executor)
    assert notice.text("ru") == (
        "Ваш запрос о переносе контрольного срока по CTRL-1 1.1. Monitorinq на 30 сентября 2026 г. отклонён."
    )


def test_an_events_job_run_twice_writes_nothing_twice(committed, executor, coordinator, lead_report):
    with committed():
        submit(executor, lead_report)
    event_id = Notification.objects.get().key.split(":")[1]
    notify_event(int(event_id))
    assert Notification.objects.count() == 1


def test_circulated_minutes_wait_for_the_chair(committed, secretary, chair, minutes):
    with committed():
        meetings.minutes_circulate(actor=secretary, minutes=minutes, version=minutes.version)
    assert received(chair) == [("minutes_waiting", f"/meetings/{minutes.meeting_id}/")]
    assert (
        Notification.objects.get(recipient=chair)
        .text("az")
        .startswith("Ekologiya üzrə işçi qrup — 1 iclasının 12 nömrəli")
    )


def test_a_registered_instruction_is_assigned_to_its_executors(
    committed, coordinator, center, ministry, executor, other_executor, approving_act
):
    with committed():
        instruction = meetings.instruction_register(
            actor=coordinator,
            number="4",
            text=texts("Hesabat hazırlamaq"),
            control_date=datetime.date.today() + datetime.timedelta(days=60),
            controller=center,
            executors=[ministry],
            legal_act=approving_act,
        )
    assert received(executor) == [("instruction_assigned", f"/control/items/{instruction.control.pk}/")]
    assert received(other_executor) == []
