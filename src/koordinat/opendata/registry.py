"""The register of datasets: one declaration per public list (its name, title, table schema and the
rows it reads through the public selectors), from which every format, the data package descriptor
and the open-data page are made. An app that adds a public list declares one `Dataset`."""

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

# Table Schema types (https://specs.frictionlessdata.io/table-schema/) the files use.
TYPES = ("string", "integer", "number", "boolean", "date", "datetime")

Row = Sequence[Any]


@dataclass(frozen=True)
class Field:
    name: str  # the column's name in every file, in English snake case: stable across languages
    type: str
    description: str | Promise
    required: bool = False
    choices: tuple[tuple[str, str | Promise], ...] = ()  # the only codes it takes, with their meaning
    format: str = ""  # e.g. "uri" for a string

    def __post_init__(self) -> None:
        assert self.type in TYPES, self.type

    @property
    def enum(self) -> list[str]:
        return [code for code, _label in self.choices]

    @property
    def full_description(self) -> str:
        """The description with the meaning of each code, in the current language."""
        if not self.choices:
            return str(self.description)
        values = "; ".join(f"{code} — {label}" for code, label in self.choices)
        return f"{self.description} " + _("Values: %(values)s.") % {"values": values}


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str  # another dataset's name
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Dataset:
    """A public list. `rows(**scope)` yields rows in `fields` order, reading in chunks (a constant
    number of queries per chunk); `scope` names what a per-object file is of (a plan's code)."""

    name: str
    title: str | Promise
    description: str | Promise
    fields: Sequence[Field]
    rows: Callable[..., Iterator[Row]]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    scope: str = ""  # "" for a whole list; "plan" when it is also published per plan
    order: int = 100
    field_names: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "field_names", tuple(each.name for each in self.fields))
        known = set(self.field_names)
        assert set(self.primary_key) <= known, self.primary_key
        for key in self.foreign_keys:
            assert set(key.fields) <= known, key


REGISTRY: dict[str, Dataset] = {}


def register(dataset: Dataset) -> None:
    """Declare a dataset once (AppConfig.ready() may run more than once in tests)."""
    REGISTRY[dataset.name] = dataset


def datasets() -> list[Dataset]:
    return sorted(REGISTRY.values(), key=lambda each: (each.order, each.name))


def dataset_get(name: str) -> Dataset:
    """The dataset named `name`; KeyError for any other."""
    return REGISTRY[name]


def cell(value: Any) -> Any:
    """A value as the files write it: dates and moments in ISO 8601 (moments in UTC, with "Z"),
    nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value
