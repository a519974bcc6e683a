"""A coordinator imports a Decidim results export in a browser: maps its languages, imports, exports."""

import re

from playwright.sync_api import Page, expect

from koordinat.plans.models import Measure
from tests.plans.test_decidim import DECIDIM_FILE

from .conftest import assert_accessible, sign_in
from .test_directory_flows import coordinator_email


def test_import_a_decidim_export_in_catalan_spanish_and_french(page: Page, demo_site: str, tmp_path) -> None:
    path = tmp_path / "results.csv"
    path.write_bytes(DECIDIM_FILE)
    sign_in(page, demo_site, "az", coordinator_email())
    page.goto(f"{demo_site}/az/plans/import/")
    page.locator("#id_file").set_input_files(str(path))
    page.locator("#id_plan").fill("PAM-2026")
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/az/plans/import/[0-9a-f-]+/$"))
    expect(page.locator("#languages")).to_be_visible()
    expect(page.locator("table tbody tr")).to_have_count(6)
    assert_accessible(page)

    page.locator("#id_languages-az").select_option("ca")
    page.locator("#id_languages-ru").select_option("es")
    page.locator("#id_languages-en").select_option("fr")
    page.locator("form[action$='/languages/'] button[type=submit]").click()
    expect(page.locator(".govuk-inset-text")).to_be_visible()  # no problems left
    expect(page.locator("table tbody th")).to_have_text(["1", "1.1", "1.2", "1.2.1", "2", "2.1"])
    assert_accessible(page)

    page.locator("button[name=commit]").click()
    expect(page).to_have_url(f"{demo_site}/az/plans/PAM-2026/")
    assert_accessible(page)
    page.locator(
        "details.govuk-details:not(td details) > summary"
    ).click()  # not a period's wording in a cell
    assert_accessible(page)

    measure = Measure.objects.get(plan__code="PAM-2026", number="1")
    page.goto(f"{demo_site}/az/plans/PAM-2026/measures/1/")
    expect(page.locator("main")).to_contain_text("En execució")
    assert measure.text_ru == "Movilidad sostenible"
    assert_accessible(page)
