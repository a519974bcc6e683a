"""The report page in a real browser: attaching evidence keeps the text typed (with JavaScript and
without), and a decision taken through htmx shows the new status, version and message on the page,
not on the next page opened."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from koordinat.accounts.models import User
from koordinat.core.demo import DEMO_PASSWORD
from koordinat.execution import services
from koordinat.execution.models import Report

from .conftest import assert_accessible, sign_in
from .test_evidence_flow import COORDINATOR, DATA, EXECUTOR, NAME, plan_report

TYPED = "Meşə zolaqlarının 40 hektarı bərpa olunub; qəbul aktı əlavə edilir."


@pytest.fixture
def report(demo_site: str) -> Report:
    return plan_report()


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def attach_after_typing(page: Page, site: str, report: Report) -> None:
    page.goto(f"{site}/en/control/reports/{report.pk}/")
    page.locator("#id_narrative").fill(TYPED)
    page.locator("#id_progress").fill("40")
    page.locator("#id_evidence-title").fill("Acceptance act")
    page.locator("#id_evidence-file").set_input_files(
        {"name": NAME, "mimeType": "application/pdf", "buffer": DATA}
    )
    page.locator("button[name=attach]").click()
    page.wait_for_load_state()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Evidence added.")
    expect(page.locator("#evidence + ul")).to_contain_text("Acceptance act")
    expect(page.locator("#id_narrative")).to_have_value(TYPED)  # the text is still there
    expect(page.locator("#id_progress")).to_have_value("40")
    saved = Report.objects.get(pk=report.pk)
    assert (saved.narrative, saved.progress, saved.status) == (TYPED, 40, "draft")


def test_attaching_evidence_keeps_the_text_typed(page: Page, demo_site: str, report: Report) -> None:
    sign_in(page, demo_site, "en", EXECUTOR)
    attach_after_typing(page, demo_site, report)
    assert_accessible(page)
    page.reload()  # and it was saved, not only shown again
    expect(page.locator("#id_narrative")).to_have_value(TYPED)


def test_without_javascript_attaching_evidence_keeps_the_text_typed(
    page_without_javascript: Page, demo_site: str, report: Report
) -> None:
    page = page_without_javascript
    page.goto(f"{demo_site}/en/accounts/login/")
    page.locator("#id_username").fill(EXECUTOR)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    attach_after_typing(page, demo_site, report)


def test_accepting_shows_the_new_status_version_and_message_without_reloading(
    page: Page, demo_site: str, report: Report
) -> None:
    executor = User.objects.get(email=EXECUTOR)
    report = services.report_save(
        actor=executor,
        report=report,
        version=report.version,
        narrative=TYPED,
        narrative_language="az",
        claimed_status="in_progress",
        progress=40,
    )
    services.report_submit(actor=executor, report=report, version=report.version)
    sign_in(page, demo_site, "en", COORDINATOR)
    url = f"{demo_site}/en/control/reports/{report.pk}/"
    page.goto(url)
    status = page.locator(".govuk-summary-list__row").first.locator(".govuk-tag")
    expect(status).to_have_text("submitted")
    expect(page.locator("table tbody tr")).to_have_count(1)
    page.evaluate("window.kdNotReloaded = true")

    page.locator("#id_decision_0").check()  # accept
    page.locator("#decision button[type=submit]").click()

    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Report accepted.")
    expect(status).to_have_text("accepted")
    versions = page.locator("table tbody tr")
    expect(versions).to_have_count(2)
    expect(versions.last).to_contain_text("accepted")
    expect(page.locator("#decision form")).to_have_count(0)  # nothing left to decide
    assert page.evaluate("window.kdNotReloaded") is True  # swapped in place by htmx
    assert page.url == url
    expect(banner).to_be_focused()  # read out, as after a page load
    assert_accessible(page)
    assert Report.objects.get(pk=report.pk).status == "accepted"

    page.goto(f"{demo_site}/en/control/review/")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".govuk-notification-banner--success")).to_have_count(0)  # not on the next page
    page.goto(url)
    expect(page.locator(".govuk-notification-banner--success")).to_have_count(0)
