"""The dialogue's pages for every reader: anonymous, a citizen, another citizen, another organisation, the
answering organisation, the plan's coordinator (its moderator) and an administrator."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from koordinat.accounts.models import Role
from koordinat.core.models import AuditEvent
from koordinat.dialogue import services
from koordinat.dialogue.models import Answer, Citizen, Submission
from koordinat.dialogue.sessions import SESSION_KEY

from .conftest import QUESTION

MEASURE_ASK = "/az/portal/dialogue/ask/PUB-1/1.1/"


def signed_in(client: Client, citizen: Citizen) -> Client:
    response = client.post(
        reverse("dialogue:sign_in"), {"email": citizen.email, "password": "Vətəndaş-parol-2026"}
    )
    assert response.status_code == 302
    return client


def test_sign_up_confirm_and_sign_in(client, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("dialogue:sign_up"),
            {
                "name": "Nərgiz Əliyeva",
                "email": "nergiz@example.test",
                "password": "Uzun-parol-2026!",
                "organization_name": "",
                "consent": "on",
            },
        )
    assert response.status_code == 302
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    response = client.get(link)
    assert response.status_code == 302
    assert client.session[SESSION_KEY]["id"] == Citizen.objects.get().pk
    assert "_auth_user_id" not in client.session  # not signed in to the office


def test_sign_up_errors_name_their_fields(client, db):
    response = client.post(
        reverse("dialogue:sign_up"), {"name": "", "email": "not-an-address", "password": "1"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_email"' in body
    assert 'href="#id_consent"' in body
    assert not Citizen.objects.exists()


def test_the_honeypot_refuses_a_robots_sign_up(client, db):
    response = client.post(
        reverse("dialogue:sign_up"),
        {
            "name": "Bot",
            "email": "bot@example.test",
            "password": "Uzun-parol-2026!",
            "consent": "on",
            "website": "x",
        },
    )
    assert response.status_code == 400
    assert not Citizen.objects.exists()


def test_anonymous_reader_is_asked_to_sign_in_and_cannot_post(client, portal):
    page = client.get(MEASURE_ASK)
    assert page.status_code == 200
    assert reverse("dialogue:sign_in") in page.content.decode()
    assert (
        client.post(MEASURE_ASK, {"kind": "question", "text": QUESTION, "language": "az"}).status_code == 403
    )
    assert not Submission.objects.exists()


def test_a_citizen_asks_and_html_is_shown_as_text(client, portal, citizen, accept):
    signed_in(client, citizen)
    text = '<script>alert("QX")</script> <b>Su</b> xətti nə vaxt çəkiləcək?'
    response = client.post(MEASURE_ASK, {"kind": "question", "text": text, "language": "az"})
    assert response.status_code == 302
    submission = accept(Submission.objects.get())
    public = client.get(reverse("dialogue:submission", args=[submission.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;QX&quot;)&lt;/script&gt;" in public
    assert '<script>alert("QX")' not in public
    measure_page = client.get("/az/portal/plans/PUB-1/measures/1.1/").content.decode()
    assert "&lt;b&gt;Su&lt;/b&gt;" in measure_page


def test_too_many_links_is_refused_with_a_message_on_the_field(client, portal, citizen):
    signed_in(client, citizen)
    text = "https://a.example https://b.example https://c.example sual"
    response = client.post(MEASURE_ASK, {"kind": "question", "text": text, "language": "az"})
    assert response.status_code == 400
    assert 'href="#id_text"' in response.content.decode()


def test_the_rate_limit_says_when_to_retry(client, portal, citizen, settings):
    settings.KOORDINAT_DIALOGUE_LIMITS = {"account": (1, 3600)}
    signed_in(client, citizen)
    client.post(MEASURE_ASK, {"kind": "question", "text": QUESTION, "language": "az"})
    response = client.post(MEASURE_ASK, {"kind": "question", "text": QUESTION + "?", "language": "az"})
    assert response.status_code == 400
    assert "sonra" in response.content.decode() or "after" in response.content.decode()
    assert Submission.objects.count() == 1


def test_another_citizen_cannot_open_edit_or_withdraw(client, ask, other_citizen):
    submission = ask()
    signed_in(client, other_citizen)
    for name in ("dialogue:edit", "dialogue:withdraw"):
        url = reverse(name, args=[submission.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"text": "Başqasının mətni burada", "version": 1}).status_code == 404
    submission.refresh_from_db()
    assert submission.text == QUESTION
    assert submission.status == Submission.Status.PENDING


def test_the_author_edits_and_withdraws(client, ask, citizen):
    submission = ask()
    signed_in(client, citizen)
    url = reverse("dialogue:edit", args=[submission.pk])
    assert client.post(url, {"text": QUESTION + " Təşəkkür.", "version": 1}).status_code == 302
    stale = client.post(url, {"text": QUESTION, "version": 1})
    assert stale.status_code == 400
    assert client.post(reverse("dialogue:withdraw", args=[submission.pk]), {"version": 2}).status_code == 302
    assert Submission.objects.get().status == Submission.Status.WITHDRAWN


@pytest.mark.parametrize(
    ("role", "moderation", "answers", "submission_page"),
    [
        ("executor", 403, 200, 404),  # pending: its moderators' only
        ("other_executor", 403, 200, 404),
        ("coordinator", 200, 200, 200),
        ("admin_user", 200, 200, 200),
    ],
)
def test_office_pages_by_role_for_a_pending_submission(
    client, request, ask, role, moderation, answers, submission_page
):
    submission = ask()
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("dialogue_office:moderation")).status_code == moderation
    assert client.get(reverse("dialogue_office:answers")).status_code == answers
    assert (
        client.get(reverse("dialogue_office:submission", args=[submission.pk])).status_code == submission_page
    )


def test_office_pages_need_an_office_sign_in(client, ask, citizen):
    submission = ask()
    signed_in(client, citizen)
    for url in (
        reverse("dialogue_office:moderation"),
        reverse("dialogue_office:answers"),
        reverse("dialogue_office:submission", args=[submission.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_coordinator_moderates_through_the_page(client, ask, coordinator, executor):
    submission = ask()
    client.force_login(coordinator)
    url = reverse("dialogue_office:submission", args=[submission.pk])
    missing = client.post(url, {"action": "moderate", "decision": "reject", "reason": "", "version": 1})
    assert missing.status_code == 400
    assert 'href="#id_reason"' in missing.content.decode()
    assert client.post(url, {"action": "moderate", "decision": "accept", "version": 1}).status_code == 302
    assert Submission.objects.get().status == Submission.Status.ACCEPTED


def test_an_executor_cannot_moderate_by_posting(client, ask, executor):
    submission = ask()
    client.force_login(executor)
    url = reverse("dialogue_office:submission", args=[submission.pk])
    assert client.post(url, {"action": "moderate", "decision": "accept", "version": 1}).status_code == 404
    assert Submission.objects.get().status == Submission.Status.PENDING


@pytest.mark.parametrize(
    ("role", "status"), [("executor", 302), ("other_executor", 404), ("coordinator", 403)]
)
def test_who_may_answer_through_the_page(client, request, ask, accept, role, status):
    submission = accept(ask())
    client.force_login(request.getfixturevalue(role))
    url = reverse("dialogue_office:submission", args=[submission.pk])
    response = client.post(url, {"action": "publish", "text_az": "Cavab mətni", "version": 0})
    assert response.status_code == status
    assert Answer.objects.filter(status="published").exists() == (status == 302)


def test_the_item_page_shows_the_question_to_answer(client, ask, accept, executor, portal):
    submission = accept(ask())
    client.force_login(executor)
    page = client.get(reverse("execution:item", args=[portal.item.pk])).content.decode()
    assert submission.reference in page
    assert reverse("dialogue_office:submission", args=[submission.pk]) in page


def test_public_pages_show_only_accepted_and_published(client, ask, accept, coordinator, executor, citizen):
    accepted = accept(ask(f"{QUESTION} QXACCEPTED"))
    pending = ask(f"{QUESTION} QXPENDING")
    rejected = ask(f"{QUESTION} QXREJECTED")
    services.submission_moderate(
        actor=coordinator, submission=rejected, version=1, accept=False, reason="abusive"
    )
    services.answer_save(
        actor=executor, submission=accepted, version=0, texts={"az": "QXDRAFTANSWER"}, publish=False
    )
    page = client.get("/az/portal/plans/PUB-1/measures/1.1/").content.decode()
    assert "QXACCEPTED" in page
    for hidden in ("QXPENDING", "QXREJECTED", "QXDRAFTANSWER", citizen.email):
        assert hidden not in page
    assert client.get(reverse("dialogue:submission", args=[pending.pk])).status_code == 404
    assert client.get(reverse("dialogue:submission", args=[rejected.pk])).status_code == 404
    log = client.get(reverse("dialogue:log")).content.decode()
    assert rejected.reference in log
    assert "QXREJECTED" not in log


def test_the_plan_page_lists_questions_on_the_plan_once_accepted(
    client, ask, accept, make_user, center, django_capture_on_commit_callbacks
):
    """The page reads with the plan whether it has any question to list (core.extensions.PanelColumns):
    none until one is accepted, then the accepted one with its published answer, and never one pending;
    the page cached before is drawn again once the answer is published."""
    url = reverse("portal:plan", args=["PUB-1"])
    pending = ask(f"{QUESTION} QXPLANPENDING", on_plan=True)
    page = client.get(url).content.decode()
    assert "Burada hələ heç bir sual və ya təklif dərc olunmayıb." in page
    question = ask(f"{QUESTION} QXPLANQUESTION", on_plan=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_save(
            actor=make_user(Role.EXECUTOR, center),  # the plan's coordinating organisation answers
            submission=accept(question),
            version=0,
            texts={"az": "QXPLANANSWER"},
            publish=True,
        )
    page = client.get(url).content.decode()
    assert "QXPLANQUESTION" in page
    assert "QXPLANANSWER" in page
    assert "QXPLANPENDING" not in page
    assert client.get(reverse("dialogue:submission", args=[pending.pk])).status_code == 404


def test_a_refused_citizen_edit_is_audited(client, ask, other_citizen):
    submission = ask()
    signed_in(client, other_citizen)
    client.post(reverse("dialogue:edit", args=[submission.pk]), {"text": QUESTION, "version": 1})
    assert AuditEvent.objects.filter(outcome="refused", target_id=str(submission.pk)).exists()


def test_the_home_page_counts_what_waits(client, ask, accept, executor, coordinator, other_executor):
    accept(ask(f"{QUESTION} 1"))
    ask(f"{QUESTION} 2")
    client.force_login(executor)
    assert reverse("dialogue_office:answers") in client.get("/az/").content.decode()
    client.force_login(coordinator)
    assert reverse("dialogue_office:moderation") in client.get("/az/").content.decode()
    client.force_login(other_executor)
    assert reverse("dialogue_office:moderation") not in client.get("/az/").content.decode()


def test_only_administrators_keep_a_plans_term(client, portal, admin_user, coordinator):
    client.force_login(coordinator)
    assert client.get("/az/admin/dialogue/answerterm/").status_code in {302, 403}
    client.force_login(admin_user)
    response = client.post("/az/admin/dialogue/answerterm/add/", {"plan": portal.plan.pk, "working_days": 5})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="answer_term.save").exists()


def test_sign_in_goes_back_only_to_this_site(client, citizen):
    data = {"email": citizen.email, "password": "Vətəndaş-parol-2026"}
    response = client.post(reverse("dialogue:sign_in") + "?next=https://evil.example/", data)
    assert response["Location"] == reverse("dialogue:mine")
    response = client.post(reverse("dialogue:sign_in"), {**data, "next": MEASURE_ASK})
    assert response["Location"] == MEASURE_ASK
