"""The dialogue's pages ask the same number of queries with 3 submissions as with 30."""

import pytest
from django.urls import reverse

from koordinat.accounts.models import Role
from koordinat.dialogue import services
from tests.plans.test_query_counts import queries

from .conftest import QUESTION, make_citizen


def grow(ask, accept, executor, count: int, start: int, *, on_plan: bool = False) -> None:
    for number in range(start, start + count):
        submission = accept(
            ask(f"{QUESTION} {number}", who=make_citizen(f"q{number}@example.test"), on_plan=on_plan)
        )
        services.answer_save(
            actor=executor, submission=submission, version=0, texts={"az": "Cavab"}, publish=True
        )


@pytest.mark.parametrize(
    "url_for",
    [
        lambda portal: reverse("portal:measure", args=[portal.plan.code, "1.1"]),
        lambda portal: reverse("portal:plan", args=[portal.plan.code]),
        lambda portal: reverse("portal:organization", args=[portal.accepted.organization_id]),
        lambda portal: reverse("dialogue:log"),
    ],
    ids=["measure", "plan", "organisation", "log"],
)
def test_public_pages_do_not_grow(client, portal, ask, accept, executor, settings, url_for):
    settings.KOORDINAT_DIALOGUE_LIMITS = {"account": (1000, 3600), "address": (1000, 3600)}
    grow(ask, accept, executor, 3, 0)
    small = queries(client, url_for(portal))
    grow(ask, accept, executor, 27, 3)
    assert queries(client, url_for(portal)) == small


@pytest.mark.parametrize("name", ["dialogue_office:answers", "dialogue_office:moderation"])
def test_office_lists_do_not_grow(client, portal, ask, accept, executor, coordinator, settings, name):
    settings.KOORDINAT_DIALOGUE_LIMITS = {"account": (1000, 3600), "address": (1000, 3600)}
    reader = executor if name.endswith("answers") else coordinator
    client.force_login(reader)
    for number in range(3):
        ask(f"{QUESTION} p{number}", who=make_citizen(f"p{number}@example.test"))
    grow(ask, accept, executor, 3, 0)
    small = queries(client, reverse(name))
    for number in range(3, 30):
        ask(f"{QUESTION} p{number}", who=make_citizen(f"p{number}@example.test"))
    grow(ask, accept, executor, 27, 3)
    assert queries(client, reverse(name)) == small


def test_the_plan_page_reads_questions_on_the_plan_only_when_it_has_some(
    client, portal, ask, accept, make_user, center, settings
):
    """Its own four queries with none (tests.portal.test_query_counts); two more, the questions and
    their answers, with 3 or with 30."""
    settings.KOORDINAT_DIALOGUE_LIMITS = {"account": (1000, 3600), "address": (1000, 3600)}
    url = reverse("portal:plan", args=[portal.plan.code])
    answering = make_user(Role.EXECUTOR, center)  # the plan's coordinating organisation
    without = queries(client, url)
    grow(ask, accept, answering, 3, 0, on_plan=True)
    assert queries(client, url) == without + 2
    grow(ask, accept, answering, 27, 3, on_plan=True)
    assert queries(client, url) == without + 2
