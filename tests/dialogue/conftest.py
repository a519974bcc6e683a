"""Citizens, their submissions on the portal's published plan, and the people who moderate and answer."""

from typing import Any

import pytest
from django.contrib.auth.hashers import make_password

from koordinat.core import clock
from koordinat.dialogue import services
from koordinat.dialogue.models import Citizen, Submission
from tests.portal.conftest import Portal, portal  # noqa: F401  # the published plan PUB-1

ADDRESS = "192.0.2.10"
QUESTION = "Su xətti Ağdamın hansı məhəllələrinə nə vaxt çəkiləcək?"


def make_citizen(email: str, *, name: str = "Leyla Məmmədova", confirmed: bool = True) -> Citizen:
    now = clock.now()
    return Citizen.objects.create(
        email=email,
        name=name,
        password=make_password("Vətəndaş-parol-2026"),
        language="az",
        consented_at=now,
        confirmed_at=now if confirmed else None,
    )


@pytest.fixture
def citizen(db: Any) -> Citizen:
    return make_citizen("leyla@example.test")


@pytest.fixture
def other_citizen(db: Any) -> Citizen:
    return make_citizen("rauf@example.test", name="Rauf Həsənov")


@pytest.fixture
def ask(portal: Portal, citizen: Citizen) -> Any:  # noqa: F811
    """A question (or proposal) of a citizen on measure 1.1 of the published plan."""

    def make(
        text: str = QUESTION, *, who: Citizen | None = None, kind: str = "question", **kwargs: Any
    ) -> Submission:
        target = {"plan": portal.plan} if kwargs.pop("on_plan", False) else {"measure": portal.measure}
        return services.submission_create(
            citizen=who or citizen,
            kind=kind,
            text=text,
            language=kwargs.pop("language", "az"),
            address=kwargs.pop("address", ADDRESS),
            **target,
            **kwargs,
        )

    return make


@pytest.fixture
def accept(coordinator: Any) -> Any:
    def decide(submission: Submission) -> Submission:
        return services.submission_moderate(
            actor=coordinator, submission=submission, version=submission.version, accept=True
        )

    return decide
