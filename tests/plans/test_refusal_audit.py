"""Refusals on the plan pages are in the audit chain (issue #11 item 4)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from koordinat.core import audit
from koordinat.core.models import AuditEvent
from koordinat.plans import services
from koordinat.plans.models import PlanImport

from .files import AZ_HEADER, xlsx_bytes


def refusals() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(outcome="refused").order_by("pk"))


def start_import(actor) -> PlanImport:
    upload = SimpleUploadedFile("p.xlsx", xlsx_bytes([AZ_HEADER]))
    return services.plan_import_start(actor=actor, upload=upload, plan_code="NEW-1")


def test_someone_elses_pending_import_is_a_recorded_404(client, coordinator, admin_user):
    pending = start_import(coordinator)
    client.force_login(admin_user)
    assert client.get(reverse("plans:import_preview", args=[pending.token])).status_code == 404
    (event,) = refusals()
    assert (event.action, event.actor_id) == ("planimport.view", admin_user.pk)
    assert (event.target_type, event.target_id) == ("plans.planimport", str(pending.pk))
    assert audit.verify()[1] is None


def test_ones_own_confirmed_import_is_gone_not_refused(client, coordinator):
    pending = start_import(coordinator)
    PlanImport.objects.filter(pk=pending.pk).update(status=PlanImport.Status.COMMITTED)
    client.force_login(coordinator)
    assert client.get(reverse("plans:import_preview", args=[pending.token])).status_code == 404
    assert refusals() == []


def test_an_office_page_refused_to_an_executor_is_recorded(client, executor):
    client.force_login(executor)
    assert client.get(reverse("plans:plan_create")).status_code == 403
    (event,) = refusals()
    assert event.action == "plans:plan_create.get"
