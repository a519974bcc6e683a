"""Search normalisation: one folded form for Azerbaijani, Russian and English text.

SQLite compares only ASCII case-insensitively, and people type "Agdam" for "Ağdam" or
"Icra" for "İcra", so search matches a folded copy stored beside the names.
"""

import unicodedata

_SPECIAL = str.maketrans({"ə": "e", "Ə": "e", "ı": "i", "I": "i", "İ": "i", "ё": "е", "Ё": "е"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics and map ə→e, ı/İ→i, ё→е; spaces collapsed."""
    text = text.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
