"""A password may not be made of the e-mail address it signs in with (issue #11 item 7)."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from koordinat.accounts.models import User
from koordinat.accounts.validators import EmailSimilarityValidator, email_words

ASMAR = "asmar.zeynalova@eco.koordinat.test"


def refused(password: str, email: str = ASMAR) -> bool:
    try:
        EmailSimilarityValidator().validate(password, User(email=email))
    except ValidationError:
        return True
    return False


@pytest.mark.parametrize(
    "password",
    [
        "Asmar.Zeynalova2026",  # passes Django's UserAttributeSimilarityValidator
        "ZEYNALOVA-bərpa-77",
        "Şuşa-asmar-2026!",
        "Äsmar-2026-Qarabağ",  # diacritics do not hide it
        "asmar_zeynalova!!",
        "AsmarZeynalova#1",  # nor does dropping the separator
        "Koordinat-2026-Şuşa",  # the domain's name
    ],
)
def test_passwords_made_of_the_email_are_refused(password):
    assert refused(password)


@pytest.mark.parametrize("password", ["Qarabağ-2026-yeni", "Şuşa-bərpa-2026", "eco-Ağdam-2026-x"])
def test_other_passwords_pass(password):
    assert not refused(password)


def test_azerbaijani_letters_fold_both_ways():
    assert refused("Ilham-Quliyev-2026", "ilham.quliyev@energy.koordinat.test")
    assert refused("ƏLİYEVA-2026-bərpa", "aynur.eliyeva@center.koordinat.test")
    assert refused("güLnar-2026-bərpa", "gulnar.m@center.koordinat.test")


def test_the_words_of_an_address():
    assert email_words("Aynur.Əliyeva+gov@mincom.gov.az") == [
        "aynur.eliyeva+gov",
        "aynureliyevagov",
        "aynur",
        "eliyeva",
        "mincom",
    ]
    assert email_words("it@gov.az") == []  # too short to be a word of its own


def test_the_message_names_the_word_in_the_users_language():
    with pytest.raises(ValidationError) as error:
        validate_password("Asmar.Zeynalova2026", User(email=ASMAR))
    assert any("asmar" in message for message in error.value.messages)


def test_password_change_refuses_it(client, make_user, ministry):
    user = make_user("executor", ministry, email=ASMAR)
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "pass-user-123",
            "new_password1": "Asmar.Zeynalova2026",
            "new_password2": "Asmar.Zeynalova2026",
        },
    )
    assert response.status_code == 200
    assert "asmar" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("pass-user-123")


def test_password_reset_refuses_it(client, make_user, ministry):
    user = make_user("executor", ministry, email=ASMAR)
    client.post(reverse("accounts:password_reset"), {"email": ASMAR})
    link = re.search(r"http://testserver(/az/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    form_url = client.get(link.group(1)).url
    response = client.post(
        form_url, {"new_password1": "ZEYNALOVA-bərpa-77", "new_password2": "ZEYNALOVA-bərpa-77"}
    )
    assert response.status_code == 200
    assert User.objects.get(pk=user.pk).check_password("pass-user-123")


def test_the_admin_refuses_it_for_a_new_account(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": ASMAR,
            "role": "executor",
            "password1": "Asmar.Zeynalova2026",
            "password2": "Asmar.Zeynalova2026",
            "usable_password": "true",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email=ASMAR).exists()


def test_the_admin_refuses_it_when_setting_a_password(client, admin_user, make_user, ministry):
    user = make_user("executor", ministry, email=ASMAR)
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": "Koordinat-Asmar-9", "password2": "Koordinat-Asmar-9"},
    )
    assert response.status_code == 200
    assert User.objects.get(pk=user.pk).check_password("pass-user-123")
