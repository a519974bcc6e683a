"""Turning the rows of a plan table into a checked preview: the tree, the executors, every problem."""

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _

from koordinat.core.text import fold

from .. import periods
from ..deadlines import Deadline, DeadlineKind, parse_deadline
from ..numbering import Written, read_number, value
from .columns import FIELD_LABELS, FIELDS, HEADER_SEARCH_ROWS, find_header
from .executors import ExecutorEntry, read_executors
from .matching import Candidate, ExecutorMatch, OrganizationIndex
from .pairing import pair_items
from .readers import Table

UNKNOWN_EXECUTOR = "unknown_executor"
UNREADABLE_DEADLINE = "unreadable_deadline"
AMBIGUOUS_DEADLINE = (
    "ambiguous_deadline"  # a numeric date like 7/6/2022: day-first and month-first both dates
)
NO_CONTROL_DATE = "no_control_date"  # a period with no date to read, on an item that will be under control
UNREADABLE_FILE = "unreadable_file"
SUPPLIED_SECTION = "supplied_section"  # a section the file has no line for, added for its items
# A number cell with the section's title in it: a section line merged across the table ("I. Hüquqi baza").
_NUMBER_AND_TEXT = re.compile(r"^(.{1,30}?)[.:)]\s+(\S.*)$")


@dataclass(frozen=True, slots=True)
class Problem:
    message: str
    row: int | None = None
    column: str | None = None
    severity: str = "error"  # "error" blocks the commit; "warning" is shown and does not
    code: str = ""
    subject: str = ""  # the executor name an UNKNOWN_EXECUTOR problem is about

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


@dataclass(slots=True)
class PreviewRow:
    """One item as a person confirms it: compact, since the preview holds one per row of the file."""

    row: int
    number: str
    text: str
    expected_result: str
    deadline: Deadline
    executors: list[ExecutorMatch]
    problems: tuple[Problem, ...] = ()  # most rows have none: no empty list for each
    # A file with texts in several languages (Decidim's): language → (text, expected result) for the
    # languages other than the one `text` and `expected_result` are in.
    translations: dict[str, tuple[str, str]] | None = None
    decidim: dict[str, Any] | None = None  # the result's status, progress, reference as Decidim gave them

    @property
    def parent_number(self) -> str | None:
        return self.number.rpartition(".")[0] or None

    @property
    def depth(self) -> int:
        return self.number.count(".")

    @property
    def supplied(self) -> bool:
        """A section the file has no line for, added for its items."""
        return any(problem.code == SUPPLIED_SECTION for problem in self.problems)

    @property
    def needs_control_date(self) -> bool:
        """An item (a row with executors) whose period gives no control date: see `periods`."""
        deadline = self.deadline
        return bool(self.executors) and (
            (bool(deadline.text) and deadline.needs_review)
            or periods.needs_control_date(
                kind=deadline.kind.value if deadline.text else "", end=deadline.end, anchor=deadline.anchor
            )
        )

    @property
    def reading(self) -> str:
        """What the period cell was read as, in the active language, to show beside it."""
        deadline = self.deadline
        if not deadline.text:
            shown = _("no period") if self.executors else ""
        elif readings := deadline.ambiguous_dates:
            shown = _("ambiguous, %(first)s or %(second)s") % {
                "first": _long_date(readings[0]),
                "second": _long_date(readings[1]),
            }
        elif deadline.needs_review:
            shown = _("unreadable")
        elif (
            deadline.kind is DeadlineKind.RELATIVE and deadline.end is None and deadline.anchor != "approval"
        ):
            shown = _("counted from an event whose date is not known")
        else:
            shown = periods.reading(
                kind=deadline.kind.value,
                start=deadline.start,
                end=deadline.end,
                recurrence=deadline.recurrence,
                offset=deadline.offset,
                anchor=deadline.anchor,
            )
        if self.needs_control_date:
            return _("%(reading)s: needs a control date") % {"reading": shown}
        return shown

    def text_in(self, language: str) -> str:
        """The item's text as stored in `language`: the file's text, or a supplied section's name in
        that language."""
        return section_text(self.number, language) if self.supplied else self.text

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "number": self.number,
            "text": self.text,
            "expected_result": self.expected_result,
            "deadline": self.deadline.to_json(),
            "executors": [
                {
                    "text": executor.text,
                    "organization": executor.organization_id,
                    "score": executor.score,
                    "candidates": [
                        {"organization": c.organization_id, "name": c.name, "score": c.score}
                        for c in executor.candidates
                    ],
                    "lead": executor.lead,
                    "agreement": executor.agreement,
                    "person": executor.person,
                }
                for executor in self.executors
            ],
            "problems": [problem.to_json() for problem in self.problems],
            **({"translations": self.translations} if self.translations is not None else {}),
            **({"decidim": self.decidim} if self.decidim is not None else {}),
        }


@dataclass
class Preview:
    filename: str
    mapping: dict[str, int] = field(default_factory=dict)
    headers: list[str] = field(default_factory=list)
    rows: list[PreviewRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    changes: dict[str, list[str]] = field(default_factory=dict)
    locales: list[str] = field(default_factory=list)  # the languages a Decidim file has texts in
    languages: dict[str, str] = field(default_factory=dict)  # Koordinat language → the file's locale

    @property
    def all_problems(self) -> list[Problem]:
        return self.problems + [problem for row in self.rows for problem in row.problems]

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.all_problems if problem.severity == "error"]

    @property
    def unmatched(self) -> list[str]:
        """Executor names not yet tied to an organisation, each once, in order of appearance."""
        seen: dict[str, None] = {}
        for row in self.rows:
            for executor in row.executors:
                if executor.organization_id is None:
                    seen.setdefault(executor.text, None)
        return list(seen)

    @property
    def is_clean(self) -> bool:
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.filename,
            "columns": {name: index + 1 for name, index in self.mapping.items()},
            "rows": [row.to_json() for row in self.rows],
            "problems": [problem.to_json() for problem in self.all_problems],
            "unmatched_executors": self.unmatched,
            "changes": self.changes,
            **({"locales": self.locales, "languages": self.languages} if self.locales else {}),
        }


def _column_label(field_name: str) -> str:
    return str(FIELD_LABELS[field_name])


def _is_numbered(cells: list[str], mapping: dict[str, int]) -> bool:
    """With columns given by hand and no header found, the items start at the first numbered row."""
    column = mapping.get("number", 0)
    return column < len(cells) and read_number(cells[column]) is not None


def _is_column_numbering(cells: list[str]) -> bool:
    """The "1 | 2 | 3 | 4" row many official tables put under the header."""
    filled = [cell for cell in cells if cell]
    return (
        len(filled) >= 3
        and all(cell.isdigit() for cell in filled)
        and [int(c) for c in filled] == list(range(int(filled[0]), int(filled[0]) + len(filled)))
    )


def build_preview(
    tables: Iterable[Table],
    *,
    filename: str,
    index: OrganizationIndex,
    mapping: dict[str, int] | None = None,
    executor_choices: dict[str, int] | None = None,
    existing: dict[str, dict[str, Any]] | None = None,
    adopted_on: datetime.date | None = None,
    period: tuple[datetime.date, datetime.date] | None = None,
) -> Preview:
    """Check every row. `executor_choices` maps cell names a person tied to an organisation;
    `existing` (number → fields) is the plan already in the registry, to show the differences;
    `adopted_on` and `period` are its approving act's date and its period, which some execution
    periods are read with ("3 ay ərzində", "IV rüb")."""
    preview = Preview(filename=filename)

    def read_period(text: str) -> Deadline:
        return parse_deadline(text, adopted_on=adopted_on, period=period)

    choices = executor_choices or {}
    matched: dict[str, list[ExecutorMatch]] = {}

    def executors_of(cell: str) -> list[ExecutorMatch]:
        """The same executor cell repeats on many rows: read and match it once, and let the rows
        share the list of matches."""
        found = matched.get(cell)
        if found is None:
            found = matched[cell] = [
                _chosen(entry.name, _match(entry, index), choices) for entry in read_executors(cell)
            ]
        return found

    entries: list[tuple[PreviewRow, Written | None]] = []
    found_any = False
    for table in tables:
        rows = iter(table.rows)
        head = list(islice(rows, HEADER_SEARCH_ROWS))
        header = find_header(head)
        if mapping:
            columns = mapping
        elif header:
            columns = header.mapping
        else:
            continue
        found_any = True
        if not preview.mapping:
            preview.mapping, preview.headers = dict(columns), list(header.headers if header else [])
        start = header.row_index + 1 if header else None  # None: from the first numbered row
        for position, cells in enumerate(chain(head, rows)):
            if start is None:
                if not _is_numbered(cells, columns):
                    continue
                start = position
            if position < start:
                continue
            row_number = table.first_row_number + position
            if not any(cells) or _is_column_numbering(cells):
                continue
            if header and cells == header.headers:
                continue  # the header repeated on the next page of a long table
            checked = _check_row(cells, columns, row_number, table.where, executors_of, read_period)
            if checked is not None:
                entries.append(checked)
    if not found_any:
        expected = ", ".join(f"“{_column_label(name)}”" for name in FIELDS)
        preview.problems.append(
            Problem(
                _(
                    "No table in %(file)s has recognisable column headers. Expected columns like %(columns)s; "
                    "give the columns by hand if the headers are unusual."
                )
                % {"file": filename, "columns": expected}
            )
        )
        return preview
    if not entries:
        preview.problems.append(
            Problem(_("The table in %(file)s has no rows under its header.") % {"file": filename})
        )
    preview.rows = _outline(entries)
    if existing is not None:
        preview.changes = differences(preview.rows, existing)
    return preview


def with_choices(preview: Preview, choices: dict[str, int] | None) -> Preview:
    """The preview with the organisations a person chose for unmatched names applied, as
    `build_preview(..., executor_choices=choices)` would have built it; rows sharing a list of
    matches still share the new one."""
    if not choices:
        return preview
    replaced: dict[int, list[ExecutorMatch]] = {}
    rows = []
    for row in preview.rows:
        if not any(e.organization_id is None and e.text in choices for e in row.executors):
            rows.append(row)
            continue
        executors = replaced.get(id(row.executors))
        if executors is None:
            executors = replaced[id(row.executors)] = [_chosen(e.text, e, choices) for e in row.executors]
        problems = tuple(p for p in row.problems if not (p.code == UNKNOWN_EXECUTOR and p.subject in choices))
        rows.append(dataclasses.replace(row, executors=executors, problems=problems))
    return dataclasses.replace(preview, rows=rows)


def _long_date(day: datetime.date) -> str:
    """ "7 June 2022": the month in words, so that the two readings of 7/6/2022 cannot be confused."""
    return formats.date_format(day, "j E Y")


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


_DEADLINE_FIELDS = ["text", "kind", "start", "end", "recurrence", "offset", "anchor", "doubt"]


def dump_preview(preview: Preview) -> dict[str, Any]:
    """The preview as JSON to keep with the upload: deadlines and lists of executor matches that rows
    share are written once, so `load_preview` gives back a preview as compact as the one built."""
    deadlines: dict[int, int] = {}
    executor_lists: dict[int, int] = {}
    deadline_rows: list[list[Any]] = []
    executor_rows: list[list[Any]] = []
    rows = []
    for row in preview.rows:
        if id(row.deadline) not in deadlines:
            deadlines[id(row.deadline)] = len(deadline_rows)
            deadline = row.deadline.to_json()
            deadline_rows.append([deadline[name] for name in _DEADLINE_FIELDS])
        if id(row.executors) not in executor_lists:
            executor_lists[id(row.executors)] = len(executor_rows)
            executor_rows.append(
                [
                    [
                        e.text,
                        e.organization_id,
                        e.score,
                        [dataclasses.astuple(c) for c in e.candidates],
                        e.lead,
                        e.agreement,
                        e.person,
                    ]
                    for e in row.executors
                ]
            )
        rows.append(
            [
                row.row,
                row.number,
                row.text,
                row.expected_result,
                deadlines[id(row.deadline)],
                executor_lists[id(row.executors)],
                [dataclasses.astuple(problem) for problem in row.problems],
                *(
                    [row.translations, row.decidim]
                    if row.translations is not None or row.decidim is not None
                    else []
                ),
            ]
        )
    return {
        "filename": preview.filename,
        "mapping": preview.mapping,
        "headers": preview.headers,
        "problems": [dataclasses.astuple(problem) for problem in preview.problems],
        "deadlines": deadline_rows,
        "executors": executor_rows,
        "rows": rows,
        "locales": preview.locales,
        "languages": preview.languages,
    }


def _load_row(
    row: int,
    number: str,
    text: str,
    expected_result: str,
    deadline: Deadline,
    executors: list[ExecutorMatch],
    problems: list[list[Any]],
    translations: dict[str, list[str]] | None = None,
    decidim: dict[str, Any] | None = None,
) -> PreviewRow:
    return PreviewRow(
        row=row,
        number=number,
        text=text,
        expected_result=expected_result,
        deadline=deadline,
        executors=executors,
        problems=tuple(Problem(*problem) for problem in problems),
        translations=(
            {code: (pair[0], pair[1]) for code, pair in translations.items()}
            if translations is not None
            else None
        ),
        decidim=decidim,
    )


def load_preview(data: dict[str, Any]) -> Preview:
    deadlines = [  # a preview kept before `doubt` was added has seven fields
        Deadline(text, DeadlineKind(kind), _date(start), _date(end), recurrence, offset, anchor, *doubt)
        for text, kind, start, end, recurrence, offset, anchor, *doubt in data["deadlines"]
    ]
    executor_lists = [
        [
            ExecutorMatch(
                text, organization, score, [Candidate(*candidate) for candidate in candidates], *marks
            )
            for text, organization, score, candidates, *marks in matches
        ]
        for matches in data["executors"]
    ]
    return Preview(
        filename=data["filename"],
        mapping=data["mapping"],
        headers=data["headers"],
        problems=[Problem(*problem) for problem in data["problems"]],
        rows=[
            _load_row(row, number, text, result, deadlines[deadline], executor_lists[executors], *rest)
            for row, number, text, result, deadline, executors, *rest in data["rows"]
        ],
        locales=data.get("locales", []),
        languages=data.get("languages", {}),
    )


def _match(entry: ExecutorEntry, index: OrganizationIndex) -> ExecutorMatch:
    """The organisation an executor of a cell stands for, with the cell's marks on it."""
    found = index.match_person(entry.name) if entry.person else index.match(entry.name)
    if entry.lead or entry.agreement or entry.person:
        return dataclasses.replace(found, lead=entry.lead, agreement=entry.agreement, person=entry.person)
    return found


def _chosen(name: str, result: ExecutorMatch, choices: dict[str, int]) -> ExecutorMatch:
    """The organisation a person tied an unmatched name to, if they did."""
    if result.organization_id is None and name in choices:
        return dataclasses.replace(result, organization_id=choices[name], score=1.0)
    return result


def _check_row(
    cells: list[str],
    columns: dict[str, int],
    row_number: int,
    where: str,
    executors_of: Callable[[str], list[ExecutorMatch]],
    read_period: Callable[[str], Deadline],
) -> tuple[PreviewRow, Written | None] | None:
    def cell(name: str) -> str:
        position = columns.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    raw_number, text = cell("number"), cell("text")
    if not text and not raw_number:
        return None
    problems: list[Problem] = []
    written = read_number(raw_number)
    if written is None and not text and (merged := _NUMBER_AND_TEXT.match(raw_number)):
        written = read_number(merged.group(1))
        if written is not None:
            raw_number, text = merged.group(1), merged.group(2)
    if written is None:
        problems.append(
            Problem(
                _("“%(value)s” is not an item number like 5 or 5.6 (%(where)s).")
                % {"value": raw_number, "where": where}
                if raw_number
                else _("This row has no item number (%(where)s).") % {"where": where},
                row_number,
                _column_label("number"),
            )
        )
    if not text:
        problems.append(Problem(_("The measure text is empty."), row_number, _column_label("text")))
    deadline_text = cell("deadline")
    deadline = read_period(deadline_text)
    executors = executors_of(cell("executors"))
    row = PreviewRow(
        row=row_number,
        number=written.number if written else raw_number,
        text=text,
        expected_result=cell("expected_result"),
        deadline=deadline,
        executors=executors,
    )
    if readings := deadline.ambiguous_dates:
        problems.append(
            Problem(
                _(
                    "The execution period “%(value)s” could be read two ways: %(first)s (day first) or "
                    "%(second)s (month first). It is kept as written and the item needs a control date; "
                    "write the date unambiguously (31.12.2022) to have it read."
                )
                % {
                    "value": deadline_text,
                    "first": _long_date(readings[0]),
                    "second": _long_date(readings[1]),
                },
                row_number,
                _column_label("deadline"),
                severity="warning",
                code=AMBIGUOUS_DEADLINE,
            )
        )
    elif deadline_text and deadline.needs_review:
        problems.append(
            Problem(
                (
                    _(
                        "The execution period “%(value)s” could not be read; it is kept as written and the item "
                        "needs a control date, which its controller sets once it is under control."
                    )
                    if executors
                    else _(
                        "The execution period “%(value)s” could not be read; it is kept as written and marked for review."
                    )
                )
                % {"value": deadline_text},
                row_number,
                _column_label("deadline"),
                severity="warning",
                code=UNREADABLE_DEADLINE,
            )
        )
    elif row.needs_control_date:
        problems.append(
            Problem(
                _(
                    "The execution period “%(value)s” counts from an event whose date is not known: the item "
                    "needs a control date, which its controller sets once it is under control."
                )
                % {"value": deadline_text}
                if deadline_text
                else _(
                    "No execution period is written: the item needs a control date, which its controller sets "
                    "once it is under control."
                ),
                row_number,
                _column_label("deadline"),
                severity="warning",
                code=NO_CONTROL_DATE,
            )
        )
    for result in executors:
        if result.organization_id is None:
            problems.append(
                Problem(
                    (
                        _(
                            "Executor “%(name)s” is a person the directory has no post for: choose their "
                            "organisation."
                        )
                        if result.person
                        else _(
                            "Executor “%(name)s” is not in the directory: choose the organisation or create it."
                        )
                    )
                    % {"name": result.text},
                    row_number,
                    _column_label("executors"),
                    code=UNKNOWN_EXECUTOR,
                    subject=result.text,
                )
            )
    row.problems = tuple(problems)
    return row, written


# Numbering ------------------------------------------------------------------------------------


def section_text(number: str, language: str | None = None) -> str:
    """The name a supplied section is given ("Bölmə 6", "Раздел 6", "Section 6")."""
    with translation.override(language or translation.get_language()):
        return _("Section %(number)s") % {"number": number}


def _outline(entries: list[tuple[PreviewRow, Written | None]]) -> list[PreviewRow]:
    """The rows numbered as the registry keeps them: the items of Roman sections placed in their
    section, a row repeated read once, a number a spreadsheet cut short read back ("5.1" after 5.9 is
    5.10), and the sections the file has no line for supplied before their first item."""
    _place_in_roman_sections(entries)
    numbered = {id(row) for row, written in entries if written is not None}
    return _with_sections(_once(entries), numbered)


def _place_in_roman_sections(entries: list[tuple[PreviewRow, Written | None]]) -> None:
    """Items under a Roman section are numbered within it ("1.", "2." under II become II.1, II.2) or
    carry its number ("2.1" under II; the section is then 2, so that 2.1 stays the number people
    cite). An item carrying another section's number contradicts its section and is refused."""
    groups: list[tuple[PreviewRow, str, list[tuple[PreviewRow, Written]]]] = []
    current: list[tuple[PreviewRow, Written]] | None = None
    for row, written in entries:
        if written is None:
            continue
        if written.section:
            current = None
            if not written.parts[0][0].isdigit():
                current = []
                groups.append((row, written.parts[0], current))
        elif current is not None:
            current.append((row, written))
    for section, roman, members in groups:
        if any(len(w.parts) == 1 or not w.parts[0][0].isdigit() for _row, w in members):
            for row, written in members:
                if written.parts[0][0].isdigit():
                    row.number = f"{roman}.{written.number}"
                elif written.parts[0] != roman:
                    _contradicts(row, written, roman)
            continue
        if members:
            section.number = str(value(roman))
        for row, written in members:
            if value(written.parts[0]) != value(roman):
                _contradicts(row, written, roman)


def _contradicts(row: PreviewRow, written: Written, section: str) -> None:
    row.problems += (
        Problem(
            _(
                "Item %(number)s is listed under section %(section)s, but its number puts it in section %(other)s."
            )
            % {"number": written.number, "section": section, "other": written.parts[0]},
            row.row,
            _column_label("number"),
        ),
    )


def _lost_zero(number: str, last: dict[str, int]) -> tuple[str, str] | None:
    """(the number meant, the item before it): "5.10" typed into a spreadsheet's number cell is the
    number 5.1, which after 5.9 is read back as 5.10."""
    parent, _dot, tail = number.partition(".")
    if not (parent.isdigit() and tail.isdigit()) or last.get(parent) is None:
        return None
    if last[parent] + 1 != int(tail + "0"):
        return None
    return f"{parent}.{tail}0", f"{parent}.{last[parent]}"


def _same(first: PreviewRow, other: PreviewRow) -> bool:
    return (fold(first.text), first.expected_result, first.deadline.text) == (
        fold(other.text),
        other.expected_result,
        other.deadline.text,
    ) and [e.text for e in first.executors] == [e.text for e in other.executors]


def _once(entries: list[tuple[PreviewRow, Written | None]]) -> list[PreviewRow]:
    """Each number once: a row repeated whole (a table continued on the next page repeating its last
    row) is read once; the same number with other content is refused."""
    seen: dict[str, PreviewRow] = {}
    last: dict[str, int] = {}  # parent number → the last number read under it
    rows: list[PreviewRow] = []
    for row, written in entries:
        if written is not None and row.number in seen:
            first = seen[row.number]
            repaired = _lost_zero(row.number, last)
            if repaired and repaired[0] not in seen:
                row.problems += (
                    Problem(
                        _(
                            "“%(value)s” after item %(previous)s is read as %(number)s "
                            "(a spreadsheet number drops its last zero)."
                        )
                        % {"value": row.number, "previous": repaired[1], "number": repaired[0]},
                        row.row,
                        _column_label("number"),
                        severity="warning",
                    ),
                )
                row.number = repaired[0]
            elif _same(first, row):
                first.problems += (
                    Problem(
                        _("Row %(row)d repeats item %(number)s of row %(other)d; it is read once.")
                        % {"row": row.row, "number": row.number, "other": first.row},
                        row.row,
                        _column_label("number"),
                        severity="warning",
                    ),
                )
                continue
            else:
                row.problems += (
                    Problem(
                        _("Number %(number)s is used twice (also in row %(other)d).")
                        % {"number": row.number, "other": first.row},
                        row.row,
                        _column_label("number"),
                    ),
                )
        if written is not None:
            parent, _dot, tail = row.number.rpartition(".")
            counted = value(tail)
            if counted is not None:
                last[parent] = counted
            seen.setdefault(row.number, row)
        rows.append(row)
    return rows


_NO_DEADLINE = Deadline("", DeadlineKind.UNPARSEABLE)


def _with_sections(rows: list[PreviewRow], numbered: set[int]) -> list[PreviewRow]:
    """A section the file has no line for (a plan starting at item 6.1, or going from 2.3 to 3.1) is
    added before its first item, named "Section 6" in each language, with a warning. `numbered`:
    the ids of the rows whose number cell was a number."""
    present = {row.number for row in rows}
    outline: list[PreviewRow] = []
    for row in rows:
        missing = []
        parent = row.parent_number if id(row) in numbered else None  # not a number: refused already
        while parent and parent not in present:
            missing.append(parent)
            present.add(parent)
            parent = parent.rpartition(".")[0]
        for number in reversed(missing):
            text = section_text(number)
            outline.append(
                PreviewRow(
                    row=row.row,
                    number=number,
                    text=text,
                    expected_result="",
                    deadline=_NO_DEADLINE,
                    executors=[],
                    problems=(
                        Problem(
                            _(
                                "The file has no line for section %(number)s, which item %(item)s is part of: it is added as “%(text)s”."
                            )
                            % {"number": number, "item": row.number, "text": text},
                            row.row,
                            _column_label("number"),
                            severity="warning",
                            code=SUPPLIED_SECTION,
                        ),
                    ),
                )
            )
        outline.append(row)
    return outline


def differences(rows: list[PreviewRow], existing: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    pairs = pair_items(
        [(row.number, row.text_in("az")) for row in rows],
        {n: fields["text"] for n, fields in existing.items()},
    )
    changed, renumbered = [], []
    for row in rows:
        previous = pairs[row.number]
        if previous is None:
            continue
        if previous != row.number:
            renumbered.append(f"{previous} → {row.number}")
        old = existing[previous]
        executors = [executor.organization_id for executor in row.executors]
        agreements = [executor.organization_id for executor in row.executors if executor.agreement]
        if (old["text"], old["deadline_text"], old["executors"], old.get("agreements", [])) != (
            row.text_in("az"),
            row.deadline.text,
            executors,
            agreements,
        ) or (row.decidim is not None and old.get("decidim") != row.decidim):
            changed.append(row.number)
    claimed = {previous for previous in pairs.values() if previous}
    return {
        "added": [number for number, previous in pairs.items() if previous is None],
        "changed": changed,
        "renumbered": renumbered,
        "removed": [number for number in existing if number not in claimed],
    }
