import pytest

from koordinat.plans.importing.matching import OrganizationIndex, split_executors
from tests.conftest import texts


@pytest.fixture
def registry(coordinator):
    from koordinat.directory import services

    make = services.organization_create
    return {
        "eco": make(
            actor=coordinator,
            kind="ministry",
            name=texts(
                "Azərbaycan Respublikasının Ekologiya və Təbii Sərvətlər Nazirliyi",
                "Министерство экологии и природных ресурсов Азербайджанской Республики",
                "Ministry of Ecology and Natural Resources of the Republic of Azerbaijan",
            ),
            short_name=texts(
                "Ekologiya və Təbii Sərvətlər Nazirliyi", "Министерство экологии", "Ministry of Ecology"
            ),
            abbreviation=texts("ETSN", "МЭПР", "MENR"),
        ),
        "energy": make(
            actor=coordinator,
            kind="ministry",
            name=texts(
                "Azərbaycan Respublikasının Energetika Nazirliyi",
                "Министерство энергетики Азербайджанской Республики",
                "Ministry of Energy",
            ),
            short_name=texts("Energetika Nazirliyi", "Министерство энергетики", "Ministry of Energy"),
        ),
        "agdam": make(
            actor=coordinator,
            kind="local_executive_authority",
            name=texts(
                "Ağdam Rayon İcra Hakimiyyəti",
                "Исполнительная власть Агдамского района",
                "Aghdam District Executive Authority",
            ),
        ),
    }


def test_cells_split_into_names_in_order():
    cell = "Ekologiya və Təbii Sərvətlər Nazirliyi (əsas icraçı); Energetika Nazirliyi,\nAğdam Rayon İcra Hakimiyyəti"
    assert split_executors(cell) == [
        "Ekologiya və Təbii Sərvətlər Nazirliyi",
        "Energetika Nazirliyi",
        "Ağdam Rayon İcra Hakimiyyəti",
    ]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ekologiya və Təbii Sərvətlər Nazirliyi", "eco"),
        ("ETSN", "eco"),
        ("МЭПР", "eco"),
        ("ekologiya ve tebii servetler nazirliyi", "eco"),
        ("Ekologiya və Təbii Sərvətlər Nazirliyinin", "eco"),
        ("Министерством экологии и природных ресурсов", "eco"),
        ("Energetika Nazirliyi", "energy"),
        ("Agdam rayon icra hakimiyyeti", "agdam"),
        ("Ağdam Rayon İcra Hakimiyyətinin", "agdam"),
    ],
)
def test_names_in_any_form_match_their_organisation(registry, text, key):
    result = OrganizationIndex.build().match(text)
    assert result.organization_id == registry[key].pk, (text, result)
    assert result.score >= 0.9


def test_an_unknown_name_is_not_guessed_but_suggests_candidates(registry):
    result = OrganizationIndex.build().match("Energetika Agentliyi")
    assert result.organization_id is None
    assert result.candidates
    assert result.candidates[0].organization_id == registry["energy"].pk


def test_a_name_with_nothing_in_common_has_no_candidates(registry):
    result = OrganizationIndex.build().match("Xarici İşlər Nazirliyi Konsulluq İdarəsi")
    assert result.organization_id is None


def test_abolished_organisations_are_not_offered(registry, coordinator):
    import datetime

    from koordinat.directory import services

    energy = registry["energy"]
    services.organization_abolish(
        actor=coordinator, organization=energy, version=energy.version, on=datetime.date(2025, 1, 1)
    )
    assert OrganizationIndex.build().match("Energetika Nazirliyi").organization_id is None
