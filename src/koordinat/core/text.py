"""Text in three languages: search folding and case mapping.

Search: SQLite compares only ASCII case-insensitively, and people type "Agdam" for "Ağdam" or
"Icra" for "İcra", so search matches a folded copy stored beside the names.

Case: Azerbaijani has two i's, dotted i/İ and dotless ı/I, which Python's `str.upper()` and Django's
`capfirst` map as English does ("işçi qrup" → "Işçi qrup"). `upper`, `lower` and `capfirst` here
map them by the language (the page's by default); the templates' `capfirst`, `upper` and `lower`
filters are these (core.templatetags.text, a template builtin).
"""

import re
import unicodedata

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

_SPECIAL = str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "I": "i", "İ": "i", "ё": "е", "Ё": "е"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map ə→e, ı/İ→i, ё→е; spaces collapsed."""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# The control characters XML 1.0 cannot hold (tab, line feed and carriage return it can): a DOCX or
# XLSX writer refuses a text with one, and imported cells or pasted text may carry them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_safe(text: str) -> str:
    """The text as a DOCX or XLSX document can hold it: XML's forbidden control characters left out."""
    return _XML_ILLEGAL.sub("", text)


def shortened(text: str, length: int) -> str:
    """Django's `truncatechars` for a table cell: at most `length` characters, the last one "…" when
    cut. Its Truncator normalises and scans every text, which for a page of two hundred items cost
    more than drawing the rest of their rows."""
    return text if len(text) <= length else f"{text[: length - 1]}…"


# Azerbaijani (and Turkish, Tatar, ...) pair i with İ and ı with I.
_DOTTED_LANGUAGES = {"az", "tr", "crh", "tt", "kk"}
_DOTTED_UPPER = str.maketrans({"i": "İ", "ı": "I"})
_DOTTED_LOWER = str.maketrans({"I": "ı", "İ": "i"})


def dotted_i(language: str | None = None) -> bool:
    """Whether `language` (the page's when None) pairs i with İ and ı with I."""
    code = language or get_language() or settings.LANGUAGE_CODE
    return code.split("-")[0].lower() in _DOTTED_LANGUAGES


def upper(text: str, language: str | None = None) -> str:
    """`text` in capitals as `language` writes them: Azerbaijani "işçi" → "İŞÇİ", "qız" → "QIZ"."""
    return (text.translate(_DOTTED_UPPER) if dotted_i(language) else text).upper()


def lower(text: str, language: str | None = None) -> str:
    """`text` in small letters as `language` writes them: Azerbaijani "İCRA" → "icra", "QIZ" → "qız"."""
    return (text.translate(_DOTTED_LOWER) if dotted_i(language) else text).lower()


def capfirst(text: str, language: str | None = None) -> str:
    """The first letter in capitals as `language` writes it, the rest as it is: "işçi qrup" →
    "İşçi qrup" in Azerbaijani (Django's `capfirst` gives "Işçi qrup")."""
    if not text:
        return text
    return upper(text[0], language) + text[1:]


def in_language(text: str, language: str) -> SafeString:
    """Words quoted in another language than the page's ("2026-cı ilin II rübü" on an English page),
    marked with their language so screen readers say them right and the checks of a page's wording
    (tests/test_crawl.py) tell them from the page's own words. The message around them puts the
    quotation marks its language uses (“…” or «…»)."""
    return format_html('<span lang="{}">{}</span>', language, text)
