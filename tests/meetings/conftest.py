import datetime
from zoneinfo import ZoneInfo

import pytest

from koordinat.accounts.models import Role
from koordinat.directory import services as directory_services
from koordinat.meetings import services
from tests.conftest import texts

BAKU = ZoneInfo("Asia/Baku")


def at(day: str, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=BAKU)


@pytest.fixture
def people(coordinator, center, ministry):
    def person(last, first, organization, email):
        return directory_services.person_create(
            actor=coordinator,
            last_name=texts(last),
            first_name=texts(first),
            email=email,
            organization=organization,
            position=texts("baş məsləhətçi"),
        )

    return {
        "chair": person("Məmmədov", "Rəşad", center, "chair@koordinat.test"),
        "secretary": person("Əliyeva", "Aynur", center, "secretary@koordinat.test"),
        "member": person("Həsənov", "Kamran", ministry, "member@koordinat.test"),
    }


@pytest.fixture
def body(coordinator, people, ministry, center):
    return directory_services.body_create(
        actor=coordinator,
        kind="working_group",
        name=texts("Ekologiya üzrə işçi qrup", "Рабочая группа по экологии", "Working group on ecology"),
        chair=people["chair"],
        secretary=people["secretary"],
        members=list(people.values()),
        member_organizations=[ministry, center],
    )


@pytest.fixture
def secretary(make_user, people, center):
    return make_user(
        Role.BODY_SECRETARY, center, email="secretary@koordinat.test", person=people["secretary"]
    )


@pytest.fixture
def chair(make_user, people, center):
    return make_user(Role.COORDINATOR, center, email="chair@koordinat.test", person=people["chair"])


@pytest.fixture
def meeting(secretary, body):
    return services.meeting_create(
        actor=secretary,
        body=body,
        title=texts("İşçi qrupun iclası", "Заседание рабочей группы", "Meeting of the working group"),
        starts_at=at("2026-03-16"),
        place=texts("Mərkəz, 3-cü mərtəbə"),
    )


@pytest.fixture
def held(secretary, meeting):
    return services.meeting_held(
        actor=secretary,
        meeting=meeting,
        version=meeting.version,
        present=list(meeting.participants.values_list("pk", flat=True)),
    )


@pytest.fixture
def minutes(secretary, held):
    return services.minutes_start(actor=secretary, meeting=held, number="12", date=datetime.date(2026, 3, 17))
