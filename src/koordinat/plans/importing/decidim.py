"""Decidim's accountability results CSV, as Decidim writes and reads it, so offices can move plans both ways.

Decidim's export (`Decidim::Exporters::CSV` over `Decidim::Accountability::ResultSerializer`) is
separated by ";" (`Decidim.default_csv_col_sep`), UTF-8, and flattens translated fields into one
column per locale of the organisation: `title/ca`, `description/es` (HTML from its editor),
`status/name/en`. A result names its parent by `parent/id`, in any order. Koordinat needs outline
numbers, so the tree is numbered in file order ("1", "1.1", ...); titles become measure texts,
descriptions expected results (as text), the dates the execution period, and the status, progress,
reference and external id are kept on the measure as Decidim stated them (`Measure.decidim`).
The file's locales fill Koordinat's languages as the coordinator maps them (`languages`).
"""

import csv
import datetime
import io
import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.utils.translation import gettext as _

from koordinat.core.dates import date_range, in_range
from koordinat.core.html_text import html_to_text
from koordinat.core.spreadsheets import csv_text
from koordinat.core.translation import language_codes

from ..deadlines import Deadline, DeadlineKind
from .preview import UNREADABLE_DEADLINE, UNREADABLE_FILE, Preview, PreviewRow, Problem
from .readers import TableLimits, UnreadableFile, max_upload_bytes

MAX_CSV_LINE_CHARS = 2**20  # Decidim's longest lines, descriptions in three languages, are far shorter
# The csv module's own default limit of a field, kept here: the module's limit is one for the whole
# process and other libraries raise it (frictionless does on import).
MAX_CSV_FIELD_CHARS = 131_072
SEPARATOR = ";"  # Decidim.default_csv_col_sep; its importer reads with the same
MAX_LEVELS = 8  # Decidim nests results two or three deep; deeper is a damaged file
MAX_NUMBER_CHARS = 30  # Measure.number
NO_MAIN_LANGUAGE = "no_main_language"
_LOCALE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")
_DAY_FIRST = re.compile(
    r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$"
)  # Ruby's Date.parse reads 05/06/2020 as 5 June


def file_locales(columns: list[str]) -> list[str]:
    """The locales the file has titles or descriptions in, in column order. Decidim's machine
    translations (`title/machine_translations/es`) are not the organisation's own texts: left out."""
    found: dict[str, None] = {}
    for column in columns:
        field, _sep, locale = column.partition("/")
        if field in ("title", "description") and _LOCALE.match(locale):
            found.setdefault(locale, None)
    return list(found)


def default_languages(locales: list[str]) -> dict[str, str]:
    """A locale that is one of Koordinat's languages fills that language; the others wait for a person."""
    return {code: code for code in language_codes() if code in locales}


def _separator(header: str) -> str:
    """ ";" as Decidim writes; "," for files saved by other tools. Header names hold neither."""
    return SEPARATOR if header.count(SEPARATOR) >= header.count(",") else ","


def _records(text: str, filename: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the rows as (row number, column → text) with the header as row 1, the texts as
    written before `csv_field` or Decidim's exporter put an apostrophe before them; refused past the
    line, row and cell limits."""
    limits = TableLimits.from_settings()

    def lines() -> Iterator[str]:
        for line in io.StringIO(text):
            if len(line) > MAX_CSV_LINE_CHARS:
                raise UnreadableFile(
                    _("%(file)s has a line longer than %(limit)d characters; it was not read.")
                    % {"file": filename, "limit": MAX_CSV_LINE_CHARS}
                )
            yield line

    end = text.find("\n")
    reader = csv.reader(lines(), delimiter=_separator(text if end < 0 else text[:end]))
    header = [name.strip() for name in next(reader, [])]
    rows, cells = 1, len(header)
    records = []
    for row in reader:
        rows, cells = rows + 1, cells + len(row)
        limits.check(filename, rows, cells)
        if any(len(value) > MAX_CSV_FIELD_CHARS for value in row):
            raise csv.Error(f"field larger than field limit ({MAX_CSV_FIELD_CHARS})")
        if any(value.strip() for value in row):
            records.append((rows, {name: csv_text(value) for name, value in zip(header, row, strict=False)}))
    limits.check(filename, rows, cells)
    return header, records


def _date(text: str) -> datetime.date | None:
    """ISO dates (how Decidim exports them, a time after them ignored) and day-first ones, as
    Decidim's importer (Ruby's Date.parse) reads them. Raises ValueError for anything else."""
    text = text.strip()
    if not text:
        return None
    day_first = _DAY_FIRST.match(text)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
        return datetime.date(year, month, day)
    return datetime.date.fromisoformat(text[:10])


def _progress(text: str) -> str:
    """The progress as a plain decimal ("60", "62.5"); raises ValueError past 0–100 or for a non-number."""
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not value.is_finite() or not 0 <= value <= 100:
        raise ValueError(text)
    return f"{value.normalize():f}"


class _Row:
    """One result as read, before the tree is numbered."""

    __slots__ = ("children", "deadline", "decidim", "id", "number", "parent", "problems", "row", "texts")

    def __init__(self, row: int) -> None:
        self.row = row
        self.id = self.parent = self.number = ""
        self.texts: dict[str, tuple[str, str]] = {}
        self.deadline = Deadline("", DeadlineKind.UNPARSEABLE)
        self.decidim: dict[str, Any] = {}
        self.problems: list[Problem] = []
        self.children: list[_Row] = []


def read_decidim(stream: IO[bytes], filename: str, *, languages: dict[str, str] | None = None) -> Preview:
    """A preview of the results in the file; `languages` maps Koordinat's languages to the file's
    locales (by default each of az, ru, en the file has)."""
    data = stream.read(max_upload_bytes() + 1)
    try:
        if len(data) > max_upload_bytes():
            raise UnreadableFile(_("%(file)s is too large.") % {"file": filename})
        columns, records = _records(data.decode("utf-8-sig"), filename)
    except (UnicodeDecodeError, csv.Error, UnreadableFile) as error:
        message = {
            UnicodeDecodeError: _("%(file)s is not a UTF-8 CSV file.") % {"file": filename},
            csv.Error: _("%(file)s is not a well-formed CSV file.") % {"file": filename},
        }.get(type(error), str(error))
        return Preview(filename=filename, problems=[Problem(message, code=UNREADABLE_FILE)])
    locales = file_locales(columns)
    missing = [name for name in ("id",) if name not in columns] + ([] if locales else ["title/<locale>"])
    if missing:
        return Preview(
            filename=filename,
            problems=[
                Problem(
                    _("%(file)s lacks the Decidim columns %(columns)s.")
                    % {"file": filename, "columns": ", ".join(missing)}
                )
            ],
        )
    chosen = {
        code: locale
        for code, locale in (default_languages(locales) if languages is None else languages).items()
        if code in language_codes() and locale in locales
    }
    main = language_codes()[0]
    rows = [_read_row(number, record, chosen, locales, main) for number, record in records]
    preview = Preview(filename=filename, headers=columns, locales=locales, languages=chosen)
    if main not in chosen:
        preview.problems.append(
            Problem(
                _(
                    "Choose which language of the file holds the Azerbaijani texts, which every measure "
                    "needs; the file has %(locales)s."
                )
                % {"locales": ", ".join(locales)},
                code=NO_MAIN_LANGUAGE,
            )
        )
    no_executors: list[Any] = []
    for row in _outline(rows):
        text, result = row.texts.get(main) or next(iter(row.texts.values()), ("", ""))
        preview.rows.append(
            PreviewRow(
                row=row.row,
                number=row.number,
                text=text,
                expected_result=result,
                deadline=row.deadline,
                executors=no_executors,
                problems=tuple(row.problems),
                translations={code: row.texts[code] for code in chosen if code != main},
                decidim=row.decidim,
            )
        )
    if not preview.rows:
        preview.problems.append(
            Problem(_("The table in %(file)s has no rows under its header.") % {"file": filename})
        )
    return preview


def _read_row(
    number: int, record: dict[str, str], chosen: dict[str, str], locales: list[str], main: str
) -> _Row:
    row = _Row(number)

    def cell(name: str) -> str:
        return (record.get(name) or "").strip()

    def problem(column: str, message: str, **kwargs: Any) -> None:
        row.problems.append(Problem(message, number, column, **kwargs))

    row.id, row.parent = cell("id"), cell("parent/id")
    for code, locale in chosen.items():
        title = " ".join(cell(f"title/{locale}").split())
        row.texts[code] = (title, html_to_text(cell(f"description/{locale}")))
        if code == main and not title:
            problem(f"title/{locale}", _("The measure text is empty."))
    if not chosen:  # nothing mapped yet: the file's first language, for reading the preview
        locale = locales[0]
        row.texts[locale] = (
            " ".join(cell(f"title/{locale}").split()),
            html_to_text(cell(f"description/{locale}")),
        )
    dates: dict[str, datetime.date | None] = {}
    problems_before = len(row.problems)
    first, last = date_range()
    for column in ("start_date", "end_date"):
        try:
            day = dates[column] = _date(cell(column))
        except ValueError:
            dates[column] = None
            problem(column, _("“%(value)s” is not a date like 2026-12-31.") % {"value": cell(column)})
            continue
        if day and not in_range(day):
            dates[column] = None
            problem(
                column,
                _("The date %(value)s is not between %(first)s and %(last)s.")
                % {"value": day.isoformat(), "first": first.isoformat(), "last": last.isoformat()},
            )
    if len(row.problems) == problems_before:  # a date refused above is reported once, not again as missing
        row.deadline = _deadline(dates["start_date"], dates["end_date"], problem)
    # The status's id means something only in the Decidim it came from: the key and names are kept.
    status: dict[str, Any] = {"key": cell("status/key")} if cell("status/key") else {}
    names = {
        code: cell(f"status/name/{locale}")
        for code, locale in chosen.items()
        if cell(f"status/name/{locale}")
    }
    if names:
        status["name"] = names
    for column, target in (("progress", row.decidim), ("status/progress", status)):
        if cell(column):
            try:
                target["progress"] = _progress(cell(column))
            except ValueError:
                problem(
                    column,
                    _("The progress “%(value)s” is not a percentage from 0 to 100.")
                    % {"value": cell(column)},
                )
    if status:
        row.decidim["status"] = status
    row.decidim.update({name: cell(name) for name in ("reference", "external_id") if cell(name)})
    if cell("url").lower().startswith(("https://", "http://")):  # shown as a link: no other scheme
        row.decidim["url"] = cell("url")
    return row


def _deadline(
    start: datetime.date | None, end: datetime.date | None, problem: Callable[..., None]
) -> Deadline:
    """The execution period the dates give: a due date needs the end date."""
    if start and end and end < start:
        problem(
            "end_date",
            _("The end date %(end)s is before the start date %(start)s.")
            % {"end": end.isoformat(), "start": start.isoformat()},
        )
        return Deadline("", DeadlineKind.UNPARSEABLE)
    if end:
        text = f"{start.isoformat()} – {end.isoformat()}" if start else end.isoformat()
        return Deadline(text, DeadlineKind.DATE, start, end)
    if start:
        text = f"{start.isoformat()} –"
        problem(
            "end_date",
            _("The result starts on %(start)s and has no end date: give its control date after the import.")
            % {"start": start.isoformat()},
            severity="warning",
            code=UNREADABLE_DEADLINE,
        )
        return Deadline(text, DeadlineKind.UNPARSEABLE)
    return Deadline("", DeadlineKind.UNPARSEABLE)


def _outline(rows: list[_Row]) -> list[_Row]:
    """The results in outline order, numbered: roots in file order, each followed by its children
    in file order, whether the file lists a child before or after its parent. A result whose parent
    is not in the file, whose parents lead back to itself, or nested too deep is reported and shown
    as a root of its own."""
    by_id: dict[str, _Row] = {}
    for row in rows:
        if not row.id:
            continue
        if row.id in by_id:
            row.problems.append(
                Problem(
                    _("The id %(id)s is used twice (also in row %(other)d).")
                    % {"id": row.id, "other": by_id[row.id].row},
                    row.row,
                    "id",
                )
            )
        else:
            by_id[row.id] = row
    roots: list[_Row] = []
    for row in rows:
        parent = by_id.get(row.parent) if row.parent else None
        if parent is not None and parent is not row:
            parent.children.append(row)
        else:
            if row.parent:
                row.problems.append(
                    Problem(
                        _("The parent %(parent)s is not a result in this file.") % {"parent": row.parent},
                        row.row,
                        "parent/id",
                    )
                    if parent is None
                    else Problem(_("A result cannot be its own parent."), row.row, "parent/id")
                )
            roots.append(row)
    ordered: list[_Row] = []
    placed: set[int] = set()
    too_deep: set[int] = set()
    count = 0

    def place(root: _Row) -> None:
        nonlocal count
        count += 1
        stack = [(root, str(count), 1)]
        while stack:
            row, number, level = stack.pop()
            if id(row) in placed:  # back at the start of a loop of parents
                continue
            placed.add(id(row))
            row.number = number
            if len(number) > MAX_NUMBER_CHARS:
                row.problems.append(
                    Problem(
                        _("The outline number %(number)s is longer than %(limit)d characters.")
                        % {"number": number, "limit": MAX_NUMBER_CHARS},
                        row.row,
                        "parent/id",
                    )
                )
            ordered.append(row)
            if level >= MAX_LEVELS:
                too_deep.update(id(child) for child in row.children)
                continue
            stack.extend(
                (child, f"{number}.{position}", level + 1)
                for position, child in reversed(list(enumerate(row.children, start=1)))
            )

    for root in roots:
        place(root)
    for row in rows:  # what the roots do not reach: nested too deep, or in a loop of parents
        if id(row) not in placed:
            row.problems.append(
                Problem(
                    _("Results are nested more than %(levels)d levels deep here.") % {"levels": MAX_LEVELS}
                    if id(row) in too_deep
                    else _("The parents of this result lead back to itself."),
                    row.row,
                    "parent/id",
                )
            )
            place(row)
    return ordered
