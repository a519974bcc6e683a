import re

from django.core import mail
from django.urls import reverse

from koordinat.accounts.models import User


def test_sign_in_with_email_and_sign_out(client, coordinator):
    response = client.post(
        reverse("accounts:login"), {"username": coordinator.email.upper(), "password": "pass-user-123"}
    )
    assert response.status_code == 302
    assert client.get(reverse("directory:organizations")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("directory:organizations")).status_code == 302


def test_wrong_password_names_no_account_and_keeps_the_email(client, coordinator):
    response = client.post(reverse("accounts:login"), {"username": coordinator.email, "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="govuk-error-summary"' in html
    assert coordinator.email in html


def test_password_change(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "pass-user-123",
            "new_password1": "Qarabağ-2026-yeni",
            "new_password2": "Qarabağ-2026-yeni",
        },
    )
    assert response.status_code == 302
    coordinator.refresh_from_db()
    assert coordinator.check_password("Qarabağ-2026-yeni")


def test_password_reset_by_email_in_the_users_language(client, coordinator):
    response = client.post("/ru/accounts/password/reset/", {"email": coordinator.email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "Koordinat" in message.subject
    link = re.search(r"http://testserver(/ru/accounts/password/reset/\S+/)", message.body)
    assert link is not None
    form_url = client.get(link.group(1)).url  # Django swaps the token for a session marker
    response = client.post(form_url, {"new_password1": "Şuşa-bərpa-2026", "new_password2": "Şuşa-bərpa-2026"})
    assert response.status_code == 302
    assert User.objects.get(pk=coordinator.pk).check_password("Şuşa-bərpa-2026")


def test_password_reset_does_not_reveal_unknown_addresses(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@koordinat.test"})
    assert response.status_code == 302
    assert mail.outbox == []
