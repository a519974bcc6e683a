"""The public portal in a real browser, without signing in: a visitor types Azerbaijani words in
plain Latin letters, finds the plan, opens a measure and reads its public summary; the portal's pages
are axe clean in Azerbaijani, Russian and English."""

from typing import Any

from playwright.sync_api import Page, expect

from tests.portal.conftest import PUBLIC_SUMMARY_AZ, PUBLIC_SUMMARY_EN, Portal, portal  # noqa: F401

from .conftest import assert_accessible


def test_a_visitor_finds_a_plan_typed_in_latin_letters_and_reads_a_measure(
    page: Page,
    live_server: Any,
    transactional_db: None,
    portal: Portal,  # noqa: F811
) -> None:
    base = live_server.url
    page.goto(f"{base}/az/portal/")
    assert_accessible(page)
    page.get_by_label("Planlar, tədbirlər, qurumlar və rayonlar üzrə axtarış").fill("agdam seherinin")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Ağdam şəhərinin bərpası proqramı").click()
    expect(page.locator("h1")).to_have_text("Ağdam şəhərinin bərpası proqramı")
    assert_accessible(page)
    page.get_by_role("link", name="Ağdam şəhərində su xəttinin çəkilməsi").click()
    expect(page.locator("h1")).to_have_text("Bənd 1.1")
    expect(page.locator("main")).to_contain_text(PUBLIC_SUMMARY_AZ)
    assert_accessible(page)

    # Russian: no summary in Russian, and the page says so instead of showing another language.
    page.goto(f"{base}/ru/portal/plans/{portal.plan.code}/measures/1.1/")
    expect(page.locator(".kd-language-missing")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(PUBLIC_SUMMARY_AZ)
    assert_accessible(page)
    page.locator(".kd-language-missing a[hreflang=en]").click()
    expect(page.locator("main")).to_contain_text(PUBLIC_SUMMARY_EN)
    assert_accessible(page)

    for language in ("ru", "en"):
        for path in (
            "",
            f"plans/{portal.plan.code}/",
            "meetings/",
            f"meetings/{portal.meeting.pk}/",
            "search/?q=su",
        ):
            page.goto(f"{base}/{language}/portal/{path}")
            assert_accessible(page)
