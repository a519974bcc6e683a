"""Writing thousands of rows at once, for imports, audit chains and scale data."""

import json
import time
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


def _prepared_default(field: "models.Field[Any, Any]", template: models.Model) -> Any:
    """A new row's value as the ORM would save it; JSON as text, which both databases take as is
    (the PostgreSQL adapter object would be serialised again for every row)."""
    value = field.pre_save(template, add=True)
    if isinstance(field, models.JSONField):
        return None if value is None else json.dumps(value, cls=field.encoder)
    return field.get_db_prep_save(value, connection)


def bulk_insert(model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert many rows in one statement: COPY on PostgreSQL, executemany elsewhere. Model instances
    and compiled SQL cost far more than the data when an import writes thousands of rows.

    `rows` hold the values of `columns` as the database driver takes them (str, int, date, None;
    datetimes and JSON prepared by the caller); every other column gets the model's default, computed
    once as the ORM would for a new row (`auto_now` times included). Rows are consumed as they come."""
    fields = {str(field.column): field for field in model._meta.concrete_fields}
    unknown = set(columns) - set(fields)
    if unknown:
        raise ValueError(f"{model._meta.label} has no columns {', '.join(sorted(unknown))}")
    template = model()
    rest = [
        (column, _prepared_default(field, template))
        for column, field in fields.items()
        if column not in columns and not (field.primary_key and isinstance(field, models.AutoField))
    ]
    defaults = tuple(value for _column, value in rest)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in [*columns, *(column for column, _ in rest)])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({names}) FROM STDIN"
            started = time.monotonic()
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row((*row, *defaults))
            if connection.queries_logged:  # the debug cursor does not see COPY: log it like a query
                connection.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})
        else:
            placeholders = ", ".join(["%s"] * (len(columns) + len(defaults)))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({placeholders})",
                ((*row, *defaults) for row in rows),  # type: ignore[arg-type]  # any iterable: not all held at once
            )
