"""Pickers in a real browser: typing part of a name without Azerbaijani letters finds it, with the
list open the page is accessible; without JavaScript the same forms work by searching on the server."""

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from koordinat.core.demo import DEMO_PASSWORD
from koordinat.core.text import fold
from koordinat.directory.models import Body, Organization, Person
from koordinat.meetings.models import Meeting

from .conftest import ARTIFACTS, assert_accessible, sign_in
from .test_execution_flows import COORDINATOR


def with_azerbaijani_letters(rows: Any, field: str) -> Any:
    """A registry row whose Azerbaijani name has a letter that people type without (ə, ğ, ş, ı, ...)."""
    for row in rows.order_by("pk"):
        name = getattr(row, f"{field}_az") or ""
        if re.search("[əğşıöüçƏĞŞİÖÜÇ]", name):
            return row
    raise AssertionError(f"no {rows.model.__name__} with Azerbaijani letters in the demo registry")


def test_typing_finds_people_and_organisations_ignoring_letters(page: Page, demo_site: str) -> None:
    person = with_azerbaijani_letters(Person.objects.all(), "last_name")
    organization = with_azerbaijani_letters(Organization.objects.active(), "short_name")
    body = Body.objects.filter(chair__isnull=False).order_by("pk").first()
    assert body is not None
    sign_in(page, demo_site, "az", COORDINATOR)
    page.goto(f"{demo_site}/az/meetings/new/?body={body.pk}")

    page.locator("#id_title_az").fill("Seçiciləri yoxlayan iclas")
    page.locator("#id_starts_at").fill("2026-05-12T10:00")

    # A person among thousands: asked of the server as one types, in plain Latin letters.
    typed = fold(person.last_name_az)[:6]
    assert typed != person.last_name_az[:6].lower()  # the letters really differ
    chair = page.locator("#id_chair")
    expect(chair).to_have_attribute("role", "combobox")
    chair.press_sequentially(typed)
    listbox = page.locator("#id_chair-listbox")
    expect(listbox).to_be_visible()
    option = listbox.locator("[role=option]", has_text=person.full_name).first
    expect(option).to_be_visible()
    expect(chair).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)  # with the list open
    option.click()
    expect(chair).to_have_value(person.full_name)
    expect(page.locator("#id_chair-select")).to_have_value(str(person.pk))

    # An organisation invited: chosen from the registry onto a new line of the list.
    adder = page.locator("#id_guests-add")
    adder.press_sequentially(fold(organization.short_name_az)[:7])
    expect(page.locator("#id_guests-add-listbox [role=option]").first).to_be_visible()
    adder.press("ArrowDown")
    expect(adder).to_have_attribute("aria-activedescendant", "id_guests-add-option-0")
    adder.press("Enter")  # chooses; does not send the form
    expect(page.locator("#id_guests")).not_to_have_value("")
    assert_accessible(page)

    page.locator("main form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/az/meetings/\d+/$"))
    meeting = Meeting.objects.get(title_az="Seçiciləri yoxlayan iclas")
    assert meeting.chair_id == person.pk
    assert meeting.participants.filter(role="invited", organization__isnull=False).exists()


def test_an_organisation_select_filters_as_one_types(page: Page, demo_site: str) -> None:
    sign_in(page, demo_site, "az", COORDINATOR)
    page.goto(f"{demo_site}/az/control/register/")
    box = page.locator("#id_organization")
    expect(box).to_have_attribute("role", "combobox")
    organization = with_azerbaijani_letters(Organization.objects.active(), "short_name")
    box.press_sequentially(fold(organization.short_name_az))
    options = page.locator("#id_organization-listbox [role=option]")
    expect(options.filter(has_text=organization.short_name_az).first).to_be_visible()
    assert_accessible(page)
    box.press("Escape")
    expect(page.locator("#id_organization-listbox")).to_be_hidden()


@pytest.fixture
def page_without_javascript(browser: Browser, request: pytest.FixtureRequest) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "screenshot.png"), full_page=True)
    context.close()


def test_without_javascript_a_member_is_found_and_added(
    page_without_javascript: Page, demo_site: str
) -> None:
    page = page_without_javascript
    body = Body.objects.filter(chair__isnull=False).order_by("pk").first()
    assert body is not None
    newcomer = with_azerbaijani_letters(Person.objects.exclude(bodies=body), "last_name")
    page.goto(f"{demo_site}/az/accounts/login/")  # sign_in's axe check needs JavaScript
    page.locator("#id_username").fill(COORDINATOR)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.goto(f"{demo_site}/az/directory/bodies/{body.pk}/edit/")
    page.locator("#id_area_az").fill("Yeni fəaliyyət sahəsi")
    page.locator("#id_members_q").fill(fold(newcomer.last_name_az))
    page.locator("button[name=_picker_search][value=members]").click()

    expect(page.locator("#id_area_az")).to_have_value("Yeni fəaliyyət sahəsi")  # kept
    expect(page.locator(".govuk-error-summary")).to_have_count(0)
    found = page.locator(f"input[name=members][value='{newcomer.pk}']")
    expect(found).not_to_be_checked()
    found.check()
    page.locator("main form button[type=submit]:not([name])").last.click()
    expect(page).to_have_url(re.compile(rf"/az/directory/bodies/{body.pk}/$"))
    body.refresh_from_db()
    assert body.members.filter(pk=newcomer.pk).exists()
    assert body.area_az == "Yeni fəaliyyət sahəsi"
