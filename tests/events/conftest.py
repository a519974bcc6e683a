"""An executive authority that organises events, civil-society partners, its public council, a
published plan with a measure to put on an agenda, and one user per role."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest

from koordinat.accounts.models import Role
from koordinat.core import clock
from koordinat.directory import services as directory_services
from koordinat.events import services
from koordinat.events.models import Event
from koordinat.places.models import District
from koordinat.plans import services as plans_services
from tests.conftest import texts


@pytest.fixture
def district(db):
    return District.objects.create(
        name="Yardımlı", name_az="Yardımlı", name_ru="Ярдымлы", name_en="Yardimli", code="YAR-T"
    )


@pytest.fixture
def authority(make_organization):
    return make_organization("Yardımlı Rayon İcra Hakimiyyəti", kind="local_executive_authority")


@pytest.fixture
def cso(make_organization):
    return make_organization("“Yardımlı Gəncləri” İctimai Birliyi", kind="civil_society_organisation")


@pytest.fixture
def council(admin_user, cso, authority):
    return directory_services.body_create(
        actor=admin_user,
        kind="public_council",
        name=texts("Yardımlı ictimai şurası", "Общественный совет Ярдымлы", "Yardimli public council"),
        member_organizations=[cso],
        advises=authority,
    )


@pytest.fixture
def secretary(make_user, authority):
    """A body secretary of the organising authority: keeps its events."""
    return make_user(Role.BODY_SECRETARY, authority)


@pytest.fixture
def own_coordinator(make_user, authority):
    return make_user(Role.COORDINATOR, authority)


@pytest.fixture
def own_executor(make_user, authority):
    """Staff of the organising authority who do not hold its events."""
    return make_user(Role.EXECUTOR, authority)


@pytest.fixture
def other_secretary(make_user, ministry):
    return make_user(Role.BODY_SECRETARY, ministry)


@pytest.fixture
def published_plan(coordinator, center, approving_act):
    plan = plans_services.plan_create(
        actor=coordinator,
        code="OGP-T",
        kind="action_plan",
        title=texts("Açıq hökumət planı", "План открытого правительства", "Open government plan"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=center,
        approved_by=approving_act,
        status="in_force",
    )
    plans_services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1",
        content=plans_services.MeasureContent(
            text=texts("Dəyirmi masaların keçirilməsi", "Проведение круглых столов", "Holding round tables"),
            expected_result=texts(""),
            deadline_text="",
            executors=[],
            other_executors=texts(""),
        ),
    )
    return plans_services.plan_publish(actor=coordinator, plan=plan, version=plan.version)


@pytest.fixture
def measure(published_plan):
    return published_plan.measures.get(number="1")


def soon(days: int = 10) -> datetime.datetime:
    return clock.now().replace(microsecond=0) + datetime.timedelta(days=days)


@pytest.fixture
def make_event(admin_user, authority, district) -> Callable[..., Event]:
    def make(*, published: bool = False, actor: Any = None, **overrides: Any) -> Event:
        arguments: dict[str, Any] = {
            "kind": Event.Kind.ROUND_TABLE,
            "title": texts("Dəyirmi masa", "Круглый стол", "Round table"),
            "starts_at": soon(),
            "district": district,
            "organizers": [authority],
            "registration_open": True,
            **overrides,
        }
        event = services.event_create(actor=actor or admin_user, **arguments)
        if published:
            event = services.event_publish(actor=admin_user, event=event, version=event.version)
        return event

    return make


@pytest.fixture
def event(make_event):
    """A published round table, open for registration."""
    return make_event(published=True)
