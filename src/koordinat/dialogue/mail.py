"""E-mails to citizens, in the language each chose, sent once the change is committed. Citizens are not
office users, so they get no in-application notices, only these."""

from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from koordinat.notifications.targets import absolute

from .models import Citizen


def to_citizen(citizen: Citizen, compose: Callable[[], tuple[str, str]]) -> None:
    """After commit, mail `compose()`'s (subject, body), written in the citizen's language."""
    email, language = citizen.email, citizen.language

    def send() -> None:
        with translation.override(language):
            subject, body = compose()
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True)

    transaction.on_commit(send)


def page(view_path: str, language: str) -> str:
    """A page's full address in `language` (KOORDINAT_BASE_URL)."""
    return absolute(view_path, language)
