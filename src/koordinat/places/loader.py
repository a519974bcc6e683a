"""Seeds the districts from the data shipped inside the package (`places/data/`).

`azerbaijan-districts.geojson` gives the boundaries (geoBoundaries AZE ADM2, CC BY-SA 3.0; see
`data/LICENSE.md`), `district-names.json` the Azerbaijani, Russian and English names keyed by
`shapeID`. Features sharing a `shapeName` are one district (Lankaran District comes in two
pieces): the district keeps the first `shapeID` and one MultiPolygon of all the pieces.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from . import services
from .services import DistrictData, PlacesDataError

DATA = resources.files("koordinat.places") / "data"
BOUNDARIES_FILE = DATA / "azerbaijan-districts.geojson"
NAMES_FILE = DATA / "district-names.json"
SOURCE = "geoBoundaries AZE ADM2 (gbOpen, 2020), CC BY-SA 3.0"


def merge_geometries(geometries: list[dict[str, Any]]) -> dict[str, Any]:
    """One geometry for several pieces: the piece itself if alone, else one MultiPolygon."""
    if len(geometries) == 1:
        return geometries[0]
    polygons: list[Any] = []
    for geometry in geometries:
        if geometry["type"] == "Polygon":
            polygons.append(geometry["coordinates"])
        elif geometry["type"] == "MultiPolygon":
            polygons.extend(geometry["coordinates"])
        else:
            raise PlacesDataError(f"Cannot merge a {geometry['type']} into a MultiPolygon.")
    return {"type": "MultiPolygon", "coordinates": polygons}


def _read_json(path: Traversable) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def read_districts(
    boundaries: Traversable = BOUNDARIES_FILE, names: Traversable = NAMES_FILE
) -> list[DistrictData]:
    """The districts in file order, names attached; raises PlacesDataError on any gap."""
    collection = _read_json(boundaries)
    name_table: dict[str, dict[str, Any]] = _read_json(names)
    by_shape_name = {entry.get("shapeName"): entry for entry in name_table.values()}

    groups: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    for feature in collection["features"]:
        properties = feature["properties"]
        shape_name, shape_id = properties["shapeName"], properties["shapeID"]
        if shape_name in groups:
            groups[shape_name][1].append(feature["geometry"])
        else:
            groups[shape_name] = (shape_id, [feature["geometry"]])

    districts = []
    for shape_name, (code, geometries) in groups.items():
        entry = name_table.get(code) or by_shape_name.get(shape_name)
        if entry is None:
            raise PlacesDataError(f"No names for {shape_name} ({code}) in {NAMES_FILE.name}.")
        kind = entry.get("kind") or ("city" if shape_name.endswith(" City") else "district")
        aliases = list(entry.get("aliases", []))
        if shape_name not in aliases and shape_name != entry["en"]:
            aliases.append(shape_name)
        districts.append(
            DistrictData(
                code=code,
                kind=kind,
                names={"az": entry["az"], "ru": entry["ru"], "en": entry["en"]},
                geometry=merge_geometries(geometries),
                aliases=aliases,
            )
        )
    return districts


def load_districts() -> int:
    """Create or refresh the districts from the shipped data; returns how many were created."""
    counts = services.districts_load(actor=None, districts=read_districts(), source=SOURCE)
    return counts.created
