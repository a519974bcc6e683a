"""Evidence in a real browser: the executor attaches a file on the report page and sends the report,
the controller downloads exactly those bytes, and an executor of another organisation gets 404."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from koordinat.accounts.models import User
from koordinat.execution import services
from koordinat.execution.models import Evidence, Report
from koordinat.plans import services as plans_services
from tests.execution import files

from .conftest import COORDINATOR, assert_accessible, register_plan_in_force, sign_in

EXECUTOR = "asmar.zeynalova@eco.koordinat.test"
OTHER_EXECUTOR = "fidan.musayeva@energy.koordinat.test"
NAME = "Hesabat_şəhər.pdf"
DATA = files.pdf(b"<< /Title (Qebul akti) >>")


@pytest.fixture
def report(demo_site):
    return plan_report()


def plan_report() -> Report:
    """A plan in force whose one item only the demo executor's ministry executes, and its report."""
    coordinator = User.objects.get(email=COORDINATOR)
    executor = User.objects.get(email=EXECUTOR)
    plan = register_plan_in_force(
        code="EVID-B", title={"az": "Sübutlar planı", "ru": "План", "en": "Evidence plan"}
    )
    plans_services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1",
        content=plans_services.MeasureContent(
            text={"az": "Meşə zolaqlarının bərpası"},
            expected_result={"az": ""},
            deadline_text="2027-ci ilin IV rübü",
            executors=[executor.organization],
            other_executors={"az": ""},
        ),
    )
    cycle = services.cycle_open(
        actor=coordinator,
        plan=plan,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        due_date=datetime.date.today() + datetime.timedelta(days=20),
        kind="one_off",
    )
    return cycle.reports.get()


def switch(page: Page, site: str, email: str) -> None:
    page.context.clear_cookies()
    sign_in(page, site, "en", email)


def test_the_controller_downloads_the_same_bytes_another_organisation_gets_404(
    page: Page, demo_site: str, report: Report
) -> None:
    sign_in(page, demo_site, "en", EXECUTOR)
    page.goto(f"{demo_site}/en/control/reports/{report.pk}/")
    page.locator("#id_evidence-title").fill("Acceptance act")
    page.locator("#id_evidence-file").set_input_files({"name": NAME, "mimeType": "text/html", "buffer": DATA})
    page.locator("button[name=attach]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_accessible(page)
    evidence = Evidence.objects.get(report=report)
    assert (evidence.content_type, evidence.original_name) == (
        "application/pdf",
        NAME,
    )  # sniffed, not the browser's
    url = f"{demo_site}/en/control/evidence/{evidence.pk}/"

    switch(page, demo_site, COORDINATOR)
    response = page.goto(url)
    assert response is not None
    assert response.status == 404  # still a draft: the organisation's own

    switch(page, demo_site, EXECUTOR)
    page.goto(f"{demo_site}/en/control/reports/{report.pk}/")
    page.locator("#id_narrative").fill("Meşə zolaqları bərpa olunub; qəbul aktı əlavə edilib.")
    page.locator("#id_progress").fill("60")
    page.locator("button[name=submit]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    switch(page, demo_site, COORDINATOR)
    page.goto(f"{demo_site}/en/control/reports/{report.pk}/")
    assert_accessible(page)
    with page.expect_download() as started:
        page.locator(f"#evidence + ul a[href$='/control/evidence/{evidence.pk}/']").click()
    download = started.value
    assert download.suggested_filename == NAME
    with open(download.path(), "rb") as saved:
        assert saved.read() == DATA

    switch(page, demo_site, OTHER_EXECUTOR)
    response = page.goto(url)
    assert response is not None
    assert response.status == 404
