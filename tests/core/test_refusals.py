"""Every refusal a page decides is in the audit chain: PermissionDenied raised in views, and 404s
on rows that exist but the user may not see. Missing rows are not recorded."""

import datetime
import re

import pytest
from django.urls import reverse

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.middleware import ANONYMOUS_REFUSALS
from koordinat.core.models import AuditEvent
from koordinat.plans import services as plans_services
from tests.conftest import texts


def refusals() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(outcome=AuditEvent.Outcome.REFUSED).order_by("pk"))


def assert_chain_holds() -> None:
    assert audit.verify() == (AuditEvent.objects.count(), None)


@pytest.fixture
def draft_plan(coordinator, center):
    return plans_services.plan_create(
        actor=coordinator,
        code="DRAFT-1",
        kind="action_plan",
        title=texts("Layihə planı"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=center,
    )


def test_a_page_refusal_is_recorded_with_what_was_tried_and_its_target(client, other_executor, ministry):
    client.force_login(other_executor)
    url = reverse("directory:organization_edit", args=[ministry.pk])
    response = client.post(url, {"name_az": "Ələ keçirilmiş nazirlik", "kind": "ministry", "version": 1})
    assert response.status_code == 403
    ministry.refresh_from_db()
    assert ministry.name_az != "Ələ keçirilmiş nazirlik"
    (event,) = refusals()
    assert (event.action, event.actor_id) == ("directory:organization_edit.post", other_executor.pk)
    assert (event.target_type, event.target_id) == ("directory.organization", str(ministry.pk))
    assert event.data["path"] == url
    assert event.data["method"] == "POST"
    assert event.data["client"] == "127.0.0.1"
    assert_chain_holds()


def test_a_page_refusal_without_a_target_names_the_address(client, executor):
    client.force_login(executor)
    response = client.get(reverse("plans:import"))
    assert response.status_code == 403
    (event,) = refusals()
    assert (event.action, event.target_type) == ("plans:import.get", "")
    assert event.data["path"] == reverse("plans:import")
    assert_chain_holds()


def test_the_admin_refusing_a_staff_member_is_recorded(client, make_user, center):
    staff = make_user("observer", center)
    User.objects.filter(pk=staff.pk).update(is_staff=True)
    client.force_login(staff)
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 403
    (event,) = refusals()
    assert event.action == "admin:accounts_user_changelist.get"
    assert_chain_holds()


def test_a_404_on_a_row_the_visitor_may_not_see_is_recorded(client, draft_plan):
    """Anonymous visitors read plans on the portal, which shows only published plans: the draft
    exists, the page says 404."""
    response = client.get(reverse("portal:plan", args=[draft_plan.code]))
    assert response.status_code == 404
    (event,) = refusals()
    assert (event.action, event.actor_id) == ("plan.view", None)
    assert (event.target_type, event.target_id) == ("plans.plan", str(draft_plan.pk))
    assert event.data["path"] == reverse("portal:plan", args=[draft_plan.code])
    assert_chain_holds()


def test_the_404_page_does_not_tell_a_hidden_row_from_a_missing_one(client, draft_plan):
    hidden = client.get(reverse("portal:plan", args=[draft_plan.code]))
    missing = client.get(reverse("portal:plan", args=["NO-SUCH-PLAN"]))
    assert hidden.status_code == missing.status_code == 404
    # The office's own address sends every anonymous visitor to the portal, whether the plan exists or not.
    sent = [
        client.get(reverse("plans:plan", args=[code]))["Location"]
        for code in (draft_plan.code, "NO-SUCH-PLAN")
    ]
    assert sent == [
        reverse("portal:plan", args=[draft_plan.code]),
        reverse("portal:plan", args=["NO-SUCH-PLAN"]),
    ]

    def page(response) -> str:  # the masked CSRF token differs on every page
        return re.sub(r'"X-CSRFToken": "\w+"', "", response.content.decode())

    assert page(hidden).replace(draft_plan.code, "NO-SUCH-PLAN") == page(missing)


def test_a_404_on_a_row_that_does_not_exist_is_not_recorded(client, coordinator, draft_plan):
    assert client.get(reverse("portal:plan", args=["NO-SUCH-PLAN"])).status_code == 404
    assert client.get(reverse("portal:measure", args=[draft_plan.code, "9.9"])).status_code == 404
    client.force_login(coordinator)
    before = AuditEvent.objects.count()
    assert client.get(reverse("directory:organization", args=[999_999])).status_code == 404
    assert client.get(reverse("plans:plan", args=["NO-SUCH-PLAN"])).status_code == 404
    assert AuditEvent.objects.count() == before
    assert refusals() == []


def test_an_anonymous_client_cannot_flood_the_chain(client, draft_plan):
    url = reverse("portal:plan", args=[draft_plan.code])
    for _ in range(ANONYMOUS_REFUSALS + 5):
        assert client.get(url).status_code == 404
    assert len(refusals()) == ANONYMOUS_REFUSALS
    other_client = client.get(url, REMOTE_ADDR="10.1.2.3")
    assert other_client.status_code == 404
    assert len(refusals()) == ANONYMOUS_REFUSALS + 1  # the budget is per client address
    assert_chain_holds()


def test_a_signed_in_user_is_recorded_every_time(client, executor, draft_plan):
    client.force_login(executor)
    for _ in range(ANONYMOUS_REFUSALS + 5):
        assert client.get(reverse("plans:import")).status_code == 403
    assert len(refusals()) == ANONYMOUS_REFUSALS + 5


def test_behind_a_trusted_proxy_the_client_address_is_the_forwarded_one(client, executor, settings):
    settings.KOORDINAT_PROXY_COUNT = 1
    client.force_login(executor)
    client.get(reverse("plans:import"), HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7", REMOTE_ADDR="10.0.0.1")
    (event,) = refusals()
    assert event.data["client"] == "192.0.2.7"  # what the proxy saw, not what the client claimed
