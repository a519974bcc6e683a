"""The main directory flows in a real browser, checked with axe-core in az, ru and en."""

import re

import pytest
from playwright.sync_api import Page, expect

from koordinat.accounts.models import User
from koordinat.directory.models import Body, Organization

from .conftest import assert_accessible, sign_in

LANGUAGES = ["az", "ru", "en"]


def coordinator_email() -> str:
    return (
        User.objects.filter(role="coordinator", person__isnull=False)
        .order_by("pk")
        .values_list("email", flat=True)[0]
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_walk_the_directory(page: Page, demo_site: str, language: str) -> None:
    sign_in(page, demo_site, language, coordinator_email())
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator(".kd-account__name")).to_be_visible()
    assert_accessible(page)

    page.locator(".govuk-service-navigation__link[href$='/directory/']").click()
    expect(page).to_have_url(re.compile(rf"/{language}/directory/$"))
    assert_accessible(page)
    page.locator("main a[href$='/directory/organizations/']").click()
    expect(page).to_have_url(re.compile(rf"/{language}/directory/organizations/"))
    assert_accessible(page)

    headquarters = Body.objects.get(kind="headquarters")
    page.locator("#id_body").select_option(str(headquarters.pk))
    page.locator("form.kd-filter button[type=submit]").click()
    expect(page.locator("table.govuk-table tbody tr")).to_have_count(50)  # first page of the 55
    expect(page.locator("caption")).to_contain_text("55")
    assert_accessible(page)

    page.goto(f"{demo_site}/{language}/directory/bodies/{headquarters.pk}/")
    sub_bodies = page.locator("table", has=page.locator("caption", has_text="17"))
    expect(sub_bodies.locator("tbody tr")).to_have_count(17)
    assert_accessible(page)

    page.locator("main table tbody tr a").first.click()
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)

    organization = Organization.objects.filter(children__isnull=False).first()
    assert organization is not None
    page.goto(f"{demo_site}/{language}/directory/organizations/{organization.pk}/")
    assert_accessible(page)
    page.locator("main table tbody tr a").first.click()  # a person holding a position there
    expect(page).to_have_url(re.compile(r"/directory/people/\d+/"))
    assert_accessible(page)


def test_language_switcher_keeps_the_page(page: Page, demo_site: str) -> None:
    sign_in(page, demo_site, "az", coordinator_email())
    page.goto(f"{demo_site}/az/directory/bodies/")
    for language, name in (("ru", "Русский"), ("en", "English"), ("az", "Azərbaycanca")):
        page.locator(".kd-language-switcher").get_by_role("link", name=name).click()
        expect(page).to_have_url(f"{demo_site}/{language}/directory/bodies/")
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator(".kd-language-switcher [aria-current]")).to_have_text(name)
        assert_accessible(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_coordinator_creates_and_edits_an_organisation(page: Page, demo_site: str, language: str) -> None:
    sign_in(page, demo_site, language, coordinator_email())
    page.goto(f"{demo_site}/{language}/directory/organizations/new/")
    assert_accessible(page)

    page.locator("#id_country").fill("A1")
    page.locator("main form button[type=submit]").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.locator("a[href='#id_name_az']")).to_be_visible()
    expect(summary.locator("a[href='#id_country']")).to_be_visible()
    assert_accessible(page)

    name = f"Rəqəmsal Təhsil Mərkəzi ({language})"
    page.locator("#id_name_az").fill(name)
    page.locator("#id_name_ru").fill(f"Центр цифрового образования ({language})")
    page.locator("#id_name_en").fill(f"Digital Education Centre ({language})")
    page.locator("#id_kind").select_option("public_legal_entity")
    page.locator("#id_country").fill("AZ")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/directory/organizations/\d+/$"))
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_accessible(page)

    created = Organization.objects.get(name_az=name)
    page.goto(f"{demo_site}/{language}/directory/organizations/{created.pk}/edit/")
    assert_accessible(page)
    page.locator("#id_abbreviation_az").fill("RTM")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#history ~ .kd-table-scroll table tbody tr")).to_have_count(2)
    assert_accessible(page)
    created.refresh_from_db()
    assert created.abbreviation_az == "RTM"


def test_executor_sees_no_edit_button_on_another_organisation(page: Page, demo_site: str) -> None:
    executor = User.objects.filter(role="executor").select_related("organization").order_by("pk").first()
    assert executor is not None
    other = (
        Organization.objects.exclude(pk=executor.organization_id)
        .exclude(parent=executor.organization)
        .first()
    )
    assert other is not None
    sign_in(page, demo_site, "en", executor.email)
    page.goto(f"{demo_site}/en/directory/organizations/{other.pk}/")
    expect(page.locator("a[href$='/edit/']")).to_have_count(0)
    assert_accessible(page)
    response = page.goto(f"{demo_site}/en/directory/organizations/{other.pk}/edit/")
    assert response is not None
    assert response.status == 403
    assert_accessible(page)
