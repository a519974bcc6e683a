"""Lists in the order of the page's alphabet: Azerbaijani, Russian or English.

A database compares text by its own collation: SQLite by code point ("Ə" after "Z", "Ağdam" after
"Avtomobil"), PostgreSQL by the server's locale, usually English. Names are sorted here as each
alphabet orders them:

    az  a b c ç d e ə f g ğ h x ı i j k q l m n o ö p r s ş t u ü v y z (w after z)
    ru  а б в г д е ё ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я (ё sorted with е)
    en  a b c d e f g h i j k l m n o p q r s t u v w x y z (accents second, ə after e, ı after i)

On PostgreSQL the collations `koordinat_az`, `koordinat_ru` and `koordinat_en` are ICU's (migration
core 0002); on SQLite they are functions of the same names registered on every connection, comparing
`sort_key`, which follows ICU's rules for these alphabets: letters by the alphabet, then accents,
then small letters before capitals; spaces before punctuation before digits before letters; Latin
before Cyrillic, except in Russian.

`collated(expression)` puts the page's collation on a text expression for `order_by`;
`by_label(*fields)` orders by the label a list shows (the first filled of the fields in the page's
language and its fallbacks); `sort_key(text)` sorts in Python.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db.backends.signals import connection_created
from django.db.models import F, Index, TextField, Value
from django.db.models.expressions import Combinable, Expression
from django.db.models.functions import Coalesce, Collate, NullIf
from django.dispatch import receiver
from django.utils.translation import get_language

from koordinat.core.rows import label_columns
from koordinat.core.text import lower

ALPHABETS = {
    "az": "abcçdeəfgğhxıijkqlmnoöprsştuüvyzw",
    "en": "abcdeəfghiıjklmnopqrstuvwxyz",
}
CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюя"
# (group of the character: space, punctuation, digit, first script, second script, other letters)
_SPACE, _PUNCTUATION, _DIGIT, _FIRST, _SECOND, _OTHER = range(6)
LANGUAGES = ("az", "ru", "en")


def collation_language(language: str | None = None) -> str:
    """The language whose alphabet orders the page's lists: az, ru or en."""
    code = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code if code in LANGUAGES else "en"


def collation_name(language: str | None = None) -> str:
    """The database collation of `language` (the page's when None)."""
    return f"koordinat_{collation_language(language)}"


@functools.lru_cache(maxsize=8)
def _letters(language: str) -> dict[str, tuple[int, int]]:
    """Each letter's place (group, index) in `language`: Cyrillic before Latin in Russian only."""
    latin_group, cyrillic_group = (_SECOND, _FIRST) if language == "ru" else (_FIRST, _SECOND)
    places = {
        letter: (latin_group, index) for index, letter in enumerate(ALPHABETS.get(language, ALPHABETS["en"]))
    }
    places.update({letter: (cyrillic_group, index) for index, letter in enumerate(CYRILLIC)})
    return places


def _weights(character: str, language: str) -> tuple[tuple[int, int], tuple[int, ...], int]:
    """ICU's three levels for one character: the letter, its accents, its case."""
    places = _letters(language)
    small = lower(character, language)
    case = 0 if small == character else 1
    if small in places:
        return places[small], (), case
    decomposed = unicodedata.normalize("NFD", small)
    base, marks = decomposed[:1], tuple(ord(mark) for mark in decomposed[1:])
    if base in places:
        return places[base], marks, case
    if character.isspace():
        return (_SPACE, 0), (), 0
    if character.isdigit():
        return (_DIGIT, unicodedata.digit(character, 0)), (), 0
    if not character.isalpha():
        return (_PUNCTUATION, ord(character)), (), 0
    return (_OTHER, ord(base or small)), marks, case


@functools.lru_cache(maxsize=65536)
def _key(text: str, language: str) -> tuple[Any, ...]:
    weights = [_weights(character, language) for character in text]
    return (
        tuple(weight[0] for weight in weights),
        tuple(weight[1] for weight in weights),
        tuple(weight[2] for weight in weights),
        text,
    )


def sort_key(text: str | None, language: str | None = None) -> tuple[Any, ...]:
    """A key that sorts texts as `language`'s alphabet (the page's when None) does."""
    return _key(text or "", collation_language(language))


def compare(first: str | None, second: str | None, language: str) -> int:
    """-1, 0 or 1 as SQLite's collation functions answer."""
    a, b = sort_key(first, language), sort_key(second, language)
    return (a > b) - (a < b)


def collated(expression: str | Combinable, language: str | None = None) -> Collate:
    """`expression` (a field name or a text expression) in the collation of `language`, the page's
    when None: `.order_by(collated("code"))`."""
    source = F(expression) if isinstance(expression, str) else expression
    return Collate(source, collation_name(language))


def label_expression(*fields: str, prefix: str = "", language: str | None = None) -> Expression:
    """The first filled of `fields` in `language` (the page's when None), then in the languages
    modeltranslation falls back to: the label the page shows (core.rows.label_columns)."""
    text = TextField()
    columns = [
        NullIf(F(column), Value(""), output_field=text)
        for column in label_columns(*fields, prefix=prefix, language=language)
    ]
    return Coalesce(*columns, Value(""), output_field=text)


class CollatedLabel(Expression):
    """`collated(label_expression(...))` as one expression: the same SQL, so the same indexes serve it,
    built and compiled in a fraction of the time. The nested COALESCE of NULLIFs cost a register a
    third of its query's time in Django's compiler (each ordering expression is hashed through its
    constructor's signature, one nested expression at a time); this one is hashed by its columns."""

    def __init__(self, columns: list[str], collation: str) -> None:
        super().__init__(output_field=TextField())
        self.columns, self.collation = tuple(columns), collation
        self.sources: list[Any] = [F(column) for column in columns]

    @property
    def identity(self) -> tuple[Any, ...]:
        return (CollatedLabel, self.columns, self.collation)

    def get_source_expressions(self) -> list[Any]:
        return self.sources

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.sources = list(exprs)

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, tuple[Any, ...]]:
        parts: list[str] = []
        params: list[Any] = []
        for source in self.sources:
            sql, source_params = compiler.compile(source)
            parts.append(f"NULLIF({sql}, '')")
            params.extend(source_params)
        return f"COALESCE({', '.join(parts)}, '') COLLATE {connection.ops.quote_name(self.collation)}", tuple(
            params
        )


@functools.lru_cache(maxsize=256)
def _by_label(fields: tuple[str, ...], prefix: str, language: str) -> CollatedLabel:
    return CollatedLabel(label_columns(*fields, prefix=prefix, language=language), collation_name(language))


def by_label(*fields: str, prefix: str = "", language: str | None = None) -> CollatedLabel:
    """Order by a translated label in the page's alphabet: `.order_by(by_label("name"), "pk")`;
    `by_label("short_name", "name")` orders by the short name, or the full one where it has none.
    One expression per label and language, shared like a model's `Meta.ordering`: queries copy what
    they resolve."""
    return _by_label(fields, prefix, collation_language(language))


def label_indexes(*fields: str, name: str) -> list[Index]:
    """One index a language on exactly the SQL `by_label(*fields)` orders by, then the key:
    a register's first page in alphabetical order is read from the index instead of sorting every
    row by ICU's rules (`name` is the index names' stem: `<name>_az`, ...)."""
    return [
        Index(
            collated(label_expression(*fields, language=language), language),
            F("id"),
            name=f"{name}_{language}",
        )
        for language in LANGUAGES
    ]


@receiver(connection_created)
def register_sqlite_collations(sender: Any, connection: Any, **kwargs: Any) -> None:
    """SQLite learns the collations on each new connection."""
    if connection.vendor != "sqlite":
        return
    for language in LANGUAGES:
        connection.connection.create_collation(
            collation_name(language), functools.partial(_sqlite_compare, language=language)
        )


def _sqlite_compare(first: str, second: str, *, language: str) -> int:
    return compare(first, second, language)
