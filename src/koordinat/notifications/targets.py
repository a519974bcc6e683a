"""Where a notice leads: the page's path kept without its language, given back in the reader's."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def path(view_name: str, *args: Any) -> str:
    """`reverse` without the language prefix: "/control/reports/12/"."""
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse(view_name, args=args)
    prefix = f"/{settings.LANGUAGE_CODE}/"
    return url[len(prefix) - 1 :] if url.startswith(prefix) else url


def in_language(target: str, language: str) -> str:
    """The notice's page in `language`: "/ru/control/reports/12/"."""
    return f"/{language}{target}" if target.startswith("/") else target


def absolute(target: str, language: str) -> str:
    """For e-mails: the page on this installation's address (KOORDINAT_BASE_URL)."""
    base = getattr(settings, "KOORDINAT_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    return base + in_language(target, language)
