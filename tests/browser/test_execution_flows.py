"""Execution control in a real browser: a report from draft to returned to accepted, an extension
from request to approval, each step by the role that owns it; drafts stay inside their organisation."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from koordinat.accounts.models import User
from koordinat.execution import services
from koordinat.execution.models import ControlItem, Report
from koordinat.plans import services as plans_services

from .conftest import COORDINATOR, assert_accessible, register_plan_in_force, sign_in

EXECUTOR = "asmar.zeynalova@eco.koordinat.test"
OTHER_EXECUTOR = "fidan.musayeva@energy.koordinat.test"


def switch(page: Page, site: str, language: str, email: str) -> None:
    """Sign out whoever is signed in and sign in as `email`."""
    page.context.clear_cookies()
    sign_in(page, site, language, email)


@pytest.fixture
def under_control(demo_site):
    """A plan in force with item 1.1 led by the demo executor's ministry, and a cycle asking for reports."""
    coordinator = User.objects.get(email=COORDINATOR)
    executor = User.objects.get(email=EXECUTOR)
    other = User.objects.get(email=OTHER_EXECUTOR)
    plan = register_plan_in_force(
        code="CTRL-B", title={"az": "Fəaliyyət planı", "ru": "План действий", "en": "Action plan"}
    )

    def item(number, text, executors):
        plans_services.measure_create(
            actor=coordinator,
            plan=plan,
            number=number,
            content=plans_services.MeasureContent(
                text={"az": text},
                expected_result={"az": ""},
                deadline_text="2027-ci ilin IV rübü",
                executors=executors,
                other_executors={"az": ""},
            ),
        )

    item("1", "Ekoloji monitorinq şəbəkəsinin genişləndirilməsi", [executor.organization, other.organization])
    item("2", "Günəş elektrik stansiyalarının tikintisi", [other.organization])
    cycle = services.cycle_open(
        actor=coordinator,
        plan=plan,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
        due_date=datetime.date.today() + datetime.timedelta(days=20),
        kind="one_off",
    )
    return {"site": demo_site, "cycle": cycle, "executor": executor, "other": other}


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_report_returned_then_accepted_and_extension_approved(
    page: Page, under_control, language: str
) -> None:
    site, cycle = under_control["site"], under_control["cycle"]
    report = cycle.reports.get(organization=under_control["executor"].organization)

    sign_in(page, site, language, EXECUTOR)
    page.goto(f"{site}/{language}/control/")
    assert_accessible(page)
    page.locator(f"main a[href$='/control/reports/{report.pk}/']").click()
    assert_accessible(page)
    page.locator("#id_narrative").fill("Monitorinq şəbəkəsinə 12 yeni stansiya qoşulub.")
    page.locator("#id_progress").fill("40")
    page.locator("button[name=submit]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert Report.objects.get(pk=report.pk).status == "submitted"

    switch(page, site, language, COORDINATOR)
    page.goto(f"{site}/{language}/control/review/")
    assert_accessible(page)
    page.locator(f"main a[href$='/control/reports/{report.pk}/']").click()
    page.locator("#id_decision_1").check()  # return for rework, without the comment it needs
    page.locator("#decision button[type=submit]").click()
    expect(page.locator("#decision .govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_comment").fill("Stansiyaların siyahısını əlavə edin.")
    page.locator("#decision button[type=submit]").click()
    expect(page.locator("#decision")).to_contain_text("Stansiyaların siyahısını əlavə edin.")
    assert Report.objects.get(pk=report.pk).status == "returned"

    switch(page, site, language, EXECUTOR)
    page.goto(f"{site}/{language}/control/reports/{report.pk}/")
    expect(page.locator("main")).to_contain_text("Stansiyaların siyahısını əlavə edin.")
    page.locator("#id_narrative").fill("12 stansiya qoşulub; siyahı əlavə olunub.")
    page.locator("button[name=submit]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    page.locator("main a", has_text=re.compile(".")).filter(
        has=page.locator("xpath=self::*[contains(@href, '/control/items/')]")
    ).first.click()
    expect(page).to_have_url(re.compile(r"/control/items/\d+/$"))
    later = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()
    page.locator("#id_new_date").fill(later)
    page.locator("#id_reason").fill("Avadanlığın tədarükü gecikir.")
    page.locator(
        "#request button[type=submit], form[action$='/extension/'] button[type=submit]"
    ).first.click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_accessible(page)

    switch(page, site, language, COORDINATOR)
    page.goto(f"{site}/{language}/control/reports/{report.pk}/")
    page.locator("#id_decision_0").check()
    page.locator("#decision button[type=submit]").click()
    expect(page.locator("#decision .govuk-tag--green")).to_be_visible()
    assert Report.objects.get(pk=report.pk).status == "accepted"

    item = ControlItem.objects.get(pk=report.item_id)
    page.goto(f"{site}/{language}/control/items/{item.pk}/")
    extension = item.extensions.get()
    page.locator(f"#id_extension-{extension.pk}-decision_0").check()
    page.locator(f"form[action$='/extensions/{extension.pk}/decide/'] button[type=submit]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_accessible(page)
    item.refresh_from_db()
    assert (item.control_date.isoformat(), item.control_status) == (later, "extended")


def test_an_executor_cannot_see_another_organisations_draft(page: Page, under_control) -> None:
    site, cycle = under_control["site"], under_control["cycle"]
    other = under_control["other"]
    draft = cycle.reports.get(organization=other.organization, item__measure__number="2")
    services.report_save(
        actor=other,
        report=draft,
        version=draft.version,
        narrative="Daxili qaralama",
        narrative_language="az",
        claimed_status="in_progress",
        progress=10,
    )
    sign_in(page, site, "en", EXECUTOR)
    response = page.goto(f"{site}/en/control/reports/{draft.pk}/")
    assert response is not None
    assert response.status == 404
    page.goto(f"{site}/en/control/items/{draft.item_id}/")
    expect(page.locator("main")).not_to_contain_text("Daxili qaralama")
    assert_accessible(page)
