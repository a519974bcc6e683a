"""The Headquarters overview in a real browser: its charts drawn over their tables within the CSP, a
figure followed to the register listing exactly its items, and on to an item; the at-risk list
followed to an item's forecast and its reasons; axe clean in az, ru, en."""

import re

from django.utils import translation
from playwright.sync_api import Page, expect

from koordinat.accounts.models import User
from koordinat.analytics.forecast import reasons
from koordinat.execution import services as execution_services
from koordinat.execution.models import ControlItem
from koordinat.plans import services as plans_services
from tests.analytics.test_forecast_pages import REASON, score, stored_model

from .conftest import COORDINATOR, assert_accessible, register_plan_in_force, sign_in


def test_from_a_dashboard_figure_to_its_items_and_an_item(page: Page, demo_site) -> None:
    coordinator = User.objects.get(email=COORDINATOR)
    plan = register_plan_in_force(
        code="DASH-B", title={"az": "Panel planı", "ru": "План панели", "en": "Dashboard plan"}
    )
    for number, deadline in (
        ("1", "2027-ci ilin IV rübü"),
        ("2", "2027-ci ilin II rübü"),
        ("3", "2027-ci il"),
    ):
        plans_services.measure_create(
            actor=coordinator,
            plan=plan,
            number=number,
            content=plans_services.MeasureContent(
                text={"az": f"Tədbir {number}"},
                expected_result={"az": ""},
                deadline_text=deadline,
                executors=[coordinator.organization],
                other_executors={"az": ""},
            ),
        )
    execution_services.control_items_sync(actor=coordinator, plan=plan)
    extended = ControlItem.objects.get(plan=plan, measure__number="3")
    ControlItem.objects.filter(pk=extended.pk).update(control_status="extended")
    on_control = set(ControlItem.objects.filter(control_status="on_control").values_list("pk", flat=True))
    assert len(on_control) == 2
    at_risk = ControlItem.objects.get(plan=plan, measure__number="2")
    score(at_risk, stored_model(), 0.81)

    sign_in(page, demo_site, "az", COORDINATOR)
    for language in ("az", "ru", "en"):
        page.goto(f"{demo_site}/{language}/analytics/")
        expect(page.locator("figure[data-chart] canvas").first).to_be_visible()  # Chart.js drew the table
        assert_accessible(page)
        page.locator("figure[data-chart] table a[href*='status=on_control']").click()
        page.wait_for_url(re.compile(r"/control/register/"))
        assert_accessible(page)
        links = page.locator("main table a[href*='/control/items/']")
        listed = {
            int(re.search(r"/items/(\d+)/", href or "").group(1))
            for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")
        }
        assert listed == on_control
        links.first.click()
        page.wait_for_url(re.compile(r"/control/items/\d+/"))
        assert_accessible(page)
        page.goto(f"{demo_site}/{language}/analytics/")
        page.locator("#at-risk table a[href*='/control/items/']").first.click()
        page.wait_for_url(re.compile(rf"/control/items/{at_risk.pk}/"))
        with translation.override(language):
            reason, chance = reasons.words([REASON])[0], reasons.percent(0.81)
        expect(page.locator("#forecast ~ ul li").first).to_have_text(reason)
        expect(page.locator("main")).to_contain_text(chance.replace("\xa0", " "))
        assert_accessible(page)
