"""Questions and proposals on an event: only on a published one, routed to its first organiser,
moderated by those who manage the event, shown below its public page and its office page."""

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from koordinat.dialogue import permissions, routing, selectors, services
from koordinat.dialogue.models import Submission
from koordinat.events import services as event_services
from tests.events.conftest import (  # noqa: F401  # the organising authority and its events
    authority,
    district,
    make_event,
    other_secretary,
    own_coordinator,
    own_executor,
    secretary,
)
from tests.plans.test_query_counts import queries

from .conftest import ADDRESS, QUESTION, make_citizen
from .test_views import signed_in

MARKER = "QXPENDINGONEVENTMARKER"


def ask_on(event: Any, citizen: Any, text: str = QUESTION) -> Submission:
    return services.submission_create(
        citizen=citizen, kind="question", text=text, language="az", address=ADDRESS, event=event
    )


def accept(submission: Submission, actor: Any) -> Submission:
    return services.submission_moderate(
        actor=actor, submission=submission, version=submission.version, accept=True
    )


@pytest.fixture
def event(make_event):  # noqa: F811
    return make_event(published=True)


def test_a_question_on_a_published_event_has_no_plan(event, citizen):
    submission = ask_on(event, citizen)
    assert (submission.target, submission.event, submission.plan, submission.measure) == (
        Submission.Target.EVENT,
        event,
        None,
        None,
    )


def test_a_draft_event_takes_nothing_and_the_refusal_names_the_field(make_event, citizen):  # noqa: F811
    draft = make_event(published=False)
    with pytest.raises(ValidationError) as refused:
        ask_on(draft, citizen)
    assert "event" in refused.value.message_dict
    assert not Submission.objects.exists()


def test_an_event_and_a_plan_at_once_are_refused(event, citizen, portal):
    with pytest.raises(ValidationError) as refused:
        services.submission_create(
            citizen=citizen,
            kind="question",
            text=QUESTION,
            language="az",
            address=ADDRESS,
            event=event,
            plan=portal.plan,
        )
    assert "event" in refused.value.message_dict


def test_accepted_goes_to_the_first_organiser_by_name_in_the_installations_term(
    make_event,  # noqa: F811
    make_organization,
    citizen,
    admin_user,
    settings,
):
    settings.KOORDINAT_ANSWER_WORKING_DAYS = 7
    first = make_organization("Abşeron Rayon İcra Hakimiyyəti", kind="local_executive_authority")
    second = make_organization("Zaqatala Rayon İcra Hakimiyyəti", kind="local_executive_authority")
    event = make_event(published=True, organizers=[second, first])
    submission = accept(ask_on(event, citizen), admin_user)
    assert submission.organization == first
    assert routing.working_days_to_answer(submission) == 7
    assert submission.answer_due == routing.answer_due(timezone.localdate(submission.moderated_at), 7)


@pytest.mark.parametrize(
    ("role", "may"),
    [
        ("anonymous", False),
        ("coordinator", False),  # coordinates plans, not this event
        ("other_secretary", False),
        ("own_executor", False),
        ("own_coordinator", True),
        ("secretary", True),
        ("admin_user", True),
    ],
)
def test_who_moderates_an_event_submission(request, event, citizen, role, may):
    submission = ask_on(event, citizen)
    user = AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)
    assert permissions.can_moderate(user, submission) is may
    if may:
        assert services.submission_moderate(
            actor=user, submission=submission, version=submission.version, accept=True
        ).status == (Submission.Status.ACCEPTED)
    elif role != "anonymous":
        with pytest.raises(PermissionDenied):
            services.submission_moderate(
                actor=user, submission=submission, version=submission.version, accept=True
            )
        assert Submission.objects.get().status == Submission.Status.PENDING


def test_the_organisers_staff_answer_and_others_do_not(
    event,
    citizen,
    admin_user,
    own_executor,  # noqa: F811
    executor,
):
    submission = accept(ask_on(event, citizen), admin_user)
    assert permissions.can_answer(own_executor, submission)
    assert not permissions.can_answer(executor, submission)
    services.answer_save(
        actor=own_executor, submission=submission, version=0, texts={"az": "Cavabımız."}, publish=True
    )
    submission.refresh_from_db()
    assert submission.answered_at is not None


def test_a_withdrawn_events_submissions_leave_the_public_lists(event, citizen, admin_user):
    submission = accept(ask_on(event, citizen), admin_user)
    assert list(Submission.objects.public()) == [submission]
    event.refresh_from_db()
    event_services.event_unpublish(actor=admin_user, event=event, version=event.version, reason="Ləğv")
    assert not Submission.objects.public().exists()
    assert not selectors.moderation_log().exists()


# Pages


def test_the_ask_page_of_an_unpublished_event_is_not_found(client, make_event, citizen):  # noqa: F811
    draft = make_event(published=False)
    assert client.get(reverse("dialogue:ask_event", args=[draft.pk])).status_code == 404
    signed_in(client, citizen)
    response = client.post(
        reverse("dialogue:ask_event", args=[draft.pk]),
        {"kind": "question", "text": QUESTION, "language": "az"},
    )
    assert response.status_code == 404
    assert not Submission.objects.exists()


def test_a_citizen_asks_on_an_event_and_finds_it_named_in_their_list(client, event, citizen):
    signed_in(client, citizen)
    url = reverse("dialogue:ask_event", args=[event.pk])
    page = client.get(url).content.decode()
    assert event.title in page
    response = client.post(url, {"kind": "question", "text": QUESTION, "language": "az"})
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.event == event
    mine = client.get(reverse("dialogue:mine")).content.decode()
    assert event.title in mine


def test_the_public_event_page_shows_accepted_questions_and_answers_only(
    client,
    event,
    citizen,
    admin_user,
    own_executor,  # noqa: F811
):
    accepted = accept(ask_on(event, citizen, "Dəyirmi masanın yekunları harada dərc olunacaq?"), admin_user)
    services.answer_save(
        actor=own_executor,
        submission=accepted,
        version=0,
        texts={"az": "Saytın xəbərlər bölməsində."},
        publish=True,
    )
    ask_on(event, citizen, f"Gözləyən sual {MARKER}")
    page = client.get(reverse("public_events:event", args=[event.pk])).content.decode()
    assert "Dəyirmi masanın yekunları" in page
    assert "Saytın xəbərlər bölməsində." in page
    assert MARKER not in page
    assert reverse("dialogue:ask_event", args=[event.pk]) in page
    shown = client.get(reverse("dialogue:submission", args=[accepted.pk])).content.decode()
    assert event.title in shown


def test_the_office_event_page_lists_what_to_answer(
    client,
    event,
    citizen,
    admin_user,
    secretary,  # noqa: F811
):
    submission = accept(ask_on(event, citizen), admin_user)
    client.force_login(secretary)
    page = client.get(reverse("events:event", args=[event.pk])).content.decode()
    assert submission.reference in page
    client.force_login(admin_user)
    assert (
        submission.reference
        in client.get(reverse("dialogue_office:submission", args=[submission.pk])).content.decode()
    )


def test_the_moderation_queue_of_an_events_secretary(client, event, citizen, secretary, other_secretary):  # noqa: F811
    submission = ask_on(event, citizen)
    client.force_login(secretary)
    assert submission.reference in client.get(reverse("dialogue_office:moderation")).content.decode()
    client.force_login(other_secretary)
    assert submission.reference not in client.get(reverse("dialogue_office:moderation")).content.decode()


def test_the_public_event_panel_does_not_grow(client, event, admin_user, own_executor, settings):  # noqa: F811
    settings.KOORDINAT_DIALOGUE_LIMITS = {"account": (1000, 3600), "address": (1000, 3600)}
    url = reverse("public_events:event", args=[event.pk])

    def grow(start: int, count: int) -> None:
        for number in range(start, start + count):
            who = make_citizen(f"e{number}@example.test")
            submission = accept(ask_on(event, who, f"{QUESTION} {number}"), admin_user)
            services.answer_save(
                actor=own_executor, submission=submission, version=0, texts={"az": "Cavab"}, publish=True
            )

    grow(0, 3)
    small = queries(client, url)
    grow(3, 27)
    assert queries(client, url) == small
