"""A coordinator registers a plan by hand and builds its numbered tree in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from koordinat.plans.models import Measure, Plan

from .conftest import assert_accessible, name_in, pick, sign_in
from .test_directory_flows import coordinator_email
from .test_plan_import import energy_ministry


@pytest.mark.parametrize("language", ["az", "ru", "en"])
def test_register_a_plan_and_add_items(page: Page, demo_site: str, language: str) -> None:
    energy = energy_ministry()
    code = f"HAND-{language.upper()}"
    sign_in(page, demo_site, language, coordinator_email())
    page.goto(f"{demo_site}/{language}/plans/")
    page.locator("main a[href$='/plans/new/']").click()
    assert_accessible(page)

    page.locator("#id_code").fill(code)
    page.locator("#id_title_az").fill("Enerji təchizatı üzrə tədbirlər planı")
    page.locator("#id_period_start").fill("2026-01-01")
    page.locator("#id_period_end").fill("2025-12-31")  # before the start: refused on the field
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary a[href='#id_period_end']")).to_be_visible()
    assert_accessible(page)
    assert not Plan.objects.filter(code=code).exists()

    page.locator("#id_period_end").fill("2027-12-31")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{demo_site}/{language}/plans/{code}/")
    assert_accessible(page)

    page.locator(f"main a[href$='/plans/{code}/measures/new/']").click()
    expect(page.locator("#id_number")).to_have_value("1")
    page.locator("#id_text_az").fill("Enerji infrastrukturunun bərpası")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{demo_site}/{language}/plans/{code}/measures/1/")

    page.locator("main a[href*='/measures/new/?parent=1']").click()
    expect(page.locator("#id_number")).to_have_value("1.1")
    page.locator("#id_text_az").fill("Yarımstansiyaların tikintisi")
    pick(page, "id_lead", name_in(language, energy))
    page.locator("#id_co_executors").fill("Naməlum Agentlik")
    page.locator("#id_deadline_text").fill("IV квартал 2026 г.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Naməlum Agentlik")
    assert_accessible(page)

    page.locator("#id_co_executors").fill("")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/plans/{code}/measures/1\.1/$"))
    assert_accessible(page)
    measure = Measure.objects.get(plan__code=code, number="1.1")
    assert measure.deadline_kind == "quarter"
    assert list(measure.executors.values_list("organization_id", flat=True)) == [energy.pk]

    page.goto(f"{demo_site}/{language}/plans/{code}/")
    expect(page.locator("main table tbody th")).to_have_text(["1", "1.1"])
