"""Azerbaijani capitals: i's capital is İ and ı's is I, in every label Koordinat capitalises
(core.text, and the templates' capfirst/upper/lower filters)."""

import datetime

import pytest
from django.core.paginator import Paginator
from django.template import engines
from django.urls import reverse
from django.utils import translation

from koordinat.core import text
from koordinat.directory import services as directory_services
from koordinat.directory.selectors import OrganizationRow
from koordinat.directory.tables import organization_table
from koordinat.plans import services as plans_services
from koordinat.plans.models import LegalAct
from tests.conftest import texts

WRONG = ("Işçi", "Icra", "Ictimai", "Iki ölkə")


@pytest.mark.parametrize(
    ("language", "given", "capitalised", "capitals", "small"),
    [
        ("az", "işçi qrup", "İşçi qrup", "İŞÇİ QRUP", "işçi qrup"),
        ("az", "ıslaq iz", "Islaq iz", "ISLAQ İZ", "ıslaq iz"),
        ("az", "İCRA HAKİMİYYƏTİ", "İCRA HAKİMİYYƏTİ", "İCRA HAKİMİYYƏTİ", "icra hakimiyyəti"),
        ("az", "QIZ", "QIZ", "QIZ", "qız"),
        ("ru", "исполнитель", "Исполнитель", "ИСПОЛНИТЕЛЬ", "исполнитель"),
        ("en", "item under control", "Item under control", "ITEM UNDER CONTROL", "item under control"),
        ("en", "INTERNAL", "INTERNAL", "INTERNAL", "internal"),
    ],
)
def test_case_follows_the_language(language, given, capitalised, capitals, small):
    assert text.capfirst(given, language) == capitalised
    assert text.upper(given, language) == capitals
    assert text.lower(capitals, language) == small


def test_the_page_language_is_the_default():
    with translation.override("az"):
        assert text.capfirst("icraçı") == "İcraçı"
    with translation.override("en"):
        assert text.capfirst("icraçı") == "Icraçı"
    assert text.capfirst("") == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("az", "İşçi qrup|İŞÇİ QRUP|ıslaq"),
        ("ru", "Işçi qrup|IŞÇI QRUP|islaq"),
        ("en", "Işçi qrup|IŞÇI QRUP|islaq"),
    ],
)
def test_template_filters_replace_djangos(language, expected):
    """Every template gets the filters without loading them (a template builtin)."""
    template = engines["django"].from_string("{{ kind|capfirst }}|{{ kind|upper }}|{{ word|lower }}")
    with translation.override(language):
        assert template.render({"kind": "işçi qrup", "word": "ISLAQ"}) == expected


def test_template_filters_keep_escaping():
    template = engines["django"].from_string("{{ value|capfirst }} {{ value|upper }} {{ value|lower }}")
    with translation.override("az"):
        assert template.render({"value": "<i>"}) == "&lt;i&gt; &lt;İ&gt; &lt;i&gt;"


@pytest.fixture
def bodies(coordinator):
    return [
        directory_services.body_create(actor=coordinator, kind=kind, name=texts(name, name, name))
        for kind, name in [
            ("working_group", "Ekologiya"),
            ("executive_group", "Elektron hökumət"),
            ("public_council", "Şəffaflıq"),
        ]
    ]


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("az", ["İşçi qrup", "İcra qrupu", "İctimai şura"]),
        ("ru", ["Рабочая группа", "Исполнительная группа", "Общественный совет"]),
        ("en", ["Working group", "Executive group", "Public council"]),
    ],
)
def test_body_kinds_are_capitalised_in_the_page_language(client, coordinator, bodies, language, labels):
    client.force_login(coordinator)
    with translation.override(language):
        pages = [client.get(reverse("directory:bodies")).content.decode()] + [
            client.get(reverse("directory:body", args=[body.pk])).content.decode() for body in bodies
        ]
    for label in labels:
        assert label in pages[0]
    for page, label in zip(pages[1:], labels, strict=True):
        assert label in page
    assert not any(wrong in page for page in pages for wrong in WRONG)


@pytest.mark.parametrize(
    ("language", "role"),
    [
        ("az", "İcraçı (əlaqələndirici şəxs)"),
        ("ru", "Исполнитель (контактное лицо)"),
        ("en", "Executor (focal point)"),
    ],
)
def test_a_persons_role_is_capitalised(client, coordinator, ministry, make_user, language, role):
    person = directory_services.person_create(
        actor=coordinator,
        last_name=texts("İsmayılov"),
        first_name=texts("Anar"),
        organization=ministry,
        position=texts("mütəxəssis"),
    )
    make_user("executor", ministry, email="anar@koordinat.test", person=person)
    client.force_login(coordinator)
    with translation.override(language):
        page = client.get(reverse("directory:person", args=[person.pk])).content.decode()
    assert role in page
    assert not any(wrong in page for wrong in WRONG)


@pytest.mark.parametrize(
    ("language", "kind"),
    [
        ("az", "İki ölkənin birgə tədbirlər planı"),
        ("ru", "Совместный план мероприятий двух стран"),
        ("en", "Joint action plan of two countries"),
    ],
)
def test_a_plans_kind_is_capitalised(client, coordinator, center, ministry, other_ministry, language, kind):
    plan = plans_services.plan_create(
        actor=coordinator,
        code="JOINT",
        kind="joint_action_plan",
        title=texts("Birgə plan", "Совместный план", "Joint plan"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=center,
        parties=[
            plans_services.Party("AZ", ministry, center),
            plans_services.Party("UZ", other_ministry, other_ministry),
        ],
    )
    client.force_login(coordinator)
    with translation.override(language):
        pages = [
            client.get(reverse(name, args=args)).content.decode()
            for name, args in [("plans:plans", []), ("plans:plan", [plan.code])]
        ]
    for page in pages:
        assert kind in page
        assert not any(wrong in page for wrong in WRONG)


@pytest.mark.parametrize(
    ("language", "kind"), [("az", "İcra hakimiyyəti"), ("ru", "Icra hakimiyyəti"), ("en", "Icra hakimiyyəti")]
)
def test_the_organisation_register_capitalises_the_kind_by_language(language, kind, db, monkeypatch):
    """The kind's label taken as written in small letters, capitalised by the page's language."""
    from koordinat.directory import tables

    monkeypatch.setattr(
        tables, "choice_labels", lambda choices: {"local_executive_authority": "icra hakimiyyəti"}
    )
    row = OrganizationRow(
        pk=1,
        name="Ağdam",
        short_name="",
        abbreviation="",
        kind="local_executive_authority",
        abolished_on=None,
        parent_name="",
    )
    with translation.override(language):
        table = organization_table(Paginator([row], 10).page(1))
        assert table.columns[1].cell(row) == kind


@pytest.mark.parametrize(
    ("language", "label"),
    [("az", "Fərman № 5, 05.12.2026"), ("ru", "Указ № 5, 05.12.2026"), ("en", "Decree № 5, 05.12.2026")],
)
def test_a_legal_acts_name(language, label):
    act = LegalAct(kind="decree", number="5", date=datetime.date(2026, 12, 5))
    with translation.override(language):
        assert str(act) == label
