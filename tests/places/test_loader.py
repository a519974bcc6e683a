"""The shipped districts load completely, once, with their audit event."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from koordinat.core.models import AuditEvent
from koordinat.core.text import fold
from koordinat.places import loader
from koordinat.places.models import District
from koordinat.places.services import DistrictData, PlacesDataError, districts_load

LANKARAN_PIECES = ["AZE-ADM2-54616110B26341487", "AZE-ADM2-54616110B12911193"]


def rings(geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def test_loads_78_districts_with_three_names_and_valid_boundaries(districts):
    assert districts == 78
    assert District.objects.count() == 78
    for district in District.objects.all():
        for code in ("az", "ru", "en"):
            assert getattr(district, f"name_{code}"), (district.code, code)
        assert district.kind in {"district", "city"}
        assert district.geometry["type"] in {"Polygon", "MultiPolygon"}
        for ring in rings(district.geometry):
            assert len(ring) >= 4
            assert ring[0] == ring[-1]
            for longitude, latitude in ring:
                assert 44 < longitude < 51
                assert 38 < latitude < 42.5
        assert fold(district.name_az) in district.search_text
        assert fold(district.name_ru) in district.search_text


def test_names_are_distinct_in_each_language(districts):
    for code in ("az", "ru", "en"):
        names = list(District.objects.values_list(f"name_{code}", flat=True))
        assert len(set(names)) == 78, code


def test_official_names(districts):
    expected = {
        "Khachmaz District": ("Xaçmaz", "Хачмаз", "Khachmaz", "district"),
        "Agdam District": ("Ağdam", "Агдам", "Aghdam", "district"),
        "Fuzuli District": ("Füzuli", "Физули", "Fuzuli", "district"),
        "Jabrayil District": ("Cəbrayıl", "Джебраил", "Jabrayil", "district"),
        "Qubadli District": ("Qubadlı", "Губадлы", "Gubadly", "district"),
        "Kalbajar District": ("Kəlbəcər", "Кельбаджар", "Kalbajar", "district"),
        "Shusha City": ("Şuşa", "Шуша", "Shusha", "city"),
        "Khojaly District": ("Xocalı", "Ходжалы", "Khojaly", "district"),
        "Baku City": ("Bakı", "Баку", "Baku", "city"),
        "Ganja City": ("Gəncə", "Гянджа", "Ganja", "city"),
        "Sumqayit City": ("Sumqayıt", "Сумгайыт", "Sumgait", "city"),
        "Nakhchivan City": ("Naxçıvan", "Нахчыван", "Nakhchivan", "city"),
        "Shaki District": ("Şəki rayonu", "Шекинский район", "Shaki District", "district"),
    }
    names = json.loads(loader.NAMES_FILE.read_text(encoding="utf-8"))
    code_of = {entry["shapeName"]: code for code, entry in names.items()}
    for shape_name, (az, ru, en, kind) in expected.items():
        district = District.objects.get(code=code_of[shape_name])
        assert (district.name_az, district.name_ru, district.name_en, district.kind) == (az, ru, en, kind)


def test_name_follows_the_active_language(districts):
    district = District.objects.get(name_az="Füzuli")
    assert str(district) == "Füzuli"
    with translation.override("ru"):
        assert str(District.objects.get(pk=district.pk)) == "Физули"
    with translation.override("en"):
        assert str(District.objects.get(pk=district.pk)) == "Fuzuli"


def test_lankaran_pieces_become_one_district_on_the_first_shape_id(districts):
    assert not District.objects.filter(code=LANKARAN_PIECES[1]).exists()
    lankaran = District.objects.get(code=LANKARAN_PIECES[0])
    assert lankaran.name_az == "Lənkəran rayonu"
    assert lankaran.kind == "district"
    source = json.loads(loader.BOUNDARIES_FILE.read_text(encoding="utf-8"))
    pieces = [f["geometry"] for f in source["features"] if f["properties"]["shapeID"] in LANKARAN_PIECES]
    expected = sum(len(p["coordinates"]) if p["type"] == "MultiPolygon" else 1 for p in pieces)
    assert lankaran.geometry["type"] == "MultiPolygon"
    assert len(lankaran.geometry["coordinates"]) == expected == 3
    assert District.objects.get(name_az="Lənkəran").kind == "city"


def test_cities_with_the_status_of_a_district(districts):
    cities = set(District.objects.filter(kind="city").values_list("name_en", flat=True))
    assert cities == {
        "Baku", "Ganja", "Sumgait", "Shirvan", "Shusha", "Khankendi", "Yevlakh", "Naftalan",
        "Shaki", "Lankaran", "Mingachevir", "Nakhchivan",
    }  # fmt: skip


def test_loading_again_changes_nothing(districts):
    before = {d.code: (d.updated_at, d.name_az, d.geometry) for d in District.objects.all()}
    assert loader.load_districts() == 0
    after = {d.code: (d.updated_at, d.name_az, d.geometry) for d in District.objects.all()}
    assert after == before


def test_each_load_writes_one_audit_event_with_its_counts(districts):
    events = AuditEvent.objects.filter(action="places.load")
    assert events.count() == 1
    first = events.get()
    assert first.actor is None
    assert first.data["created"] == 78
    assert first.data["updated"] == 0
    assert first.data["total"] == 78
    assert "CC BY-SA" in first.data["source"]

    District.objects.filter(name_az="Ağdam").update(name_ru="Агдам (старое)")
    loader.load_districts()
    second = events.order_by("-pk").first()
    assert events.count() == 2
    assert (second.data["created"], second.data["updated"], second.data["unchanged"]) == (0, 1, 77)
    assert District.objects.get(name_az="Ağdam").name_ru == "Агдам"


def test_a_deleted_district_comes_back(districts):
    District.objects.filter(name_az="Laçın").delete()
    assert loader.load_districts() == 1
    assert District.objects.count() == 78


def test_incomplete_names_are_refused_and_nothing_is_written(db):
    item = DistrictData(
        code="X-1",
        kind="district",
        names={"az": "Ağdam", "ru": "", "en": "Aghdam"},
        geometry={"type": "Polygon", "coordinates": [[[47, 40], [47.1, 40], [47, 40.1], [47, 40]]]},
    )
    with pytest.raises(PlacesDataError, match="ru"):
        districts_load(actor=None, districts=[item])
    assert not District.objects.exists()
    assert not AuditEvent.objects.exists()


def test_merge_geometries():
    polygon = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1], [0, 0]]]}
    multi = {"type": "MultiPolygon", "coordinates": [[[[2, 2], [3, 2], [2, 3], [2, 2]]]]}
    assert loader.merge_geometries([polygon]) is polygon
    merged = loader.merge_geometries([multi, polygon])
    assert merged == {"type": "MultiPolygon", "coordinates": [*multi["coordinates"], polygon["coordinates"]]}


def test_names_file_covers_every_shape():
    names = json.loads(loader.NAMES_FILE.read_text(encoding="utf-8"))
    source = json.loads(loader.BOUNDARIES_FILE.read_text(encoding="utf-8"))
    shape_names = {f["properties"]["shapeName"] for f in source["features"]}
    assert len(source["features"]) == 79
    assert len(names) == len(shape_names) == 78
    assert {entry["shapeName"] for entry in names.values()} == shape_names
    for entry in names.values():
        assert all(entry[code] for code in ("az", "ru", "en")), entry


def test_licence_ships_beside_the_data():
    licence = (loader.DATA / "LICENSE.md").read_text(encoding="utf-8")
    assert "CC BY-SA 3.0" in licence
    assert "geoBoundaries (wmgeolab), from Wikipedia" in licence


def test_command_prints_the_count(db):
    out = StringIO()
    call_command("load-places", stdout=out)
    assert "created 78" in out.getvalue()
    out = StringIO()
    call_command("load-places", stdout=out)
    assert "created 0" in out.getvalue()
    assert District.objects.count() == 78
