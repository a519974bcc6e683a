"""What a measure that came from Decidim said there, in the reader's language."""

from typing import Any

from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()


@register.filter
def decidim_status(decidim: dict[str, Any] | None) -> str:
    """The status name in the reader's language (falling back as the texts do), else its key."""
    status = (decidim or {}).get("status") or {}
    names = status.get("name") or {}
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    language = translation.get_language() or settings.LANGUAGE_CODE
    order = [language, *fallbacks.get(language, fallbacks["default"])]
    return next((names[code] for code in order if names.get(code)), status.get("key", ""))
