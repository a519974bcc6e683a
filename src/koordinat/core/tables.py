"""Register tables written in Python, one shared component for the long lists.

A template loop spent more on fifty rows than the rest of its page together: every cell resolved its
variables, filters and translations node by node. A `Table` writes the same GOV.UK markup with
f-strings; each column says how a row fills its cell. Templates show it as `{{ table }}`.
"""

import datetime
import hashlib
import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from django.urls import reverse
from django.utils import dateformat, formats, timezone
from django.utils.functional import Promise
from django.utils.safestring import SafeData, SafeString, mark_safe

R = TypeVar("R")


def _escape(value: Any) -> str:
    """Django's conditional_escape for a cell, without its check for lazy arguments on every call."""
    return str(value) if isinstance(value, SafeData) else html.escape(str(value))


_SENTINEL = "2147483647"
_SAFE = "!$&'()*+,;=/~:@"  # what `reverse` leaves unquoted


def url_of_each(name: str, *args: Any) -> Callable[[Any], str]:
    """The URL of `name` for any value of its last argument (a primary key, an item's number),
    reversed once for a table rather than once a row; quoted as `reverse` quotes it."""
    prefix, suffix = reverse(name, args=[*args, _SENTINEL]).rsplit(_SENTINEL, 1)
    return lambda key: prefix + quote(str(key), safe=_SAFE) + suffix


# Format characters whose text depends only on the month (its names) or on the time of day (a.m.,
# noon): computed once per value and column, since each is a translated string.
_BY_MONTH = frozenset("bEFMN")
_BY_TIME = frozenset("aAP")


def date_formatter(name: str) -> Callable[[datetime.date | None], str]:
    """Django's `date` filter with the format `name` (e.g. "DATE_FORMAT") for a whole column: the
    page language's format looked up and split once, month names and the like translated once per
    value; a moment shown in local time; "" for no date. `dateformat.format` split the format and
    translated the month's name again for every cell, a fifth of a fifty-row register's time."""
    pieces = [
        (piece, True) if index % 2 else (dateformat.re_escaped.sub(r"\1", piece), False)
        for index, piece in enumerate(dateformat.re_formatchars.split(str(formats.get_format(name))))
        if piece
    ]
    known: dict[tuple[Any, ...], str] = {}
    local = timezone.get_current_timezone()  # looked up once: `localtime` did it for every cell

    def format_(value: datetime.date | None) -> str:
        if value is None:
            return ""
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            value = value.astimezone(local)
        formatter: dateformat.DateFormat | None = None
        parts = []
        for piece, is_format in pieces:
            if not is_format:
                parts.append(piece)
                continue
            key: tuple[Any, ...] | None = None
            if piece in _BY_MONTH:
                key = (piece, value.month)
            elif piece in _BY_TIME and isinstance(value, datetime.datetime):
                key = (piece, value.hour, value.minute)
            if key is not None and key in known:
                parts.append(known[key])
                continue
            formatter = formatter or dateformat.DateFormat(value)
            text = str(getattr(formatter, piece)())
            if key is not None:
                known[key] = text
            parts.append(text)
        return "".join(parts)

    return format_


_CAPTION = re.compile(r"<caption\b([^>]*)>")
_ID = re.compile(r"""\bid=["']([^"']+)["']""")


def _scroll_box(table: str, caption_id: str) -> SafeString:
    return mark_safe(
        f'<div class="kd-table-scroll" role="region" aria-labelledby="{caption_id}" tabindex="0">{table}</div>'
    )


def caption_id(text: str) -> str:
    """An id for a caption, made from its text: the same caption, the same id."""
    return "caption-" + hashlib.blake2s(text.encode(), digest_size=5).hexdigest()


def scrolling(table: str) -> SafeString:
    """`table` (trusted markup) in a box that scrolls sideways on its own, so a wide table never makes
    the whole page scroll on a narrow screen: a focusable region (keyboard users scroll it too) named
    by the table's caption, whose id is given or made from its content (the same table, the same id)."""
    match = _CAPTION.search(table)
    if match is None:
        return mark_safe(f'<div class="kd-table-scroll" tabindex="0">{table}</div>')
    given = _ID.search(match.group(1))
    if given:
        return _scroll_box(table, given.group(1))
    end = table.find("</caption>", match.end())
    named = caption_id(table[match.end() : end] + table[: match.start()])
    return _scroll_box(
        f'{table[: match.start()]}<caption id="{named}"{match.group(1)}>{table[match.end() :]}', named
    )


def link(url: str, text: str) -> str:
    """A link in a cell, its text escaped."""
    return f'<a class="govuk-link" href="{url}">{html.escape(text)}</a>'


def hint(text: str) -> str:
    """A small grey line under a cell's main text (the full name under a short one)."""
    return f'<br><span class="govuk-hint govuk-!-font-size-14 govuk-!-margin-bottom-0">{html.escape(text)}</span>'


@dataclass(frozen=True, slots=True)
class Column(Generic[R]):
    header: str | Promise
    cell: Callable[[R], Any]  # the cell's content: text is escaped, SafeString kept as it is
    numeric: bool = False
    row_header: bool = False  # the cell names its row: <th scope="row">
    classes: Callable[[R], str] | None = None  # classes a row adds to its cell


@dataclass(frozen=True, slots=True)
class Table(Generic[R]):
    caption: str | Promise
    columns: Sequence[Column[R]]
    rows: Iterable[R]
    empty: str | Promise  # the one row shown when there are none
    classes: str = "govuk-table govuk-!-font-size-16"
    caption_size: str = "m"  # GOV.UK caption size: s, m or l
    row_classes: Callable[[R], str] | None = None  # classes a row adds to its <tr>
    # A row's cells written at once, their markup and escaping the caller's (the columns then give
    # the headers): for a long public table drawn cold, where each cell's own call was a sixth of it.
    cells: Callable[[R], str] | None = None

    def _cell(self, column: Column[R]) -> Callable[[R], str]:
        tag = "th" if column.row_header else "td"
        base = "govuk-table__header" if column.row_header else "govuk-table__cell"
        if column.numeric:
            base += " govuk-table__cell--numeric"
        scope = ' scope="row"' if column.row_header else ""
        content, extra = column.cell, column.classes
        if extra is None:
            return lambda row: f'<{tag}{scope} class="{base}">{_escape(content(row))}</{tag}>'
        return lambda row: f'<{tag}{scope} class="{base} {extra(row)}">{_escape(content(row))}</{tag}>'

    def __html__(self) -> SafeString:
        headers = "".join(
            f'\n    <th scope="col" class="govuk-table__header{" govuk-table__header--numeric" if column.numeric else ""}">'
            f"{_escape(str(column.header))}</th>"
            for column in self.columns
        )
        cells = [self._cell(column) for column in self.columns]
        row_classes = self.row_classes or (lambda row: "")
        if self.cells is not None and self.row_classes is None:
            write = self.cells
            rows = [f'\n    <tr class="govuk-table__row">{write(row)}</tr>' for row in self.rows]
        else:
            rows = [
                f'\n    <tr class="{" ".join(("govuk-table__row", row_classes(row))).strip()}">'
                + "".join(cell(row) for cell in cells)
                + "</tr>"
                for row in self.rows
            ]
        if not rows:
            rows = [
                f'\n    <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="{len(self.columns)}">'
                f"{_escape(str(self.empty))}</td></tr>"
            ]
        caption = _escape(str(self.caption))
        named = caption_id(caption + headers)
        return _scroll_box(  # every text above is escaped
            f'<table class="{self.classes}">\n'
            f'  <caption id="{named}" class="govuk-table__caption govuk-table__caption--{self.caption_size}">'
            f"{caption}</caption>\n"
            f'  <thead class="govuk-table__head"><tr class="govuk-table__row">{headers}\n  </tr></thead>\n'
            f'  <tbody class="govuk-table__body">{"".join(rows)}\n  </tbody>\n</table>',
            named,
        )

    def __str__(self) -> SafeString:
        return self.__html__()
