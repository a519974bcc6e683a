"""A coordinator imports plan documents in a real browser: preview, problems, mapping, commit."""

import re

import pytest
from playwright.sync_api import Page, expect

from koordinat.directory.models import Organization
from koordinat.plans.models import Measure, Plan
from tests.plans.files import AZ_HEADER, RU_HEADER, docx_bytes, xlsx_bytes

from .conftest import assert_accessible, name_in, pick, sign_in
from .test_directory_flows import coordinator_email


def energy_ministry() -> Organization:
    organization = (
        Organization.objects.filter(name_az__icontains="Energetika Nazirliyi").order_by("pk").first()
    )
    assert organization is not None
    return organization


@pytest.mark.parametrize(("language", "kind"), [("az", "xlsx"), ("ru", "docx"), ("en", "xlsx")])
def test_import_a_plan_with_an_unknown_executor(
    page: Page, demo_site: str, tmp_path, language: str, kind: str
) -> None:
    energy = energy_ministry()
    header = RU_HEADER if kind == "docx" else AZ_HEADER
    rows = [
        header,
        ["1", "Enerji təchizatının bərpası", "", "", ""],
        ["1.1", "Yarımstansiyaların tikintisi", energy.name_az, "2026-cı ilin II rübü", ""],
        [
            "1.2",
            "Günəş stansiyası",
            f"{energy.short_name_az or energy.name_az}; Kosmik Tədqiqatlar Agentliyi",
            "mütəmadi",
            "",
        ],
    ]
    path = tmp_path / f"plan.{kind}"
    path.write_bytes(docx_bytes(rows) if kind == "docx" else xlsx_bytes(rows, title_rows=["Tədbirlər Planı"]))
    code = f"IMPORT-{language.upper()}"

    sign_in(page, demo_site, language, coordinator_email())
    page.goto(f"{demo_site}/{language}/plans/import/")
    assert_accessible(page)
    page.locator("#id_file").set_input_files(str(path))
    page.locator("#id_plan").fill(code)
    page.locator("#id_title").fill("Enerji planı")
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(rf"/{language}/plans/import/[0-9a-f-]+/$"))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Kosmik Tədqiqatlar Agentliyi")
    expect(page.locator("table tbody tr")).to_have_count(3)
    assert_accessible(page)

    page.locator("button[name=commit]").click()  # refused: the unknown executor is not chosen yet
    expect(page.locator(".govuk-error-summary").first).to_be_visible()
    assert not Plan.objects.filter(code=code).exists()

    pick(page, "id_executor_0", name_in(language, energy))
    page.locator("button[name=commit]").click()
    expect(page).to_have_url(f"{demo_site}/{language}/plans/{code}/")
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    expect(page.locator("main table tbody th")).to_have_text(["1", "1.1", "1.2"])
    assert_accessible(page)

    measure = Measure.objects.get(plan__code=code, number="1.2")
    assert list(measure.executors.values_list("organization_id", flat=True)) == [energy.pk]
    page.locator("main table tbody a", has_text="Günəş").click()
    expect(page).to_have_url(f"{demo_site}/{language}/plans/{code}/measures/1.2/")
    assert_accessible(page)

    page.goto(f"{demo_site}/{language}/plans/")
    expect(page.locator("main table tbody a", has_text="Enerji planı")).to_be_visible()
    assert_accessible(page)
