"""Shared fixtures: an organisation tree and one user per role."""

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from koordinat.accounts.models import Role, User
from koordinat.directory import services
from koordinat.directory.models import Organization
from koordinat.plans import services as plans_services


def pytest_report_header(config: pytest.Config) -> str:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"koordinat database backend: {engine}"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The corpus of real plan cells: the share read right per language, when its test ran."""
    ran = any(
        "test_corpus.py" in getattr(entry, "nodeid", "")
        for reports in terminalreporter.stats.values()
        for entry in reports
    )
    if ran:
        from tests.plans.corpus import report, tally

        terminalreporter.write_sep("-", "corpus of real plan cells: read right")
        terminalreporter.write_line(report(tally()))


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """A request under /ru/ leaves Russian active in the thread; each test starts in Azerbaijani."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """What the cache counts (refusals recorded per anonymous client) starts from nothing in each test."""
    cache.clear()


@pytest.fixture
def admin_user(db: Any) -> User:
    return User.objects.create_superuser("admin@koordinat.test", "pass-admin-123")


def texts(az: str, ru: str = "", en: str = "") -> dict[str, str]:
    return {"az": az, "ru": ru, "en": en}


@pytest.fixture
def make_organization(admin_user: User) -> Callable[..., Organization]:
    counter = iter(range(1, 1_000_000))

    def make(
        name: str | None = None, *, parent: Organization | None = None, kind: str = "ministry"
    ) -> Organization:
        number = next(counter)
        label = name or f"Təşkilat {number}"
        return services.organization_create(
            actor=admin_user,
            kind=kind,
            name=texts(label, f"Организация {label}", f"Organisation {label}"),
            abbreviation=texts(f"T{number}"),
            parent=parent,
        )

    return make


@pytest.fixture
def ministry(make_organization: Callable[..., Organization]) -> Organization:
    return make_organization("Ekologiya və Təbii Sərvətlər Nazirliyi")


@pytest.fixture
def other_ministry(make_organization: Callable[..., Organization]) -> Organization:
    return make_organization("Energetika Nazirliyi")


@pytest.fixture
def center(make_organization: Callable[..., Organization]) -> Organization:
    return make_organization("Koordinasiya Qərargahının Mərkəzi", kind="public_legal_entity")


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    def make(
        role: str, organization: Organization | None, email: str | None = None, person: Any = None
    ) -> User:
        return User.objects.create_user(
            email or f"{role}-{organization.pk if organization else 'none'}@koordinat.test",
            "pass-user-123",
            role=role,
            organization=organization,
            person=person,
        )

    return make


@pytest.fixture
def coordinator(make_user: Callable[..., User], center: Organization) -> User:
    return make_user(Role.COORDINATOR, center)


@pytest.fixture
def executor(make_user: Callable[..., User], ministry: Organization) -> User:
    return make_user(Role.EXECUTOR, ministry)


@pytest.fixture
def other_executor(make_user: Callable[..., User], other_ministry: Organization) -> User:
    return make_user(Role.EXECUTOR, other_ministry)


@pytest.fixture
def observer(make_user: Callable[..., User], center: Organization) -> User:
    return make_user(Role.OBSERVER, center)


@pytest.fixture
def approving_act(coordinator):
    """The order a plan in force cites as its legal basis."""
    return plans_services.legal_act_create(
        actor=coordinator,
        kind="order",
        number="1",
        date=datetime.date(2025, 12, 30),
        title=texts("Planın təsdiq edilməsi haqqında", "Об утверждении плана", "On approving the plan"),
    )


@pytest.fixture
def queue(settings):
    """The database queue a worker takes jobs from (other tests run jobs at once), three attempts
    with a ten-second first wait, and the day's jobs due from midnight."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.KOORDINAT_JOB_ATTEMPTS = 3
    settings.KOORDINAT_JOB_BACKOFF_SECONDS = 10
    settings.KOORDINAT_DAILY_JOBS_HOUR = 0
    settings.KOORDINAT_SCHEDULE_CATCH_UP_DAYS = 7
