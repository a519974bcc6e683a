"""Helpers for content fields kept in az, ru and en columns (django-modeltranslation)."""

from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import translation

Texts = dict[str, str]
"""One text per language code: {"az": ..., "ru": ..., "en": ...}."""


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def translated_columns(*fields: str, prefix: str = "") -> list[str]:
    """Every language's column of each field, for `.only()`: a reader's language may fall back."""
    return [f"{prefix}{field}_{code}" for field in fields for code in language_codes()]


def texts_from(data: Mapping[str, Any], field: str) -> Texts:
    """Collect `field_az`, `field_ru`, `field_en` from form data into one Texts value."""
    return {code: (data.get(f"{field}_{code}") or "").strip() for code in language_codes()}


def assign_texts(instance: models.Model, field: str, texts: Texts) -> None:
    for code in language_codes():
        setattr(instance, f"{field}_{code}", texts.get(code, "") or "")


def texts_of(instance: models.Model, field: str) -> Texts:
    return {code: getattr(instance, f"{field}_{code}") or "" for code in language_codes()}


def in_each_language(make: Callable[[], Any]) -> Texts:
    """A text Koordinat writes (a message with names filled in) made once in each language."""
    texts: Texts = {}
    for code in language_codes():
        with translation.override(code):
            texts[code] = str(make())
    return texts
