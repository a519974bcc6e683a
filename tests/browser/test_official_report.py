"""The official execution report in a real browser: from the plan page to the form, the document made
and downloaded, every page axe clean in three languages."""

import datetime
import io

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from koordinat.accounts.models import User
from koordinat.core import clock
from koordinat.execution import services
from koordinat.plans import services as plans_services
from koordinat.plans.models import Plan

from .conftest import COORDINATOR, assert_accessible, register_plan_in_force, sign_in
from .test_evidence_flow import EXECUTOR


def plan_under_control() -> Plan:
    """A plan whose one measure went under control in January 2026."""
    coordinator = User.objects.get(email=COORDINATOR)
    plan = register_plan_in_force(
        code="OFFICIAL-B", title={"az": "Hesabat planı", "ru": "План", "en": "Report plan"}
    )
    plans_services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1",
        content=plans_services.MeasureContent(
            text={"az": "Meşə zolaqlarının bərpası", "en": "Restoring forest belts"},
            expected_result={"az": ""},
            deadline_text="2027-ci ilin IV rübü",
            executors=[User.objects.get(email=EXECUTOR).organization],
            other_executors={"az": ""},
        ),
    )
    with clock.at(datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC)):
        services.control_items_sync(actor=coordinator, plan=plan)
    return plan


def test_a_coordinator_makes_and_downloads_the_official_report(page: Page, demo_site: str) -> None:
    plan = plan_under_control()
    sign_in(page, demo_site, "en", COORDINATOR)
    for language in ("az", "ru", "en"):
        page.goto(f"{demo_site}/{language}/plans/{plan.code}/")
        page.locator(f'a[href="/{language}/analytics/plans/{plan.code}/official-reports/"]').click()
        page.wait_for_load_state()
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)
    page.locator("#id_language_2").check()  # English
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    download_link = page.locator("main a.govuk-button[download]")
    expect(download_link).to_have_text("Download PDF")
    assert_accessible(page)
    with page.expect_download() as download:
        download_link.click()
    data = open(download.value.path(), "rb").read()  # noqa: SIM115 — read at once
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert "INFORMATION ON EXECUTION" in text
    assert "1. Restoring forest belts" in text
    page.goto(f"{demo_site}/en/analytics/plans/{plan.code}/official-reports/")
    expect(page.locator("main table")).to_contain_text("English")
    assert_accessible(page)
