"""Lists in the order of the page's alphabet (core.collation), the same on SQLite and PostgreSQL."""

import random

import pytest
from django.db import connection
from django.utils import translation

from koordinat.core.collation import by_label, collated, sort_key
from koordinat.directory import selectors
from koordinat.directory import services as directory_services
from koordinat.directory.models import Organization
from koordinat.directory.selectors import OrganizationFilters
from tests.conftest import texts

# Each list in the order its alphabet gives (checked against PostgreSQL's ICU collations).
AZERBAIJANI = [
    "Ağdam",  # ğ comes before v
    "Avtomobil",
    "Cavid",
    "Çingiz",  # ç after c
    "Elçin",
    "Əli",  # ə after e
    "Fərid",
    "Həsən",
    "Xəyal",  # x after h
    "ılıq",  # ı before i; small before capital
    "Ilqar",  # capital I is dotless ı's
    "İlham",  # İ is i's capital, after ı
    "ilk",
    "Kamal",
    "Qasım",  # q after k
    "Lalə",
    "Mədəni",  # ə before ü
    "Müdafiə",
    "Oğuz",
    "Ödlər",
    "Sabir",
    "Şəki",
    "Ucar",
    "Üzeyir",
    "Zaur",
]
RUSSIAN = ["Ёж", "Ежов", "Елов", "Ель", "Ётов", "Жуков", "Иван", "Йод", "Яков", "Ağdam", "Zebra"]
ENGLISH = [
    "a b",
    "a-c",
    "ab",
    "Ağdam",
    "apple",
    "Avtomobil",
    "Ezop",
    "Əli",
    "İlham",
    "ilk",
    "Ilqar",
    "Zebra",
    "Ёж",
]


@pytest.mark.parametrize(("language", "ordered"), [("az", AZERBAIJANI), ("ru", RUSSIAN), ("en", ENGLISH)])
def test_sort_key_follows_the_alphabet(language, ordered):
    shuffled = random.Random(14).sample(ordered, len(ordered))
    assert shuffled != ordered
    assert sorted(shuffled, key=lambda text: sort_key(text, language)) == ordered


def test_sort_key_reads_the_page_language():
    with translation.override("az"):
        assert sorted(["Ilqar", "İlham", "ilk"], key=sort_key) == ["Ilqar", "İlham", "ilk"]
    with translation.override("en"):
        assert sorted(["Ilqar", "İlham", "ilk"], key=sort_key) == ["İlham", "ilk", "Ilqar"]


def test_small_letters_before_capitals_and_digits_before_letters():
    assert sorted(["AA", "Aa", "aa", "10", "2", "b"], key=lambda text: sort_key(text, "az")) == [
        "10",
        "2",
        "aa",
        "Aa",
        "AA",
        "b",
    ]


@pytest.fixture
def named(admin_user):
    """Organisations named in all three languages; the Russian and English names keep the order of
    neither of the others."""

    def make(*names: tuple[str, str, str]) -> list[Organization]:
        return [
            directory_services.organization_create(
                actor=admin_user, kind="ministry", name=texts(az, ru, en), abbreviation=texts("")
            )
            for az, ru, en in names
        ]

    return make


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_the_database_orders_as_the_alphabet(language):
    """`collated` compares in the database exactly as `sort_key` does in Python."""
    words = {"az": AZERBAIJANI, "ru": RUSSIAN, "en": ENGLISH}[language]
    union = " UNION ALL ".join(["SELECT %s AS word"] * len(words))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word FROM ({union}) AS words ORDER BY word COLLATE "
            f"{connection.ops.quote_name(collated('word', language).collation)}",
            list(reversed(words)),
        )
        assert [row[0] for row in cursor.fetchall()] == words


@pytest.mark.django_db
def test_organisations_are_listed_by_the_page_alphabet(named, admin_user):
    named(
        ("Müdafiə Nazirliyi", "Министерство обороны", "Ministry of Defence"),
        ("Mədəniyyət Nazirliyi", "Министерство культуры", "Ministry of Culture"),
        (
            "Avtomobil Yolları Dövlət Agentliyi",
            "Государственное агентство автомобильных дорог",
            "Road Agency",
        ),
        ("Ağdam Rayon İcra Hakimiyyəti", "Агдамская районная исполнительная власть", "Aghdam District"),
        ("İqtisadiyyat Nazirliyi", "Ёлочный комитет", "Economy Ministry"),
        ("Ilısu Bələdiyyəsi", "Елисейский совет", "Ilisu Municipality"),
        ("Əmək Nazirliyi", "Жилищный комитет", "Labour Ministry"),
        ("Energetika Nazirliyi", "Министерство энергетики", "Ministry of Energy"),
    )

    def listed(language: str) -> list[str]:
        with translation.override(language):
            return [
                organization.name
                for organization in selectors.organization_list(
                    user=admin_user, filters=OrganizationFilters()
                )
            ]

    assert listed("az") == [
        "Ağdam Rayon İcra Hakimiyyəti",
        "Avtomobil Yolları Dövlət Agentliyi",
        "Energetika Nazirliyi",
        "Əmək Nazirliyi",
        "Ilısu Bələdiyyəsi",
        "İqtisadiyyat Nazirliyi",
        "Mədəniyyət Nazirliyi",
        "Müdafiə Nazirliyi",
    ]
    assert listed("ru") == [
        "Агдамская районная исполнительная власть",
        "Государственное агентство автомобильных дорог",
        "Елисейский совет",
        "Ёлочный комитет",
        "Жилищный комитет",
        "Министерство культуры",
        "Министерство обороны",
        "Министерство энергетики",
    ]
    assert listed("en") == [
        "Aghdam District",
        "Economy Ministry",
        "Ilisu Municipality",
        "Labour Ministry",
        "Ministry of Culture",
        "Ministry of Defence",
        "Ministry of Energy",
        "Road Agency",
    ]


@pytest.mark.django_db
def test_a_name_missing_in_the_page_language_sorts_by_the_name_shown(named, admin_user):
    """The Russian page shows the Azerbaijani name where there is no Russian one, and sorts by it
    (Cyrillic before Latin, as Russian orders them)."""
    named(("Zəngilan", "", ""), ("Ağdam", "Агдам", ""), ("Bakı", "", ""), ("Şəki", "Шеки", ""))
    with translation.override("ru"):
        rows = list(selectors.organization_register(user=admin_user, filters=OrganizationFilters()))
    assert [row.name for row in rows] == ["Агдам", "Шеки", "Bakı", "Zəngilan"]


@pytest.mark.django_db
def test_people_are_listed_by_last_then_first_name(admin_user):
    for last, first in [
        ("İsmayılov", "Anar"),
        ("Əliyev", "Vüsal"),
        ("Eyvazov", "Anar"),
        ("Isayev", "Ülvi"),
        ("Əliyev", "Cavid"),
    ]:
        directory_services.person_create(actor=admin_user, last_name=texts(last), first_name=texts(first))
    with translation.override("az"):
        people = [(person.last_name, person.first_name) for person in selectors.person_list(user=admin_user)]
    assert people == [
        ("Eyvazov", "Anar"),
        ("Əliyev", "Cavid"),
        ("Əliyev", "Vüsal"),
        ("Isayev", "Ülvi"),
        ("İsmayılov", "Anar"),
    ]


@pytest.mark.django_db
def test_by_label_orders_a_queryset_by_the_page_language(named):
    named(("Şəki", "Шеки", "Sheki"), ("Salyan", "Сальяны", "Salyan"), ("Zaqatala", "Закаталы", "Zagatala"))
    with translation.override("az"):
        assert list(Organization.objects.order_by(by_label("name")).values_list("name_az", flat=True)) == [
            "Salyan",
            "Şəki",
            "Zaqatala",
        ]
    with translation.override("ru"):
        assert list(Organization.objects.order_by(by_label("name")).values_list("name_ru", flat=True)) == [
            "Закаталы",
            "Сальяны",
            "Шеки",
        ]


@pytest.mark.django_db
def test_district_choices_follow_the_page_alphabet(admin_user):
    from koordinat.places.models import District
    from koordinat.places.selectors import district_options

    District.objects.all().delete()
    for code, az, ru in [("A", "Astara", "Астара"), ("B", "Ağdam", "Агдам"), ("C", "Əbşeron", "Абшерон")]:
        District.objects.create(code=code, name_az=az, name_ru=ru, name_en=az)
    with translation.override("az"):
        assert [d.name for d in district_options(user=admin_user)] == ["Ağdam", "Astara", "Əbşeron"]
    with translation.override("ru"):
        assert [d.name for d in district_options(user=admin_user)] == ["Абшерон", "Агдам", "Астара"]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="ICU collations and their indexes: PostgreSQL")
@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_the_organisation_register_is_read_from_its_alphabet_index(admin_user, language):
    """The index is on exactly the expression the register orders by: if one changes, the other must."""
    with translation.override(language):
        rows = selectors.organization_register(user=admin_user, filters=OrganizationFilters())
        sql, params = rows.queryset[:50].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"org_label_{language}" in plan
