"""Search normalisation: one folded form for Azerbaijani, Russian and English text.

SQLite compares only ASCII case-insensitively, and people type "Agdam" for "Ağdam" or
"Icra" for "İcra", so search matches a folded copy stored beside the names.
"""

import re
import unicodedata

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
