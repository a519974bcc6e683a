"""The Dialogue Platform in a real browser: a citizen signs up, confirms the address from the e-mail and
asks a question on a measure; the plan's coordinator accepts it; the clock moves past the due date; the
executor is reminded, sees the lateness in the office, answers late; the answer appears publicly beside
the question with its lateness. Every page is axe clean, in Azerbaijani and in English."""

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from koordinat.core import clock
from koordinat.core.calendar import default_calendar
from koordinat.dialogue.models import Submission
from koordinat.dialogue.reminders import send_answer_reminders
from tests.portal.conftest import Portal, portal  # noqa: F401

from .conftest import assert_accessible

QUESTION = "Su xətti Ağdamın Qızıl Qaya məhəlləsinə nə vaxt çəkiləcək?"
ANSWER = "Su xətti Qızıl Qaya məhəlləsinə iyul ayında çəkiləcək."
OFFICE_PASSWORD = "pass-user-123"  # tests.conftest.make_user


def office_sign_in(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/az/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(OFFICE_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()


def test_a_question_is_asked_accepted_answered_late_and_published(
    page: Page,
    live_server: Any,
    transactional_db: None,
    portal: Portal,  # noqa: F811
    coordinator: Any,
    executor: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    base = live_server.url
    measure_page = f"{base}/az/portal/plans/{portal.plan.code}/measures/1.1/"

    # A citizen signs up and confirms the address from the e-mail.
    page.goto(measure_page)
    assert_accessible(page)
    page.get_by_role("link", name="Sual verin və ya təklif edin").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Hesab yaradın").first.click()
    assert_accessible(page)
    page.get_by_label("Adınız").fill("Leyla Məmmədova")
    page.locator("#id_email").fill("leyla@example.test")
    page.locator("#id_password").fill("Uzun-parol-2026!")
    page.locator("#id_consent").check()
    page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("E-poçtunuzu yoxlayın")
    assert_accessible(page)
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.locator("main")).to_contain_text("E-poçt ünvanınız təsdiqləndi")
    assert_accessible(page)

    # …and asks a question on measure 1.1.
    page.goto(f"{base}/az/portal/dialogue/ask/{portal.plan.code}/1.1/")
    assert_accessible(page)
    page.locator("input[name=kind][value=question]").check()
    page.get_by_label("Mətniniz", exact=True).fill(QUESTION)
    page.locator("main button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("moderasiya gözləyir")
    assert_accessible(page)
    submission = Submission.objects.get()

    # The plan's coordinator accepts it: it goes to the lead executor, due in ten working days.
    office_sign_in(page, base, coordinator.email)
    page.goto(f"{base}/az/dialogue/moderation/")
    assert_accessible(page)
    page.get_by_role("link", name=submission.reference).click()
    assert_accessible(page)
    page.get_by_label("Qəbul et və dərc et").check()
    page.get_by_role("button", name="Qərarı qeydə al").click()
    expect(page.locator("main")).to_contain_text("cavab gözlənilir")
    submission.refresh_from_db()
    assert submission.organization_id == executor.organization_id

    # The clock moves past the due date; the daily job reminds the executor.
    calendar = default_calendar()
    assert submission.answer_due is not None
    reminder_day = calendar.add_working_days(submission.answer_due, 1)
    answer_day = calendar.add_working_days(submission.answer_due, 3)
    later = datetime.datetime.combine(answer_day, datetime.time(11), tzinfo=datetime.UTC)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert send_answer_reminders(day=reminder_day)["answer_reminders"] >= 1

    office_sign_in(page, base, executor.email)
    page.goto(f"{base}/az/notifications/")
    expect(page.locator("main")).to_contain_text(submission.reference)
    assert_accessible(page)
    page.goto(f"{base}/az/dialogue/answers/")
    expect(page.locator("main")).to_contain_text("3 iş günü gecikir")
    assert_accessible(page)
    page.goto(f"{base}/az/control/items/{portal.item.pk}/")
    expect(page.locator("#item-submissions")).to_be_visible()
    expect(page.locator("main")).to_contain_text("3 iş günü gecikir")

    # The executor answers, three working days late.
    page.goto(f"{base}/az/dialogue/submissions/{submission.pk}/")
    assert_accessible(page)
    page.get_by_label("Azərbaycan dilində cavab").fill(ANSWER)
    page.get_by_role("button", name="Cavabı dərc et").click()
    expect(page.locator("main")).to_contain_text("Cavab dərc olundu")
    assert_accessible(page)

    # The answer appears publicly beside the question, with its lateness, in every language.
    # (a new address: the browser may keep the portal's page five minutes, as docs/portal.md says)
    page.context.clear_cookies()
    page.goto(f"{measure_page}?after-answer")
    main = page.locator("main")
    expect(main).to_contain_text(QUESTION)
    expect(main).to_contain_text(ANSWER)
    expect(main).to_contain_text("3 iş günü gecikmə ilə cavablandırılıb")
    assert_accessible(page)
    page.goto(f"{base}/en/portal/plans/{portal.plan.code}/measures/1.1/")
    expect(page.locator("main")).to_contain_text("answered 3 working days late")
    expect(page.locator("main")).to_contain_text("The answer is available only in Azerbaijani")
    assert_accessible(page)
    page.goto(f"{base}/en/portal/dialogue/log/")
    expect(page.locator("main")).to_contain_text(submission.reference)
    assert_accessible(page)
    for language in ("en", "ru"):
        for path in (
            "dialogue/",
            "dialogue/sign-up/",
            "dialogue/sign-in/",
            f"dialogue/submissions/{submission.pk}/",
        ):
            page.goto(f"{base}/{language}/portal/{path}")
            assert_accessible(page)
