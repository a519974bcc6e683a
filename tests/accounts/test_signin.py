"""Sign-in in the audit chain, and the lockout after repeated wrong passwords (django-axes)."""

import io
import json

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from koordinat.accounts import services
from koordinat.core import audit
from koordinat.core.models import AuditEvent

PASSWORD = "pass-user-123"
WRONG = "Yanlış-parol-2026"


def sign_in(client, email, password, url=None):
    return client.post(url or reverse("accounts:login"), {"username": email, "password": password})


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def lock_out(client, email):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, email, WRONG)
    return response


def test_a_failed_sign_in_is_recorded_with_the_address_never_the_password(client, coordinator):
    response = sign_in(client, "  " + coordinator.email.upper(), WRONG)
    assert response.status_code == 200
    (event,) = events("auth.login")
    assert event.outcome == "refused"
    assert event.actor_id is None
    assert event.data == {"email": coordinator.email, "client": "127.0.0.1", "locked_out": False}
    assert (event.target_type, event.target_id) == ("accounts.user", str(coordinator.pk))
    row = json.dumps(list(AuditEvent.objects.values()), default=str, ensure_ascii=False)
    assert WRONG not in row
    assert audit.verify()[1] is None


def test_a_failed_sign_in_with_an_unknown_address_names_no_account(client, db):
    sign_in(client, "nobody@koordinat.test", WRONG)
    (event,) = events("auth.login")
    assert (event.outcome, event.target_id, event.data["email"]) == ("refused", "", "nobody@koordinat.test")


def test_signing_in_and_out_are_recorded(client, coordinator):
    assert sign_in(client, coordinator.email, PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    signed_in, signed_out = events("auth.login") + events("auth.logout")
    assert (signed_in.outcome, signed_in.actor_id, signed_in.data) == (
        "success",
        coordinator.pk,
        {"client": "127.0.0.1"},
    )
    assert (signed_out.outcome, signed_out.actor_id) == ("success", coordinator.pk)
    assert PASSWORD not in json.dumps(list(AuditEvent.objects.values()), default=str)


def test_repeated_wrong_passwords_lock_the_sign_in_even_for_the_right_one(client, coordinator):
    response = lock_out(client, coordinator.email)
    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    (lockout,) = events("auth.lockout")
    assert lockout.outcome == "refused"
    assert lockout.data["failures"] == settings.AXES_FAILURE_LIMIT
    assert (lockout.target_type, lockout.target_id) == ("accounts.user", str(coordinator.pk))

    response = sign_in(client, coordinator.email, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("directory:organizations")).status_code == 302  # still signed out
    refused = events("auth.login")[-1]
    assert (refused.outcome, refused.data["locked_out"]) == ("refused", True)
    assert len(events("auth.lockout")) == 1  # an attempt while locked prolongs the lockout, recorded once
    assert audit.verify()[1] is None


def test_the_lockout_counts_the_address_in_any_case(client, coordinator):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, coordinator.email.upper(), WRONG)
    assert sign_in(client, coordinator.email, WRONG).status_code == 429


def test_the_lockout_is_per_address_and_client(client, coordinator, observer):
    lock_out(client, coordinator.email)
    assert sign_in(client, observer.email, PASSWORD).status_code == 302
    client.logout()
    other_client = client.post(
        reverse("accounts:login"),
        {"username": coordinator.email, "password": PASSWORD},
        REMOTE_ADDR="10.9.8.7",
    )
    assert other_client.status_code == 302


def test_the_lockout_page_speaks_the_language_of_the_page(client, coordinator):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, coordinator.email, WRONG, url="/ru/accounts/login/")
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="ru"' in html
    assert "Вход временно заблокирован" in html
    assert "30 минут" in html


def test_the_admin_sign_in_is_locked_too(client, admin_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(
            reverse("admin:login"), {"username": admin_user.email, "password": WRONG, "next": "/az/admin/"}
        )
    assert response.status_code == 429
    response = client.post(
        reverse("admin:login"), {"username": admin_user.email, "password": "pass-admin-123"}
    )
    assert response.status_code == 429
    assert events("auth.lockout")


def test_an_administrator_unlocks_in_the_admin_and_the_right_password_works_again(
    client, coordinator, admin_user
):
    lock_out(client, coordinator.email)
    attempt = AccessAttempt.objects.get(username=coordinator.email)
    admin_client = client_class_for(client)
    admin_client.force_login(admin_user)
    response = admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    (unlock,) = events("auth.unlock")
    assert (unlock.outcome, unlock.actor_id) == ("success", admin_user.pk)
    assert unlock.data == {"email": coordinator.email, "client": "127.0.0.1", "attempts": 1}
    assert (unlock.target_type, unlock.target_id) == ("accounts.user", str(coordinator.pk))

    assert sign_in(client, coordinator.email, PASSWORD).status_code == 302
    assert audit.verify()[1] is None


def test_unlocking_several_in_the_admin_list(client, coordinator, observer, admin_user):
    lock_out(client, coordinator.email)
    lock_out(client, observer.email)
    admin_client = client_class_for(client)
    admin_client.force_login(admin_user)
    response = admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sorted(event.data["email"] for event in events("auth.unlock")) == sorted(
        [coordinator.email, observer.email]
    )


def test_the_command_unlocks_as_an_administrator(client, coordinator, admin_user):
    lock_out(client, coordinator.email)
    out = io.StringIO()
    call_command("unlock-sign-in", coordinator.email.upper(), stdout=out)
    assert "1 lockout record(s) removed" in out.getvalue()
    (unlock,) = events("auth.unlock")
    assert (unlock.actor_id, unlock.data["email"]) == (admin_user.pk, coordinator.email)
    assert sign_in(client, coordinator.email, PASSWORD).status_code == 302


@pytest.mark.parametrize("role", ["coordinator", "executor", "observer"])
def test_only_an_administrator_unlocks(client, request, role, observer, admin_user):
    actor = request.getfixturevalue(role)
    lock_out(client, observer.email)
    with pytest.raises(CommandError):
        call_command("unlock-sign-in", observer.email, user=actor.email)
    assert AccessAttempt.objects.filter(username=observer.email).exists()
    refused = events("auth.unlock")
    assert [(event.outcome, event.actor_id) for event in refused] == [("refused", actor.pk)]
    with pytest.raises(PermissionDenied):
        services.sign_in_unlock(actor=actor, email=observer.email)
    assert AccessAttempt.objects.filter(username=observer.email).exists()


def client_class_for(client):
    """A second browser: the administrator's, beside the locked-out visitor's."""
    return type(client)()
