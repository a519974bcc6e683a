"""A plan with one unreadable period, through the real pages (issue #12 item 5): warned in the preview,
flagged on the plan page, put under control flagged when a cycle opens, and the flag gone everywhere
once the coordinator sets the item's control date."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from koordinat.execution.models import ControlDateChange, ControlItem
from tests.plans.files import EN_HEADER, xlsx_bytes

from .conftest import COORDINATOR, assert_accessible, register_plan_in_force, sign_in
from .test_plan_import import energy_ministry

FLAG = "needs a control date"


@pytest.fixture
def plan_in_force(demo_site):
    return register_plan_in_force(
        code="UNDATED-1", title={"az": "Enerji planı", "ru": "Энергетический план", "en": "Energy plan"}
    )


def test_an_unreadable_period_is_flagged_until_the_coordinator_sets_the_date(
    page: Page, demo_site: str, plan_in_force, tmp_path
) -> None:
    site, code = demo_site, plan_in_force.code
    energy = energy_ministry().name_en
    path = tmp_path / "plan.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                EN_HEADER,
                ["1", "Power supply", "", "", ""],
                ["1.1", "Substations rebuilt", energy, "by Q4 2026", ""],
                ["1.2", "Solar plant in Jabrayil", energy, "as soon as the land is allotted", ""],
            ],
            title_rows=["Action plan"],
        )
    )

    sign_in(page, site, "en", COORDINATOR)
    page.goto(f"{site}/en/plans/import/?plan={code}")
    page.locator("#id_file").set_input_files(str(path))
    page.locator("main form button[type=submit]").click()

    # the preview: the row is warned, not refused, and every period shows what it was read as
    expect(page).to_have_url(re.compile(r"/en/plans/import/[0-9a-f-]+/$"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("could not be read")
    rows = page.locator("main table tbody tr")
    expect(rows.nth(1)).to_contain_text("by 31 December 2026")
    expect(rows.nth(2)).to_contain_text(f"unreadable: {FLAG}")
    assert_accessible(page)
    page.locator("button[name=commit]").click()

    # the plan page flags the item
    expect(page).to_have_url(f"{site}/en/plans/{code}/")
    table = page.locator("main table tbody")
    expect(table.locator("tr", has_text="Solar plant")).to_contain_text(FLAG)
    expect(table.locator("tr", has_text="Substations")).not_to_contain_text(FLAG)
    assert_accessible(page)

    # opening a cycle puts it under control all the same, and says so
    page.locator("main a", has_text="Reporting cycles and execution control").click()
    page.get_by_label("One-off request").check()
    page.locator("#id_period_start").fill("2026-01-01")
    page.locator("#id_period_end").fill("2026-03-31")
    page.locator("#id_due_date").fill((datetime.date.today() + datetime.timedelta(days=20)).isoformat())
    page.locator("#id_note").fill("Status of the energy items")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/en/control/cycles/\d+/$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "1 item under control has no control date"
    )
    assert_accessible(page)
    page.locator("main .govuk-warning-text a").click()

    # the list of such items, then the item's own page
    expect(page).to_have_url(re.compile(rf"/en/control/no-control-date/\?plan={code}$"))
    expect(page.locator("main table caption")).to_have_text("1 item needs a control date")
    assert_accessible(page)
    page.locator("main table tbody a", has_text="Solar plant").click()
    expect(page).to_have_url(re.compile(r"/en/control/items/\d+/#control-date$"))
    expect(page.locator("main .govuk-summary-list")).to_contain_text(FLAG)
    assert_accessible(page)

    # the coordinator sets the date: a reason is needed first
    page.locator("#id_date-control_date").fill("2026-09-30")
    page.locator("form[action$='/control-date/'] button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_date-control_date").fill("2026-09-30")
    page.locator("#id_date-reason").fill("The land is allotted by the district's order of 1 July.")
    page.locator("form[action$='/control-date/'] button[type=submit]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("The control date was set.")
    expect(page.locator("main")).not_to_contain_text(FLAG)
    expect(page.locator("main")).to_contain_text("The land is allotted")  # in the changes of the date
    assert_accessible(page)

    item = ControlItem.objects.get(measure__plan=plan_in_force, measure__number="1.2")
    assert item.control_date == datetime.date(2026, 9, 30)
    assert ControlDateChange.objects.filter(item=item, old_date=None).exists()

    # the flag is gone everywhere
    for url in (
        f"/en/plans/{code}/",
        f"/en/control/plans/{code}/cycles/",
        f"/en/control/no-control-date/?plan={code}",
    ):
        page.goto(f"{site}{url}")
        expect(page.locator("main")).not_to_contain_text(FLAG)
        assert_accessible(page)
