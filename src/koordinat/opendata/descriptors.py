"""The Frictionless Data Package descriptor (https://specs.frictionlessdata.io/data-package/) of the
datasets, and each dataset's Table Schema: made from the same declarations that write the files, so
a column that changes type changes its schema too."""

import datetime
import string
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from koordinat.plans.models import Plan

from .registry import Dataset, cell

NAME_CHARACTERS = frozenset(string.ascii_lowercase + string.digits + "-_.")  # what a package name may hold
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


def table_schema(dataset: Dataset) -> dict[str, Any]:
    fields = []
    for each in dataset.fields:
        described: dict[str, Any] = {
            "name": each.name,
            "type": each.type,
            "description": str(each.description),
        }
        if each.format:
            described["format"] = each.format
        constraints: dict[str, Any] = {}
        if each.required:
            constraints["required"] = True
        if each.enum:
            constraints["enum"] = each.enum
        if constraints:
            described["constraints"] = constraints
        fields.append(described)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    if dataset.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.fields),
                "reference": {"resource": key.resource, "fields": list(key.reference)},
            }
            for key in dataset.foreign_keys
        ]
    return schema


def file_path(dataset: Dataset, kind: str, *, plan: Plan | None = None) -> str:
    """The address of a dataset's file in the current language (a plan's own when `plan` is given)."""
    if plan is not None:
        return reverse("opendata:plan_file", args=[plan.code, dataset.name, kind])
    return reverse("opendata:file", args=[dataset.name, kind])


def resource(dataset: Dataset, path: str) -> dict[str, Any]:
    return {
        "profile": "tabular-data-resource",
        "name": dataset.name,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "path": path,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
        "schema": table_schema(dataset),
        "licenses": [LICENCE],
    }


def package(
    datasets: list[Dataset],
    *,
    absolute: Any,
    as_of: datetime.datetime,
    plan: Plan | None = None,
) -> dict[str, Any]:
    """The descriptor: one CSV resource per dataset at its absolute address, the licence (CC BY 4.0),
    the source (this portal) and `created`, the moment the data is as of. A plan's own package has
    its measures and, for their foreign key, the plan itself."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    portal = absolute(reverse("portal:home"))
    name = "koordinat-open-data" + (f"-{plan.code.lower()}" if plan else "")
    resources = [resource(each, absolute(file_path(each, "csv", plan=plan))) for each in datasets]
    return {
        "profile": "tabular-data-package",
        "name": "".join(char if char in NAME_CHARACTERS else "-" for char in name),
        "title": (_("Open data of the public portal: %(plan)s") % {"plan": plan.title})
        if plan
        else _("Open data of the public portal"),
        "description": _(
            "What the coordination office published of plans, measures and meetings of public bodies, "
            "as the public portal shows it."
        ),
        "homepage": absolute(reverse("opendata:index")),
        "language": language,
        "created": cell(as_of),
        "licenses": [LICENCE],
        "sources": [{"title": _("Koordinat public portal"), "path": portal}],
        "resources": resources,
    }
