import datetime

import pytest

from koordinat.accounts.models import Role
from koordinat.directory import services as directory_services
from koordinat.execution import services
from koordinat.plans import services as plans_services
from tests.conftest import texts

TODAY = datetime.date(2026, 4, 1)


@pytest.fixture
def plan(coordinator, center, ministry, other_ministry):
    """A plan in force: section 1 and items 1.1 (ministry leads, the other ministry co-executes) and 1.2."""
    act = plans_services.legal_act_create(
        actor=coordinator, kind="order", number="7", date=datetime.date(2025, 12, 1), title=texts("Sərəncam")
    )
    plan = plans_services.plan_create(
        actor=coordinator,
        code="CTRL-1",
        kind="action_plan",
        title=texts("Nəzarət planı"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=center,
        approved_by=act,
        status="in_force",
    )

    def content(text, deadline, executors):
        return plans_services.MeasureContent(
            text=texts(text),
            expected_result=texts(""),
            deadline_text=deadline,
            executors=executors,
            other_executors=texts(""),
        )

    plans_services.measure_create(actor=coordinator, plan=plan, number="1", content=content("Bölmə", "", []))
    plans_services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1.1",
        content=content("Monitorinq", "2026-cı ilin II rübü", [ministry, other_ministry]),
    )
    plans_services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1.2",
        content=content("Meşə bərpası", "mütəmadi", [other_ministry]),
    )
    return plan


@pytest.fixture
def cycle(coordinator, plan):
    return services.cycle_open(
        actor=coordinator,
        plan=plan,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        due_date=datetime.date(2026, 4, 10),
        today=TODAY,
    )


@pytest.fixture
def open_cycle(coordinator, plan):
    """A cycle due in the future of the real clock, so the pages' own "today" is inside it."""
    return services.cycle_open(
        actor=coordinator,
        plan=plan,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        due_date=datetime.date.today() + datetime.timedelta(days=30),
    )


@pytest.fixture
def head(make_user, ministry):
    return make_user(Role.HEAD, ministry)


@pytest.fixture
def other_head(make_user, other_ministry):
    return make_user(Role.HEAD, other_ministry)


@pytest.fixture
def body_secretary(make_user, center):
    """A secretary of a collegial body: reads what was sent, like the office's other readers."""
    return make_user(Role.BODY_SECRETARY, center)


@pytest.fixture
def stranger(make_user, make_organization):
    """An executor of an organisation with no part in the plan's items."""
    return make_user(Role.EXECUTOR, make_organization("Rəqəmsal İnkişaf və Nəqliyyat Nazirliyi"))


@pytest.fixture
def lead_report(cycle, ministry):
    return cycle.reports.get(organization=ministry)


@pytest.fixture
def co_report(cycle, other_ministry):
    return cycle.reports.get(organization=other_ministry, item__measure__number="1.1")


def _person(actor, organization, last_name, first_name, position):
    return directory_services.person_create(
        actor=actor,
        last_name={"az": last_name},
        first_name={"az": first_name},
        organization=organization,
        position={"az": position},
    )


@pytest.fixture
def controller_staff(coordinator, center):
    """Someone working in the controlling organisation (the Center)."""
    return _person(coordinator, center, "Əliyeva", "Günay", "Baş məsləhətçi")


@pytest.fixture
def outsider(coordinator, ministry):
    """Someone working in an executing ministry, not for the controller."""
    return _person(coordinator, ministry, "Quliyev", "Tural", "Şöbə müdiri")
