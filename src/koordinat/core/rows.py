"""Long lists read as values in the page's language, not as model instances.

A register of fifty rows spent half its time building model instances and resolving each translated
field through modeltranslation's descriptor; the same columns read as values, each text picked from
its language columns once per row, cost a fraction of that. `Rows` pages such a query like a queryset.
"""

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, overload

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Choices, IntegerField, QuerySet, Subquery
from django.db.models.query import ValuesIterable
from django.utils.translation import get_language, override
from modeltranslation.utils import resolution_order

R = TypeVar("R")


def label_columns(*fields: str, prefix: str = "", language: str | None = None) -> list[str]:
    """The columns a label is the first filled of: `fields` (e.g. the short name, then the full name)
    in `language` (the page's when None), then in each language modeltranslation falls back to — a
    reader sees a name in their own language before a shorter one in another."""
    languages = resolution_order(language or get_language() or settings.LANGUAGE_CODE)
    return [f"{prefix}{field}_{code}" for code in languages for field in fields]


def first_filled(texts: Iterable[str | None]) -> str:
    for text in texts:
        if text:
            return text
    return ""


def first_filled_of(values: Mapping[str, Any], columns: Sequence[str]) -> str:
    """`first_filled` of a row's `columns` (see `label_columns`), without a generator a cell: a page
    of a long plan picks two texts for each of its two hundred rows."""
    for column in columns:
        if text := values[column]:
            return str(text)
    return ""


@functools.cache
def _choice_labels(choices: type[Choices], language: str) -> dict[Any, str]:
    with override(language):
        return {value: str(label) for value, label in choices.choices}


def choice_labels(choices: type[Choices]) -> dict[Any, str]:
    """The labels of `choices` by value in the page's language, for a whole table: made once per
    language, where `str(Kind(value).label)` translated the label again for every row."""
    return _choice_labels(choices, get_language() or settings.LANGUAGE_CODE)


def option_pairs(queryset: QuerySet[Any, Any], *fields: str) -> list[tuple[Any, str]]:
    """(pk, label) pairs of `queryset`, each label the first filled of `fields` (see `label_columns`):
    what a choice list needs, without a model instance per option."""
    if hasattr(queryset, "rewrite"):  # a translated model's: the columns are named with their languages
        queryset = queryset.rewrite(False)
    return [(pk, first_filled(texts)) for pk, *texts in queryset.values_list("pk", *label_columns(*fields))]


OPTIONS_TIMEOUT = 300  # seconds: the most another process's cache can lag a change (see `forget_options`)


def _options_keys(name: str) -> dict[str, str]:
    return {code: f"options:{name}:{code}" for code, _name in settings.LANGUAGES}


def cached_option_pairs(name: str, queryset: QuerySet[Any, Any], *fields: str) -> list[tuple[Any, str]]:
    """`option_pairs` of a register whose choices are the same for every reader who may see any (a
    filter's collegial bodies), kept in the cache per language under `name`: the choice list was a
    seventh of a register page's time. Whoever changes the register calls `forget_options(name)`;
    an empty queryset (a reader who may see none) is never cached."""
    if queryset.query.is_empty():
        return []
    key = _options_keys(name).get(get_language() or settings.LANGUAGE_CODE)
    pairs = cache.get(key) if key else None
    if pairs is None:
        pairs = option_pairs(queryset, *fields)
        if key:
            cache.set(key, pairs, OPTIONS_TIMEOUT)
    return pairs


def forget_options(name: str) -> None:
    """Drop the cached choices `name` in every language, once the change that made them stale commits."""
    transaction.on_commit(lambda: cache.delete_many(list(_options_keys(name).values())))


class CountOf(Subquery):
    """The number of rows of a query as a column of another, in the same round trip: counted once
    when uncorrelated (a page's total); when the query refers to the outer row and is sliced, a count
    that stops at the slice's end (the header's unread notices)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


_TOTAL = "_rows_total"


def _plain_values(queryset: QuerySet[Any, Any]) -> QuerySet[Any, Any]:
    """Django's own dicts for a values query of a translated model that names every text column
    with its language: modeltranslation's rows then only copy each dict once more in the same keys,
    a tenth of a register's reading."""
    if getattr(queryset, "translation_fields", None) == set():
        queryset._iterable_class = ValuesIterable
    return queryset


class Rows(Generic[R]):
    """`queryset` read as `columns` (plain columns: each language's text is picked in Python, since
    compiling a choice among languages in SQL cost more than running the query), made into `R`
    only for the slice a page shows. `Paginator` counts and slices it as it would the queryset;
    the count is of `queryset` itself, without the columns, some of which (a per-row count, say)
    would otherwise be computed for every row before counting them."""

    def __init__(
        self,
        queryset: QuerySet[Any, Any],
        *,
        columns: Sequence[str],
        row: Callable[[Mapping[str, Any]], R],
        **expressions: Any,
    ) -> None:
        self.counted = queryset
        self.queryset = _plain_values(queryset.values(*columns, **expressions))
        self.row = row

    @property
    def ordered(self) -> bool:
        return self.queryset.ordered

    def count(self) -> int:
        return self.counted.count()

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> list[R]: ...
    def __getitem__(self, index: int | slice) -> R | list[R]:
        if isinstance(index, slice):
            return [self.row(values) for values in self.queryset[index]]
        return self.row(self.queryset[index])

    def __iter__(self) -> Iterator[R]:
        return (self.row(values) for values in self.queryset)

    def chunks(self, size: int) -> Iterator[list[R]]:
        """All the rows, `size` at a time, read through one cursor (`QuerySet.iterator`): a file of
        every row is written without holding them all, and each chunk's related rows are read in one
        query each by the caller."""
        chunk: list[R] = []
        for values in self.queryset.iterator(chunk_size=size):
            chunk.append(self.row(values))
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def page(self, number: str | None, per_page: int) -> Page:
        """`Paginator(self, per_page).get_page(number)` in one query: the page's rows each carry the
        count (see `CountOf`), where the paginator would count first and then read the rows, two
        queries to compile and two round trips. Only a page past the end (or before the first),
        which has no row to carry it, is counted first to find the last page as `get_page` does."""
        paginator = Paginator(self, per_page)
        try:
            wanted = int(number or 1)
        except ValueError:
            wanted = 1
        if wanted >= 1:
            bottom = (wanted - 1) * per_page
            counted = CountOf(self.counted.order_by().values("pk"))
            values = list(self.queryset.annotate(**{_TOTAL: counted})[bottom : bottom + per_page])
            if values or wanted == 1:
                paginator.count = values[0][_TOTAL] if values else 0
                return Page([self.row(value) for value in values], wanted, paginator)
        return paginator.get_page(number)
