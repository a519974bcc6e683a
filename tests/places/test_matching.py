"""Recognising districts in what people type, in three languages and with endings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koordinat.places.models import District
from koordinat.places.selectors import DistrictIndex, district_match, districts_in


@pytest.fixture
def index(districts):
    return DistrictIndex.build()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Azerbaijani, with the case endings of plan tables
        ("Ağdam", "Ağdam"),
        ("Ağdam rayonu", "Ağdam"),
        ("Ağdam rayonunda", "Ağdam"),
        ("Füzuli rayonunun", "Füzuli"),
        ("Cəbrayıl rayonuna", "Cəbrayıl"),
        ("Zəngilan rayonundan", "Zəngilan"),
        ("Kəlbəcər r-nu", "Kəlbəcər"),
        ("Laçında", "Laçın"),
        ("Şuşanın", "Şuşa"),
        ("Xocalıda", "Xocalı"),
        ("Bakı şəhəri", "Bakı"),
        ("Gəncə şəhərində", "Gəncə"),
        ("Sumqayıt şəhərinin", "Sumqayıt"),
        ("Naxçıvan", "Naxçıvan"),
        ("Xocavənd rayonu ərazisində", "Xocavənd"),
        ("QUBADLI RAYONU", "Qubadlı"),
        ("agdam rayonu", "Ağdam"),
        ("Ağdam Rayon İcra Hakimiyyəti", "Ağdam"),
        ("Göyçay rayonunun", "Göyçay"),
        ("Xanlar rayonu", "Göygöl"),
        # Russian: plain names, "район", adjectives in any case, "город", "г."
        ("Хачмаз", "Xaçmaz"),
        ("Агдамский район", "Ağdam"),
        ("в Агдамском районе", "Ağdam"),
        ("Исполнительная власть Физулинского района", "Füzuli"),
        ("Джебраил", "Cəbrayıl"),
        ("Губадлы", "Qubadlı"),
        ("Кельбаджарский р-н", "Kəlbəcər"),
        ("город Баку", "Bakı"),
        ("г. Гянджа", "Gəncə"),
        ("в городе Шуше", "Şuşa"),
        ("Ходжавенд", "Xocavənd"),
        ("Ленкорань", "Lənkəran"),
        ("Гёйчайский район", "Göyçay"),
        # English, geoBoundaries spellings and "city of"
        ("Fuzuli District", "Füzuli"),
        ("Agdam District", "Ağdam"),
        ("Aghdam district", "Ağdam"),
        ("City of Baku", "Bakı"),
        ("Khojaly", "Xocalı"),
        ("Zangilan District Executive Authority", "Zəngilan"),
        ("Sumqayit City", "Sumqayıt"),
        ("Baku's", "Bakı"),
    ],
)
def test_matches(index, text, expected):
    district = index.match(text)
    assert district is not None, text
    assert district.name_az == expected


@pytest.mark.parametrize(
    ("text", "az", "kind"),
    [
        ("Şəki", "Şəki", "city"),
        ("Şəki şəhəri", "Şəki", "city"),
        ("Şəki rayonu", "Şəki rayonu", "district"),
        ("Şəki rayonunda", "Şəki rayonu", "district"),
        ("Шекинский район", "Şəki rayonu", "district"),
        ("Shaki District", "Şəki rayonu", "district"),
        ("Lənkəran rayonunun", "Lənkəran rayonu", "district"),
        ("Lənkəran şəhəri", "Lənkəran", "city"),
        ("Шушинский район", "Şuşa rayonu", "district"),
        ("Şuşa şəhərində", "Şuşa", "city"),
        ("Yevlax rayonu", "Yevlax rayonu", "district"),
        ("Шуша", "Şuşa", "city"),
        ("Ağdam şəhəri", "Ağdam", "district"),  # the town has no row of its own: its district
    ],
)
def test_city_or_district_of_the_same_name(index, text, az, kind):
    district = index.match(text)
    assert district is not None, text
    assert (district.name_az, district.kind) == (az, kind)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Ekologiya və Təbii Sərvətlər Nazirliyi",
        "Quba-Xaçmaz iqtisadi rayonu",  # an economic region, not a district
        "Şirvan iqtisadi rayonu",
        "Füzuli poeziyası",  # the poet, not the district
        "Bakı Dövlət Universiteti",
        "Ağdam və Füzuli rayonlarında",  # two districts: not one match
        "Stepnoy",
    ],
)
def test_no_single_district(index, text):
    assert index.match(text) is None


def test_lists_name_every_district(index):
    names = [d.name_az for d in index.find_all("Ağdam, Füzuli və Cəbrayıl rayonlarında bərpa işləri")]
    assert names == ["Ağdam", "Füzuli", "Cəbrayıl"]
    names = [d.name_az for d in index.find_all("в Агдамском, Физулинском и Джебраильском районах")]
    assert names == ["Ağdam", "Füzuli", "Cəbrayıl"]
    assert [d.name_az for d in index.find_all("Laçın, Kəlbəcər, Qubadlı")] == ["Laçın", "Kəlbəcər", "Qubadlı"]
    assert index.find_all("Bakı Dövlət Universiteti") == []


def test_index_build_is_one_query_and_matching_none(districts):
    with CaptureQueriesContext(connection) as build:
        index = DistrictIndex.build()
    assert len(build.captured_queries) == 1
    with CaptureQueriesContext(connection) as matching:
        for text in ("Ağdam rayonunda", "Агдамский район", "Fuzuli District", "Şəki"):
            assert index.match(text) is not None
    assert len(matching.captured_queries) == 0
    assert len(index.districts) == 78


def test_district_match_reads_the_registry_each_call(districts, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert district_match("Füzuli rayonunun").name_az == "Füzuli"
    District.objects.filter(name_az="Füzuli").update(
        name_az="Füzulu", name_ru="Физулу", name_en="Fuzulu", aliases=["Fizulu"]
    )
    assert district_match("Füzuli rayonunun") is None
    assert district_match("Füzulu rayonunun").name_az == "Füzulu"
    assert district_match("Fizulu").name_az == "Füzulu"


def test_districts_in(districts):
    assert [d.name_az for d in districts_in("Zəngilan və Qubadlı rayonları")] == ["Zəngilan", "Qubadlı"]


def test_every_name_matches_its_district(index, districts):
    for district in District.objects.all():
        for code in ("az", "ru", "en"):
            found = index.match(getattr(district, f"name_{code}"))
            assert found == district, (code, getattr(district, f"name_{code}"))
