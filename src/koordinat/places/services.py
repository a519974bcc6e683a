"""Writes to the district registry.

Districts are reference data seeded from the files shipped in `places/data/`; the one write is
the load, which bypasses per-user permission checks (it runs from the command line or the demo
loader, never from a request) and is recorded as one `places.load` audit event with its counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from koordinat.core import audit
from koordinat.core.text import fold
from koordinat.core.translation import Texts, assign_texts, language_codes, texts_of

from .models import District

GEOMETRY_TYPES = ("Polygon", "MultiPolygon")


class PlacesDataError(ValueError):
    """The shipped district data is incomplete or malformed; nothing was written."""


@dataclass(frozen=True)
class DistrictData:
    """One district as read from the shipped files."""

    code: str
    kind: str
    names: Texts
    geometry: dict[str, Any]
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LoadCounts:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def district_search_text(names: Texts, aliases: Sequence[str]) -> str:
    parts = [*names.values(), *aliases]
    return fold(" | ".join(part for part in parts if part))


def _check(item: DistrictData) -> None:
    missing = [code for code in language_codes() if not (item.names.get(code) or "").strip()]
    if missing:
        raise PlacesDataError(f"District {item.code} has no name in: {', '.join(missing)}.")
    if item.kind not in District.Kind.values:
        raise PlacesDataError(f"District {item.code} has an unknown kind {item.kind!r}.")
    if item.geometry.get("type") not in GEOMETRY_TYPES or not item.geometry.get("coordinates"):
        raise PlacesDataError(f"District {item.code} has no Polygon or MultiPolygon boundary.")


def _state(district: District) -> dict[str, Any]:
    return {
        "kind": district.kind,
        "names": texts_of(district, "name"),
        "aliases": list(district.aliases or []),
        "geometry": district.geometry,
        "search_text": district.search_text,
    }


def _apply(district: District, item: DistrictData) -> None:
    district.kind = item.kind
    assign_texts(district, "name", item.names)
    district.aliases = list(item.aliases)
    district.geometry = item.geometry
    district.search_text = district_search_text(item.names, item.aliases)


def districts_load(
    *, actor: AbstractBaseUser | None, districts: Sequence[DistrictData], source: str = ""
) -> LoadCounts:
    """Create or update each district by its code, all or nothing; rows already equal are left
    alone, so loading the same data twice writes nothing but the audit event."""
    for item in districts:
        _check(item)
    codes = [item.code for item in districts]
    if len(set(codes)) != len(codes):
        raise PlacesDataError("The same district code appears twice.")
    created = updated = unchanged = 0
    with transaction.atomic():
        existing = {district.code: district for district in District.objects.filter(code__in=codes)}
        for item in districts:
            district = existing.get(item.code)
            if district is None:
                district = District(code=item.code)
                _apply(district, item)
                district.save(force_insert=True)
                created += 1
                continue
            before = _state(district)
            _apply(district, item)
            if _state(district) == before:
                unchanged += 1
            else:
                district.save()
                updated += 1
        counts = LoadCounts(created=created, updated=updated, unchanged=unchanged)
        audit.record(
            actor=actor,
            action="places.load",
            data={
                "created": counts.created,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
                "total": counts.total,
                "source": source,
            },
        )
    return counts
