"""The Done-when line of issue 17's open data, in a real browser without signing in: a visitor types
Azerbaijani words in plain Latin letters ("seherinin berpasi" for "şəhərinin bərpası"), finds the
plan, opens a measure, reads its public summary and downloads the CSV of the plan's measures; the
data package the page offers, with the downloaded file in it, validates with Frictionless. The
open-data page is axe clean in Azerbaijani, Russian and English."""

import json
from pathlib import Path
from typing import Any

import frictionless
from playwright.sync_api import Page, expect

from tests.portal.conftest import PUBLIC_SUMMARY_AZ, Portal, portal  # noqa: F401

from .conftest import assert_accessible


def test_a_visitor_finds_a_plan_in_latin_letters_and_downloads_its_measures_as_valid_open_data(
    page: Page,
    live_server: Any,
    transactional_db: None,
    portal: Portal,  # noqa: F811
    tmp_path: Path,
) -> None:
    base = live_server.url
    page.goto(f"{base}/az/portal/")
    page.get_by_label("Planlar, tədbirlər, qurumlar və rayonlar üzrə axtarış").fill("seherinin berpasi")
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Ağdam şəhərinin bərpası proqramı").click()
    expect(page.locator("h1")).to_have_text("Ağdam şəhərinin bərpası proqramı")
    page.get_by_role("link", name="Ağdam şəhərində su xəttinin çəkilməsi").click()
    expect(page.locator("h1")).to_have_text("Bənd 1.1")
    expect(page.locator("main")).to_contain_text(PUBLIC_SUMMARY_AZ)
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.locator(f"a[href='/az/portal/data/plans/{portal.plan.code}/measures.csv']").click()
    download = download_info.value
    assert download.suggested_filename == f"koordinat-{portal.plan.code}-measures-az.csv"
    measures = tmp_path / "measures.csv"
    download.save_as(measures)
    assert PUBLIC_SUMMARY_AZ in measures.read_text(encoding="utf-8")

    descriptor_link = page.locator(f"a[href='/az/portal/data/plans/{portal.plan.code}/datapackage.json']")
    descriptor = json.loads(page.request.get(base + descriptor_link.get_attribute("href")).text())
    for resource in descriptor["resources"]:
        assert resource["path"].startswith(base)
        if resource["name"] == "measures":
            resource["path"] = measures.name  # the file the visitor downloaded
        else:
            local = tmp_path / f"{resource['name']}.csv"
            local.write_bytes(page.request.get(resource["path"]).body())
            resource["path"] = local.name
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])
    assert {task.name: task.stats["rows"] for task in report.tasks} == {"plans": 1, "measures": 3}

    for language, heading in (("az", "Açıq məlumatlar"), ("ru", "Открытые данные"), ("en", "Open data")):
        page.goto(f"{base}/{language}/portal/")
        page.locator("#navigation").get_by_role("link", name=heading).click()
        expect(page.locator("h1")).to_have_text(heading)
        assert_accessible(page)
