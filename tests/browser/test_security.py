"""The Content-Security-Policy in a real browser: our static scripts run, inline script does not,
and the sign-in lockout page (issue #11 item 7)."""

import re
from typing import Any

from django.conf import settings
from playwright.sync_api import Page, expect

from koordinat.accounts.models import User

from .conftest import assert_accessible, csp_violations


def test_the_pages_scripts_run_and_inline_script_is_refused(
    page: Page, live_server: Any, transactional_db: None
) -> None:
    page.goto(f"{live_server.url}/az/")
    expect(page.locator("body")).to_have_class(re.compile(r"js-enabled.*govuk-frontend-supported"))
    expect(page.locator(".govuk-skip-link")).to_have_attribute("data-govuk-skip-link-init", "")
    assert page.evaluate("() => htmx.config.allowEval") is False
    assert_accessible(page)

    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.inlineRan = true";
          document.body.append(script);
        }"""
    )
    page.wait_for_timeout(200)  # the violation is reported asynchronously
    assert page.evaluate("() => window.inlineRan") is None
    assert any("script-src" in message for message in csp_violations(page))
    csp_violations(page).clear()  # caused on purpose: the fixture must not fail this test for it


def test_the_lockout_page_in_russian(page: Page, live_server: Any, transactional_db: None) -> None:
    user = User.objects.create_user("locked@koordinat.test", "pass-user-123", role="observer")
    page.goto(f"{live_server.url}/ru/accounts/login/")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.locator("#id_username").fill(user.email)
        page.locator("#id_password").fill("Yanlış-parol-2026")
        page.locator("main button[type=submit]").click()
        page.wait_for_load_state()
    expect(page.locator("h1")).to_have_text("Вход временно заблокирован")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert_accessible(page)
