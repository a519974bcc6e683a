import pytest

from koordinat.directory import services as directory_services
from koordinat.places.models import District
from tests.conftest import texts


@pytest.fixture
def executors(coordinator, ministry):
    """The ministry of the `executor` fixture (named in three languages) and two more executors."""
    make = directory_services.organization_create
    return {
        "eco": directory_services.organization_update(
            actor=coordinator,
            organization=ministry,
            version=ministry.version,
            kind="ministry",
            parent=None,
            country="AZ",
            short_name=texts(""),
            name=texts(
                "Ekologiya və Təbii Sərvətlər Nazirliyi",
                "Министерство экологии и природных ресурсов",
                "Ministry of Ecology and Natural Resources",
            ),
            abbreviation=texts("ETSN", "МЭПР", "MENR"),
        ),
        "energy": make(
            actor=coordinator,
            kind="ministry",
            name=texts("Energetika Nazirliyi", "Министерство энергетики", "Ministry of Energy"),
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


@pytest.fixture
def district(db):
    """One district, as `koordinat load-places` would have stored it."""
    return District.objects.create(
        code="AGD",
        kind="district",
        name_az="Ağdam rayonu",
        name_ru="Агдамский район",
        name_en="Aghdam District",
    )
