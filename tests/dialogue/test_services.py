"""The dialogue's services against the database: accounts, floods, texts, moderation, routing, working-day
due dates, answers, reminders, lateness and the on-time figure."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from koordinat.accounts.models import Role
from koordinat.core import clock
from koordinat.core.errors import ConcurrentEditError
from koordinat.core.models import AuditEvent
from koordinat.dialogue import routing, selectors, services
from koordinat.dialogue.limits import RateLimited
from koordinat.dialogue.models import Answer, AnswerTerm, Citizen, Submission
from koordinat.dialogue.reminders import send_answer_reminders
from koordinat.notifications.models import Notification
from koordinat.plans.models import Plan

from .conftest import ADDRESS, QUESTION, make_citizen

BAKU = ZoneInfo("Asia/Baku")
MONDAY = datetime.datetime(2026, 2, 2, 10, tzinfo=BAKU)  # no holiday in the next three weeks


def _sign_up(email: str = "new@example.test", address: str = ADDRESS) -> Citizen:
    return services.citizen_sign_up(
        name="Nərgiz Əliyeva",
        email=email,
        password="Uzun-parol-2026!",
        organization_name="Şəffaflıq İctimai Birliyi",
        language="az",
        consent=True,
        address=address,
        confirm_url=lambda token: f"http://testserver/confirm/{token}/",
    )


def test_sign_up_mails_a_link_that_confirms_the_address(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        citizen = _sign_up()
    assert not citizen.is_confirmed
    link = next(line for line in mail.outbox[0].body.splitlines() if line.startswith("http"))
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert services.citizen_confirm(token=token).is_confirmed
    assert AuditEvent.objects.filter(action="citizen.confirm", target_id=str(citizen.pk)).exists()


def test_a_forged_or_changed_token_confirms_nothing(db):
    citizen = _sign_up()
    token = services.confirmation_token(citizen)
    with pytest.raises(ValidationError):
        services.citizen_confirm(token=token[:-2] + "xx")
    Citizen.objects.filter(pk=citizen.pk).update(email="other@example.test")
    with pytest.raises(ValidationError):
        services.citizen_confirm(token=token)
    assert not Citizen.objects.get(pk=citizen.pk).is_confirmed


def test_signing_up_twice_with_one_address_makes_one_account(db):
    first = _sign_up()
    assert _sign_up("NEW@example.test").pk == first.pk
    assert Citizen.objects.count() == 1


def test_sign_up_needs_consent(db):
    with pytest.raises(ValidationError) as error:
        services.citizen_sign_up(
            name="A",
            email="a@example.test",
            password="Uzun-parol-2026!",
            organization_name="",
            language="az",
            consent=False,
            address=ADDRESS,
            confirm_url=str,
        )
    assert "consent" in error.value.message_dict
    assert not Citizen.objects.exists()


def test_sign_in_refuses_a_wrong_password_and_locks_after_five(citizen):
    for _attempt in range(5):
        with pytest.raises(ValidationError):
            services.citizen_authenticate(email=citizen.email, password="wrong", address=ADDRESS)
    with pytest.raises(RateLimited):
        services.citizen_authenticate(email=citizen.email, password="Vətəndaş-parol-2026", address=ADDRESS)


def test_an_unconfirmed_account_cannot_sign_in_or_submit(db, portal):
    unconfirmed = make_citizen("u@example.test", confirmed=False)
    with pytest.raises(ValidationError):
        services.citizen_authenticate(
            email=unconfirmed.email, password="Vətəndaş-parol-2026", address=ADDRESS
        )
    with pytest.raises(ValidationError):
        services.submission_create(
            citizen=unconfirmed,
            kind="question",
            text=QUESTION,
            language="az",
            address=ADDRESS,
            measure=portal.measure,
        )
    assert not Submission.objects.exists()


def test_a_filled_honeypot_saves_nothing(ask):
    with pytest.raises(ValidationError):
        ask(honeypot="http://spam.example")
    assert not Submission.objects.exists()
    assert AuditEvent.objects.filter(action="submission.create", outcome="refused").exists()


def test_at_most_two_links_and_two_thousand_characters(ask):
    with pytest.raises(ValidationError, match="3"):
        ask("Baxın: https://a.example https://b.example www.c.example")
    with pytest.raises(ValidationError, match="2001"):
        ask("ə" * 2001)
    assert ask("Baxın: https://a.example və https://b.example").pk
    assert Submission.objects.count() == 1


def test_html_is_kept_as_typed(ask):
    submission = ask('<script>alert("x")</script> Su xətti haqqında sual')
    assert submission.text.startswith("<script>")


def test_an_unpublished_plans_measure_takes_no_submission(portal, citizen):
    measure = portal.internal_plan.measures.get()
    with pytest.raises(Http404):
        services.submission_create(
            citizen=citizen, kind="question", text=QUESTION, language="az", address=ADDRESS, measure=measure
        )


def test_rate_limit_per_account_says_when_to_retry(ask):
    for number in range(5):
        ask(f"{QUESTION} {number}")
    with pytest.raises(RateLimited) as error:
        ask(f"{QUESTION} 6")
    assert error.value.retry_at > clock.now()
    assert Submission.objects.count() == 5


def test_rate_limit_per_address_across_accounts(ask, settings):
    settings.KOORDINAT_DIALOGUE_LIMITS = {"address": (3, 3600)}
    for number in range(3):
        ask(f"{QUESTION} {number}", who=make_citizen(f"c{number}@example.test"))
    with pytest.raises(RateLimited):
        ask(QUESTION, who=make_citizen("c9@example.test"))
    assert ask(QUESTION, who=make_citizen("c10@example.test"), address="192.0.2.99").pk


def test_the_author_edits_and_withdraws_while_pending(ask, citizen):
    submission = ask()
    edited = services.submission_edit(
        citizen=citizen, submission=submission, version=1, text=QUESTION + " Dəqiq?"
    )
    assert edited.text.endswith("Dəqiq?")
    with pytest.raises(ConcurrentEditError):
        services.submission_edit(citizen=citizen, submission=submission, version=1, text=QUESTION)
    withdrawn = services.submission_withdraw(citizen=citizen, submission=edited, version=edited.version)
    assert withdrawn.status == Submission.Status.WITHDRAWN


def test_another_citizen_cannot_edit_or_withdraw(ask, other_citizen):
    submission = ask()
    with pytest.raises(Http404):
        services.submission_edit(
            citizen=other_citizen, submission=submission, version=1, text="Başqasının mətni burada"
        )
    with pytest.raises(Http404):
        services.submission_withdraw(citizen=other_citizen, submission=submission, version=1)
    submission.refresh_from_db()
    assert submission.text == QUESTION
    assert submission.status == Submission.Status.PENDING
    assert (
        AuditEvent.objects.filter(
            action__in=["submission.edit", "submission.withdraw"], outcome="refused"
        ).count()
        == 2
    )


def test_an_accepted_submission_is_not_edited(ask, accept, citizen):
    submission = accept(ask())
    with pytest.raises(ValidationError):
        services.submission_edit(
            citizen=citizen, submission=submission, version=submission.version, text=QUESTION
        )


@pytest.mark.parametrize("who", ["executor", "other_executor", "observer"])
def test_only_the_plans_coordinators_and_administrators_moderate(request, ask, who):
    submission = ask()
    with pytest.raises(PermissionDenied):
        services.submission_moderate(
            actor=request.getfixturevalue(who), submission=submission, version=1, accept=True
        )
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.PENDING
    assert AuditEvent.objects.filter(action="submission.moderate", outcome="refused").exists()


def test_a_coordinator_of_another_organisation_does_not_moderate(ask, make_user, other_ministry):
    outsider = make_user(Role.COORDINATOR, other_ministry)
    with pytest.raises(PermissionDenied):
        services.submission_moderate(actor=outsider, submission=ask(), version=1, accept=True)


def test_rejecting_needs_a_reason_and_mails_the_author(ask, coordinator, django_capture_on_commit_callbacks):
    submission = ask()
    with pytest.raises(ValidationError):
        services.submission_moderate(actor=coordinator, submission=submission, version=1, accept=False)
    with pytest.raises(ValidationError):
        services.submission_moderate(
            actor=coordinator, submission=submission, version=1, accept=False, reason="other"
        )
    with django_capture_on_commit_callbacks(execute=True):
        rejected = services.submission_moderate(
            actor=coordinator,
            submission=submission,
            version=1,
            accept=False,
            reason="off_topic",
            reason_text="Plana aid deyil",
        )
    assert rejected.status == Submission.Status.REJECTED
    assert rejected.organization_id is None
    assert mail.outbox[-1].to == ["leyla@example.test"]
    assert "Plana aid deyil" in mail.outbox[-1].body


def test_accepted_question_goes_to_the_lead_executor_due_in_ten_working_days(
    ask, coordinator, ministry, executor, django_capture_on_commit_callbacks
):
    submission = ask()
    with clock.at(MONDAY), django_capture_on_commit_callbacks(execute=True):
        accepted = services.submission_moderate(
            actor=coordinator, submission=submission, version=1, accept=True
        )
    assert accepted.organization_id == ministry.pk
    assert accepted.answer_due == datetime.date(2026, 2, 16)  # two weekends skipped
    assert Notification.objects.filter(recipient=executor, kind="answer_waiting").exists()
    assert mail.outbox[-1].to == ["leyla@example.test"]
    assert "qəbul olundu" in mail.outbox[-1].subject


def test_a_plans_own_term_and_a_question_on_the_plan(ask, coordinator, center, portal):
    AnswerTerm.objects.create(plan=portal.plan, working_days=3)
    submission = ask(on_plan=True)
    with clock.at(MONDAY):
        accepted = services.submission_moderate(
            actor=coordinator, submission=submission, version=1, accept=True
        )
    assert accepted.organization_id == center.pk
    assert accepted.answer_due == datetime.date(2026, 2, 5)


def test_the_public_reads_give_nothing_of_a_plan_no_longer_published(ask, accept, portal):
    """They take the instance a public page read and check its publication on it: a caller that
    hands them a plan read another way (internal again) gets no question, never the office's view."""
    on_plan, on_measure = accept(ask(on_plan=True)), accept(ask())
    assert [row.pk for row in selectors.public_for_plan(plan=portal.plan)] == [on_plan.pk]
    assert [row.pk for row in selectors.public_for_measure(measure=on_measure.measure)] == [on_measure.pk]
    portal.plan.visibility = Plan.Visibility.INTERNAL
    measure = on_measure.measure
    measure.plan = portal.plan
    assert selectors.public_for_plan(plan=portal.plan) == []
    assert selectors.public_for_measure(measure=measure) == []


def test_working_days_due_date_skips_a_holiday():
    # 2026-03-06 (Friday) + 1 working day: 8 March is Sunday, moved to Monday 9 March.
    assert routing.answer_due(datetime.date(2026, 3, 6), 1) == datetime.date(2026, 3, 10)


def test_the_executors_answer_draft_then_published(ask, accept, executor, django_capture_on_commit_callbacks):
    submission = accept(ask())
    draft = services.answer_save(
        actor=executor, submission=submission, version=0, texts={"az": "Qaralama"}, publish=False
    )
    assert draft.status == Answer.Status.DRAFT
    assert selectors.public_for_measure(measure=submission.measure)[0].public_answer is None
    with pytest.raises(ConcurrentEditError):
        services.answer_save(
            actor=executor, submission=submission, version=0, texts={"az": "X"}, publish=True
        )
    with pytest.raises(ValidationError):  # the question is in Azerbaijani
        services.answer_save(
            actor=executor, submission=submission, version=1, texts={"en": "Answer"}, publish=True
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_save(
            actor=executor,
            submission=submission,
            version=1,
            texts={"az": "Cavab", "en": "Answer"},
            publish=True,
        )
    shown = selectors.public_for_measure(measure=submission.measure)[0]
    assert shown.public_answer.text_az == "Cavab"
    assert shown.answered_at is not None
    assert "cavab verildi" in mail.outbox[-1].subject  # in the citizen's language
    with pytest.raises(ValidationError):
        services.answer_save(
            actor=executor, submission=submission, version=2, texts={"az": "Dəyişiklik"}, publish=True
        )


@pytest.mark.parametrize("who", ["other_executor", "coordinator", "observer"])
def test_only_the_answering_organisations_staff_answer(request, ask, accept, who):
    submission = accept(ask())
    with pytest.raises(PermissionDenied):
        services.answer_save(
            actor=request.getfixturevalue(who),
            submission=submission,
            version=0,
            texts={"az": "Cavab"},
            publish=True,
        )
    assert not Answer.objects.exists()


def test_reminders_before_on_and_after_the_due_date_once_each(ask, coordinator, executor):
    submission = ask()
    with clock.at(MONDAY):
        services.submission_moderate(actor=coordinator, submission=submission, version=1, accept=True)
    # due 2026-02-16; default ladder: 10 and 3 working days before, the day, 1 and 7 after.
    assert send_answer_reminders(day=datetime.date(2026, 2, 11))["answer_reminders"] == 1  # 3 before
    assert send_answer_reminders(day=datetime.date(2026, 2, 11))["answer_reminders"] == 1  # offered again…
    assert Notification.objects.filter(kind="answer_due").count() == 1  # …written once
    send_answer_reminders(day=datetime.date(2026, 2, 17))  # 1 working day overdue
    overdue = Notification.objects.get(recipient=executor, kind="answer_overdue")
    assert overdue.key == f"ladder:answer:{submission.pk}:overdue-1:2026-02-16"
    send_answer_reminders(day=datetime.date(2026, 2, 12))  # no step that day
    assert Notification.objects.filter(kind__startswith="answer_", key__startswith="ladder:").count() == 2


def test_an_answered_question_is_not_reminded(ask, coordinator, executor):
    submission = ask()
    with clock.at(MONDAY):
        accepted = services.submission_moderate(
            actor=coordinator, submission=submission, version=1, accept=True
        )
        services.answer_save(
            actor=executor, submission=accepted, version=0, texts={"az": "Cavab"}, publish=True
        )
    assert send_answer_reminders(day=datetime.date(2026, 2, 17))["answer_reminders"] == 0


def test_lateness_and_the_on_time_figure(ask, coordinator, executor, ministry):
    on_time, late, waiting = ask(f"{QUESTION} 1"), ask(f"{QUESTION} 2"), ask(f"{QUESTION} 3")
    with clock.at(MONDAY):
        for submission in (on_time, late, waiting):
            services.submission_moderate(actor=coordinator, submission=submission, version=1, accept=True)
    on_time.refresh_from_db()
    with clock.at(MONDAY + datetime.timedelta(days=7)):
        services.answer_save(
            actor=executor, submission=on_time, version=0, texts={"az": "Cavab"}, publish=True
        )
    late.refresh_from_db()
    with clock.at(datetime.datetime(2026, 2, 19, 12, tzinfo=BAKU)):  # Thursday after the Monday due date
        services.answer_save(
            actor=executor, submission=late, version=0, texts={"az": "Gec cavab"}, publish=True
        )
    late.refresh_from_db()
    today = datetime.date(2026, 2, 20)
    assert selectors.days_late(late, today) == 3
    waiting.refresh_from_db()
    assert selectors.days_late(waiting, today) == 4
    figures = selectors.on_time(
        organization_ids=[ministry.pk], start=datetime.date(2026, 1, 1), end=today, today=today
    )[ministry.pk]
    assert (figures.due, figures.on_time, figures.late, figures.overdue, figures.share) == (3, 1, 1, 1, 33)


def test_the_moderation_log_keeps_decisions_of_published_plans(ask, coordinator, accept):
    rejected = ask(f"{QUESTION} rədd")
    services.submission_moderate(
        actor=coordinator, submission=rejected, version=1, accept=False, reason="abusive"
    )
    accepted = accept(ask())
    ask(f"{QUESTION} gözləyir")
    assert [row.pk for row in selectors.moderation_log()] == [accepted.pk, rejected.pk]
