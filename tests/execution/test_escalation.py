"""Nobody decides on their own request: whoever sent a report or asked for an extension does not review
or decide it, even after moving to the controlling office (roles change; the record stays)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from koordinat.accounts.models import Role
from koordinat.core.models import AuditEvent
from koordinat.execution import services
from koordinat.execution.models import ControlItem, Extension, Report

from .conftest import TODAY


def submit(actor, report):
    report = services.report_save(
        actor=actor,
        report=report,
        version=report.version,
        narrative="Monitorinq şəbəkəsinin 12 stansiyası quraşdırılıb.",
        narrative_language="az",
        claimed_status="in_progress",
        progress=40,
    )
    return services.report_submit(actor=actor, report=report, version=report.version)


def move(user, role, organization):
    """The focal point joins the coordination office (or becomes an administrator)."""
    user.role, user.organization = role, organization
    user.save()
    user.__dict__.pop("_organization_scope", None)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMINISTRATOR])
def test_whoever_sent_a_report_does_not_review_it(executor, coordinator, center, lead_report, role):
    report = submit(executor, lead_report)
    move(executor, role, center)
    with pytest.raises(PermissionDenied):
        services.report_review(actor=executor, report=report, version=report.version, accept=True)
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert AuditEvent.objects.filter(action="report.review", outcome="refused", actor=executor).exists()
    services.report_review(actor=coordinator, report=report, version=report.version, accept=True)


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMINISTRATOR])
def test_whoever_asked_for_an_extension_does_not_decide_it(executor, coordinator, center, lead_report, role):
    item = ControlItem.objects.get(pk=lead_report.item_id)
    extension = services.extension_request(
        actor=executor,
        item=item,
        new_date=datetime.date(2026, 9, 30),
        reason="Avadanlıq gecikir",
        today=TODAY,
    )
    move(executor, role, center)
    with pytest.raises(PermissionDenied):
        services.extension_decide(actor=executor, extension=extension, approve=True)
    extension.refresh_from_db()
    item.refresh_from_db()
    assert extension.status == Extension.Status.REQUESTED
    assert item.control_date == datetime.date(2026, 6, 30)
    assert AuditEvent.objects.filter(action="extension.decide", outcome="refused", actor=executor).exists()
    services.extension_decide(actor=coordinator, extension=extension, approve=True)


def test_the_item_page_offers_the_decision_to_the_controller_not_to_the_requester(
    client, executor, coordinator, center, lead_report
):
    item = ControlItem.objects.get(pk=lead_report.item_id)
    extension = services.extension_request(
        actor=executor,
        item=item,
        new_date=datetime.date(2026, 9, 30),
        reason="Avadanlıq gecikir",
        today=TODAY,
    )
    decide = f'action="/az/control/extensions/{extension.pk}/decide/"'
    client.force_login(coordinator)
    assert decide in client.get(item.get_absolute_url()).content.decode()
    move(executor, Role.COORDINATOR, center)
    client.force_login(executor)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Avadanlıq gecikir" in page
    assert decide not in page
