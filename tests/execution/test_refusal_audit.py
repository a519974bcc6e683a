"""Refusals on the execution pages are in the audit chain once each (issue #11 item 4)."""

import datetime

import pytest
from django.urls import reverse

from koordinat.core import audit
from koordinat.core.models import AuditEvent
from koordinat.execution import services
from koordinat.execution.models import ControlItem

from .test_services import submit


@pytest.fixture
def report(coordinator, plan, ministry):
    cycle = services.cycle_open(
        actor=coordinator,
        plan=plan,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        due_date=datetime.date.today() + datetime.timedelta(days=30),
    )
    return cycle.reports.get(organization=ministry)


def refusals() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(outcome="refused").order_by("pk"))


def test_a_refusal_decided_by_the_page_is_recorded(client, executor, report):
    item = report.item
    client.force_login(executor)
    response = client.post(reverse("execution:item_close", args=[item.pk]), {"action": "remove"})
    assert response.status_code == 403
    assert ControlItem.objects.get(pk=item.pk).control_status == item.control_status
    (event,) = refusals()
    assert (event.action, event.actor_id) == ("execution:item_close.post", executor.pk)
    assert event.data["arguments"] == {"pk": str(item.pk)}
    assert audit.verify()[1] is None


def test_another_organisations_draft_is_a_recorded_404(client, other_executor, report):
    client.force_login(other_executor)
    response = client.get(reverse("execution:report", args=[report.pk]))
    assert response.status_code == 404
    (event,) = refusals()
    assert (event.action, event.actor_id) == ("report.view", other_executor.pk)
    assert (event.target_type, event.target_id) == ("execution.report", str(report.pk))
    assert event.data["path"] == reverse("execution:report", args=[report.pk])
    assert audit.verify()[1] is None


def test_a_refusal_the_service_recorded_is_not_recorded_again(client, executor, other_executor, report):
    report = submit(executor, report)
    client.force_login(other_executor)
    response = client.post(
        reverse("execution:report_review", args=[report.pk]),
        {"version": report.version, "decision": "accept"},
    )
    assert response.status_code == 403
    (event,) = refusals()
    assert event.action == "report.review"  # the service's own record, with its details
    assert event.data["report"] == report.pk
    assert audit.verify()[1] is None
