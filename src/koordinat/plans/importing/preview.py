"""Turning the rows of a plan table into a checked preview: the tree, the executors, every problem."""

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any

from django.utils.translation import gettext as _

from ..deadlines import Deadline, DeadlineKind, parse_deadline
from .columns import FIELD_LABELS, FIELDS, HEADER_SEARCH_ROWS, find_header
from .matching import Candidate, ExecutorMatch, OrganizationIndex, split_executors
from .pairing import pair_items
from .readers import Table

UNKNOWN_EXECUTOR = "unknown_executor"
UNREADABLE_DEADLINE = "unreadable_deadline"
UNREADABLE_FILE = "unreadable_file"
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)[.)]?\s*$")


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
    return column < len(cells) and bool(_NUMBER.match(cells[column]))


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
) -> Preview:
    """Check every row. `executor_choices` maps cell names a person tied to an organisation;
    `existing` (number → fields) is the plan already in the registry, to show the differences."""
    preview = Preview(filename=filename)
    choices = executor_choices or {}
    matched: dict[str, tuple[list[str], list[ExecutorMatch]]] = {}

    def executors_of(cell: str) -> tuple[list[str], list[ExecutorMatch]]:
        """The same executor cell repeats on many rows: split and match it once, and let the rows
        share the list of matches."""
        found = matched.get(cell)
        if found is None:
            names = split_executors(cell)
            found = matched[cell] = (names, [_chosen(name, index.match(name), choices) for name in names])
        return found

    seen: dict[str, int] = {}
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
            preview_row = _check_row(cells, columns, row_number, table.where, executors_of)
            if preview_row is None:
                continue
            if preview_row.number:
                if preview_row.number in seen:
                    preview_row.problems += (
                        Problem(
                            _("Number %(number)s is used twice (also in row %(other)d).")
                            % {"number": preview_row.number, "other": seen[preview_row.number]},
                            row_number,
                            _column_label("number"),
                        ),
                    )
                else:
                    seen[preview_row.number] = row_number
            preview.rows.append(preview_row)
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
    if not preview.rows:
        preview.problems.append(
            Problem(_("The table in %(file)s has no rows under its header.") % {"file": filename})
        )
    for preview_row in preview.rows:
        parent = preview_row.parent_number
        if parent and parent not in seen:
            preview_row.problems += (
                Problem(
                    _("Item %(number)s has no parent item %(parent)s in the plan.")
                    % {"number": preview_row.number, "parent": parent},
                    preview_row.row,
                    _column_label("number"),
                ),
            )
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


def _date(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


_DEADLINE_FIELDS = ["text", "kind", "start", "end", "recurrence", "offset", "anchor"]


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
                    [e.text, e.organization_id, e.score, [dataclasses.astuple(c) for c in e.candidates]]
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
    deadlines = [
        Deadline(text, DeadlineKind(kind), _date(start), _date(end), recurrence, offset, anchor)
        for text, kind, start, end, recurrence, offset, anchor in data["deadlines"]
    ]
    executor_lists = [
        [
            ExecutorMatch(text, organization, score, [Candidate(*candidate) for candidate in candidates])
            for text, organization, score, candidates in matches
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


def _chosen(name: str, result: ExecutorMatch, choices: dict[str, int]) -> ExecutorMatch:
    """The organisation a person tied an unmatched name to, if they did."""
    if result.organization_id is None and name in choices:
        return ExecutorMatch(name, choices[name], 1.0, result.candidates)
    return result


def _check_row(
    cells: list[str],
    columns: dict[str, int],
    row_number: int,
    where: str,
    executors_of: Callable[[str], tuple[list[str], list[ExecutorMatch]]],
) -> PreviewRow | None:
    def cell(name: str) -> str:
        position = columns.get(name)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    raw_number, text = cell("number"), cell("text")
    problems: list[Problem] = []
    match = _NUMBER.match(raw_number)
    number = match.group(1) if match else ""
    if not text and not raw_number:
        return None
    if not number:
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
    deadline = parse_deadline(deadline_text)
    if deadline_text and deadline.kind == DeadlineKind.UNPARSEABLE:
        problems.append(
            Problem(
                _(
                    "The execution period “%(value)s” could not be read; it is kept as written and marked for review."
                )
                % {"value": deadline_text},
                row_number,
                _column_label("deadline"),
                severity="warning",
                code=UNREADABLE_DEADLINE,
            )
        )
    names, executors = executors_of(cell("executors"))
    for name, result in zip(names, executors, strict=True):
        if result.organization_id is None:
            problems.append(
                Problem(
                    _("Executor “%(name)s” is not in the directory: choose the organisation or create it.")
                    % {"name": name},
                    row_number,
                    _column_label("executors"),
                    code=UNKNOWN_EXECUTOR,
                    subject=result.text,
                )
            )
    return PreviewRow(
        row=row_number,
        number=number or raw_number,
        text=text,
        expected_result=cell("expected_result"),
        deadline=deadline,
        executors=executors,
        problems=tuple(problems),
    )


def differences(rows: list[PreviewRow], existing: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    pairs = pair_items(
        [(row.number, row.text) for row in rows], {n: fields["text"] for n, fields in existing.items()}
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
        if (old["text"], old["deadline_text"], old["executors"]) != (
            row.text,
            row.deadline.text,
            executors,
        ) or (row.decidim is not None and old.get("decidim") != row.decidim):
            changed.append(row.number)
    claimed = {previous for previous in pairs.values() if previous}
    return {
        "added": [number for number, previous in pairs.items() if previous is None],
        "changed": changed,
        "renumbered": renumbered,
        "removed": [number for number in existing if number not in claimed],
    }
