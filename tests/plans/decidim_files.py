"""Accountability results files written as Decidim writes them, and read as Decidim's importer reads them.

The writer follows decidim-core `Decidim::Exporters::CSV` over decidim-accountability
`Decidim::Accountability::ResultSerializer` (0.27: category, scope, parent, title, description,
dates, status, progress, created_at, url, component, proposal_urls; the fields of newer versions
can be added): nested hashes flattened into "a/b" columns, the headers the union of the keys in
order, ";" between cells, Ruby's CSV quoting (an empty string written as "", nil as nothing), an
apostrophe before a text starting with "=", "+", "-" or "@" (`custom_sanitize`), "\n" after each row,
UTF-8 without a byte order mark.

The reader follows `Decidim::Accountability::ResultsCSVImporter` (0.27/0.28): it reads with ";",
takes `title/<locale>` and `description/<locale>` for each locale of the organisation, falling back
to the default locale's column, requires a title in the default locale, parses the dates with
`Date.parse`, takes `progress` as a number from 0 to 100 and `status/id` as the id of a status of
the component, and links children to the results created from their `parent/id`.
"""

import csv
import datetime
import io
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@")


def _flatten(value: Any, key: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for subkey, subvalue in value.items():
            flat.update(_flatten(subvalue, f"{key}/{subkey}" if key else subkey))
        return flat
    if isinstance(value, list):
        return {key: ", ".join(str(item) for item in value if item is not None)}
    return {key: value}


def _ruby_field(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    if text == "" or any(char in text for char in ';"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def decidim_export(results: list[dict[str, Any]]) -> bytes:
    rows = [_flatten(result) for result in results]
    headers: list[str] = []
    for row in rows:
        headers += [key for key in row if key not in headers]
    lines = [";".join(headers)] + [
        ";".join(_ruby_field(row.get(header)) for header in headers) for row in rows
    ]
    return ("\n".join(lines) + "\n").encode()


def serialized_result(
    *,
    id: int,
    title: dict[str, str],
    description: dict[str, str],
    parent: int | None = None,
    start: str | None = None,
    end: str | None = None,
    status: tuple[int, str, dict[str, str]] | None = None,
    progress: str | None = None,
    locales: tuple[str, ...] = ("ca", "es", "fr"),
) -> dict[str, Any]:
    """`ResultSerializer#serialize` of one result (0.27), for an organisation with `locales`."""
    empty = dict.fromkeys(locales, "")
    status_id, status_key, status_name = status or (None, None, empty)
    return {
        "id": id,
        "category": {"id": None, "name": empty},
        "scope": {"id": None, "name": empty},
        "parent": {"id": parent},
        "title": title,
        "description": description,
        "start_date": start,
        "end_date": end,
        "status": {"id": status_id, "key": status_key, "name": status_name},
        "progress": progress,
        "created_at": "2026-02-03 10:00:00 UTC",
        "url": f"https://decidim.example.org/processes/pam/f/8/results/{id}",
        "component": {"id": 8},
        "proposal_urls": [],
    }


def decidim_would_import(
    data: bytes, *, locales: list[str], default_locale: str, status_ids: set[str] = frozenset()
) -> list[tuple[int, str]]:
    """The errors Decidim's results import would report for the file, as (row, message); none means
    it imports every row. Rows are counted as the importer counts them, the header being row 1."""
    errors: list[tuple[int, str]] = []
    text = data.decode("utf-8")  # the importer forces UTF-8 and takes no byte order mark off
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    ids = {row.get("id") for row in rows}
    for number, row in enumerate(rows, start=2):
        title = {
            locale: row.get(f"title/{locale}") or row.get(f"title/{default_locale}") or ""
            for locale in locales
        }
        if not title[default_locale]:
            errors.append((number, "Title can't be blank"))
        for column in ("start_date", "end_date"):
            if row.get(column):
                try:
                    datetime.date.fromisoformat(row[column])
                except ValueError:
                    errors.append((number, f"{column} is invalid"))
        if row.get("progress"):
            try:
                progress = float(row["progress"])
            except ValueError:
                errors.append((number, "Progress is not a number"))
            else:
                if not 0 <= progress <= 100:
                    errors.append((number, "Progress must be between 0 and 100"))
        if row.get("status/id") and row["status/id"] not in status_ids:
            errors.append((number, "Status can't be blank"))
        if row.get("parent/id") and row["parent/id"] not in ids:
            errors.append((number, "parent removed: not in the file"))
    return errors
