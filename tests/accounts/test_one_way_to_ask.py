"""One way to ask "may this user do this": the predicates services and views call.

No permission is registered with `rules` and its auth backend is not installed, so Django's own
model permissions (which the admin reads, and whose names such as "directory.change_organization"
the registrations used to shadow) mean only what ModelBackend says.
"""

import importlib

import pytest
import rules.permissions
from django.apps import apps
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.module_loading import import_string

from koordinat.accounts.models import Role
from koordinat.core.models import AuditEvent

PERMISSION_MODULES = [
    f"koordinat.{app}.permissions" for app in ("accounts", "directory", "plans", "execution", "meetings")
]
OLD_NAMES = [
    "directory.view",
    "directory.add_organization",
    "directory.change_organization",
    "directory.abolish_organization",
    "directory.add_person",
    "directory.change_person",
    "directory.add_body",
    "directory.change_body",
    "plans.view",
    "plans.manage",
    "execution.manage_cycles",
    "execution.review_report",
    "execution.close_item",
    "meetings.add_meeting",
    "meetings.change_meeting",
    "meetings.approve_minutes",
]


def test_no_rule_is_registered_as_a_permission():
    for module in PERMISSION_MODULES:
        importlib.import_module(module)
    assert dict(rules.permissions.permissions) == {}


def test_the_rules_backend_and_autodiscovery_are_not_installed():
    """ModelBackend stays for the admin (other backends, such as sign-in throttling, may join it)."""
    backends = [import_string(path) for path in settings.AUTHENTICATION_BACKENDS]
    assert any(issubclass(backend, ModelBackend) for backend in backends)
    assert not [backend for backend in settings.AUTHENTICATION_BACKENDS if backend.startswith("rules.")]
    assert not apps.is_installed("rules")


@pytest.fixture
def staff_coordinator(make_user, center):
    user = make_user(Role.COORDINATOR, center, email="staff-coordinator@koordinat.test")
    user.is_staff = True
    user.save()
    return user


def test_a_staff_coordinator_gets_no_permission_through_the_old_rule_names(staff_coordinator, ministry):
    for name in OLD_NAMES:
        assert not staff_coordinator.has_perm(name), name
        assert not staff_coordinator.has_perm(name, ministry), name
    assert not staff_coordinator.has_module_perms("directory")


@pytest.mark.parametrize(
    "url",
    [
        "admin:directory_organization_changelist",
        "admin:directory_person_changelist",
        "admin:directory_body_changelist",
        "admin:directory_organization_add",
    ],
)
def test_a_staff_coordinator_gets_no_directory_rights_in_the_admin(client, staff_coordinator, url):
    client.force_login(staff_coordinator)
    assert client.get(reverse(url)).status_code == 403


def test_a_staff_coordinator_cannot_change_an_organisation_in_the_admin(client, staff_coordinator, ministry):
    client.force_login(staff_coordinator)
    url = reverse("admin:directory_organization_change", args=[ministry.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"name_az": "Admin ilə dəyişdirilmiş", "kind": "ministry"}).status_code == 403
    ministry.refresh_from_db()
    assert ministry.name_az != "Admin ilə dəyişdirilmiş"


# The accounts admin -----------------------------------------------------------------------------------


def user_post(user, **overrides):
    data = {
        "email": user.email,
        "person": str(user.person_id or ""),
        "organization": str(user.organization_id or ""),
        "role": user.role,
        "is_active": "on",
    }
    if user.is_staff:
        data["is_staff"] = "on"
    if user.is_superuser:
        data["is_superuser"] = "on"
    data.update(overrides)
    return data


def test_staff_with_the_user_permission_but_not_administrators_keep_no_accounts(client, staff_coordinator):
    """Even a Django permission to change users, given through a group, opens no account to a coordinator."""
    staff_coordinator.user_permissions.set(Permission.objects.filter(content_type__app_label="accounts"))
    client.force_login(staff_coordinator)
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
    url = reverse("admin:accounts_user_change", args=[staff_coordinator.pk])
    response = client.post(url, user_post(staff_coordinator, role=Role.ADMINISTRATOR, is_superuser="on"))
    assert response.status_code == 403
    staff_coordinator.refresh_from_db()
    assert (staff_coordinator.role, staff_coordinator.is_superuser) == (Role.COORDINATOR, False)


def test_an_administrator_changes_nobodys_access_on_their_own_account(client, admin_user, other_ministry):
    client.force_login(admin_user)
    url = reverse("admin:accounts_user_change", args=[admin_user.pk])
    page = client.get(url).content.decode()
    assert '<select name="role"' not in page
    response = client.post(
        url, user_post(admin_user, role=Role.OBSERVER, organization=str(other_ministry.pk), is_superuser="")
    )
    assert response.status_code == 302
    admin_user.refresh_from_db()
    assert (admin_user.role, admin_user.organization, admin_user.is_superuser) == (
        Role.ADMINISTRATOR,
        None,
        True,
    )


def test_an_administrator_changes_another_users_role_and_it_is_audited(client, admin_user, coordinator):
    client.force_login(admin_user)
    url = reverse("admin:accounts_user_change", args=[coordinator.pk])
    assert '<select name="role"' in client.get(url).content.decode()
    response = client.post(url, user_post(coordinator, role=Role.OBSERVER))
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.role == Role.OBSERVER
    event = AuditEvent.objects.get(action="user.update", target_id=str(coordinator.pk))
    assert event.data["changes"]["role"] == [Role.COORDINATOR, Role.OBSERVER]


def test_a_page_reads_the_signed_in_user_with_their_names_in_one_query(client, coordinator):
    """The header names the user by their organisation: read with the user, not after it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/accounts/password/change/")
    assert response.status_code == 200
    from django.utils.html import escape
    from django.utils.translation import override

    with override("en"):
        assert escape(coordinator.display_name) in response.content.decode()
    assert not [query for query in captured if 'FROM "directory_organization"' in query["sql"]]
