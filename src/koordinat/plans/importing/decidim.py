"""Reading Decidim's accountability results CSV, so offices coming from Decidim can move their plans.

Decidim numbers results by database id with a parent id; Koordinat needs outline numbers, so the
tree is renumbered in file order ("1", "1.1", ...). Titles become measure texts, descriptions
expected results, and the start and end dates the execution period.
"""

import csv
import datetime
import io
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from koordinat.core.dates import date_range, in_range
from koordinat.core.spreadsheets import csv_text

from ..deadlines import Deadline, DeadlineKind
from .columns import FIELD_LABELS
from .matching import OrganizationIndex
from .preview import UNREADABLE_DEADLINE, UNREADABLE_FILE, Preview, Problem, build_preview
from .readers import Table, TableLimits, UnreadableFile, max_upload_bytes

REQUIRED = ["id", "parent/id"]
MAX_CSV_LINE_CHARS = 2**20  # Decidim's longest lines, descriptions in three languages, are far shorter


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text.strip()[:10]) if text.strip() else None
    except ValueError:
        return None


def _records(text: str, filename: str) -> tuple[list[str], list[dict[str, str]]]:
    """The header and the rows as dicts (as `csv.DictReader` gives them, blank lines skipped), the
    texts as written before `csv_field` escaped them; refused past the line, row and cell limits."""
    limits = TableLimits.from_settings()

    def lines() -> Iterator[str]:
        for line in io.StringIO(text):
            if len(line) > MAX_CSV_LINE_CHARS:
                raise UnreadableFile(
                    _("%(file)s has a line longer than %(limit)d characters; it was not read.")
                    % {"file": filename, "limit": MAX_CSV_LINE_CHARS}
                )
            yield line

    reader = csv.reader(lines())
    header = next(reader, [])
    rows, cells = 1, len(header)
    records = []
    for row in reader:
        rows, cells = rows + 1, cells + len(row)
        limits.check(filename, rows, cells)
        if row:
            records.append({name: csv_text(value) for name, value in zip(header, row, strict=False)})
    limits.check(filename, rows, cells)
    return header, records


def read_decidim(stream: IO[bytes], filename: str, *, language: str = "az") -> Preview:
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
    missing = [name for name in [*REQUIRED, f"title/{language}"] if name not in columns]
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
    numbers: dict[str, str] = {}
    children: dict[str, int] = {}
    rows = [["№", "Tədbirin adı", "İcraçılar", "İcra müddəti", "Gözlənilən nəticə"]]
    periods: dict[str, tuple[datetime.date | None, datetime.date | None]] = {}
    outside: dict[str, list[datetime.date]] = {}  # dates past the years `core.dates` allows
    for record in records:
        parent = (record.get("parent/id") or "").strip()
        children[parent] = children.get(parent, 0) + 1
        if not parent:
            number = str(children[parent])
        elif parent in numbers:
            number = f"{numbers[parent]}.{children[parent]}"
        else:  # a child listed before its parent, or of a parent not in the file: reported by the preview
            number = f"{parent}?{children[parent]}"
        numbers[(record.get("id") or "").strip()] = number
        start, end = _date(record.get("start_date", "")), _date(record.get("end_date", ""))
        outside[number] = [day for day in (start, end) if day and not in_range(day)]
        periods[number] = (None, None) if outside[number] else (start, end)
        rows.append(
            [
                number,
                record.get(f"title/{language}", ""),
                "",
                f"{start or ''} – {end or ''}" if start or end else "",
                record.get(f"description/{language}", ""),
            ]
        )
    preview = build_preview(
        [Table(where=filename, rows=rows)], filename=filename, index=OrganizationIndex([])
    )
    first, last = date_range()
    for row in preview.rows:
        row.problems += tuple(
            Problem(
                _("The date %(value)s is not between %(first)s and %(last)s.")
                % {"value": day.isoformat(), "first": first.isoformat(), "last": last.isoformat()},
                row.row,
                str(FIELD_LABELS["deadline"]),
            )
            for day in outside.get(row.number, [])
        )
        start, end = periods.get(row.number, (None, None))
        if end:
            row.deadline = Deadline(text=row.deadline.text, kind=DeadlineKind.DATE, start=start, end=end)
            row.problems = tuple(problem for problem in row.problems if problem.code != UNREADABLE_DEADLINE)
    return preview
