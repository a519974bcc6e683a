"""A password must not be made of the e-mail address it signs in with."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from koordinat.core.text import fold

_SEPARATORS = re.compile(r"[\s._+\-]+")
MIN_LOCAL_PART = 3
MIN_WORD_LETTERS = 4


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def email_words(email: str) -> list[str]:
    """What a password may not contain, folded (case, diacritics, ə/ı): the local part whole and
    without separators, its parts split on . _ - + of 4+ letters, and the domain's names of 4+
    letters but its last (the top-level domain)."""
    local, _at, domain = fold(email).rpartition("@")
    if not local:
        return []
    words = []
    if len(local) >= MIN_LOCAL_PART:
        words += [local, _SEPARATORS.sub("", local)]
    words += [part for part in _SEPARATORS.split(local) if _letters(part) >= MIN_WORD_LETTERS]
    words += [label for label in domain.split(".")[:-1] if _letters(label) >= MIN_WORD_LETTERS]
    return list(dict.fromkeys(words))


class EmailSimilarityValidator:
    """Django's UserAttributeSimilarityValidator compares the whole address by similarity ratio, so
    "Asmar.Zeynalova2026" passes for asmar.zeynalova@…; this one refuses any password containing
    the address' words, whatever the case, diacritics or separators."""

    def validate(self, password: str, user: Any = None) -> None:
        email = getattr(user, "email", "") or ""
        folded = fold(password)
        haystacks = (folded, _SEPARATORS.sub("", folded))
        for word in email_words(email):
            if any(word in haystack for haystack in haystacks):
                raise ValidationError(
                    _("The password contains “%(word)s” from your e-mail address. Choose one that does not."),
                    code="password_too_similar_to_email",
                    params={"word": word},
                )

    def get_help_text(self) -> str:
        return _("Your password cannot contain your e-mail address or the names it is made of.")
