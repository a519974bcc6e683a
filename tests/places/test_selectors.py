from django.contrib.auth.models import AnonymousUser

from koordinat.core.collation import sort_key
from koordinat.places.models import District
from koordinat.places.selectors import district_feature_collection, district_get, district_list


def test_districts_are_public(districts, admin_user):
    assert district_list(user=AnonymousUser()).count() == 78
    assert district_list(user=admin_user).count() == 78
    assert District.objects.visible_to(AnonymousUser()).count() == 78


def test_list_is_ordered_by_name_and_leaves_boundaries_out(districts, django_assert_num_queries):
    """By the Azerbaijani alphabet: Ağcabədi before Astara (ğ before s), Şəki after Saatlı."""
    with django_assert_num_queries(1):
        names = [district.name for district in district_list(user=AnonymousUser())]
    assert names == sorted(names, key=lambda name: sort_key(name, "az"))
    assert names[:2] == ["Abşeron", "Ağcabədi"]
    assert names.index("Şəki") > names.index("Saatlı")


def test_feature_collection(districts):
    collection = district_feature_collection(user=AnonymousUser())
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 78
    feature = next(f for f in collection["features"] if f["properties"]["name"] == "Bakı")
    assert feature["geometry"]["type"] == "MultiPolygon"
    assert feature["properties"]["kind"] == "city"
    baku = district_get(user=AnonymousUser(), pk=feature["properties"]["id"])
    assert baku.code == feature["id"]
