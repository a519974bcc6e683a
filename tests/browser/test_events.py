"""An anonymous visitor registers for an upcoming round table in a real browser and confirms through
the link mailed to them; the events' public pages are axe clean in Azerbaijani, Russian and English."""

from typing import Any

from django.core import mail
from playwright.sync_api import Page, expect

from koordinat.events.models import Registration
from tests.conftest import texts
from tests.events.conftest import authority, council, cso, district, make_event  # noqa: F401

from .conftest import assert_accessible


def test_a_visitor_registers_for_a_round_table_and_confirms(
    page: Page,
    live_server: Any,
    transactional_db: None,
    make_event: Any,  # noqa: F811
    council: Any,  # noqa: F811
    cso: Any,  # noqa: F811
) -> None:
    event = make_event(
        published=True,
        partners=[cso],
        council=council,
        capacity=30,
        title=texts("Yardımlıda dəyirmi masa", "Круглый стол в Ярдымлы", "Round table in Yardimli"),
    )
    base = live_server.url
    page.goto(f"{base}/az/portal/")
    page.get_by_role("link", name="Yardımlıda dəyirmi masa").first.click()
    expect(page.locator("h1")).to_have_text("Yardımlıda dəyirmi masa")
    assert_accessible(page)
    page.get_by_role("button", name="İştirak üçün qeydiyyatdan keçin").click()
    expect(page.locator("h1")).to_have_text("İştirak üçün qeydiyyatdan keçin")
    assert_accessible(page)
    page.get_by_label("Adınız").fill("Leyla Həsənova")
    page.locator("input[name=email]").fill("leyla@example.test")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("E-poçtunuzu yoxlayın")
    assert_accessible(page)

    link = next(line for line in mail.outbox[-1].body.splitlines() if "/confirm/" in line)
    page.goto(base + link[link.index("/az/") :])
    assert_accessible(page)
    page.get_by_role("button", name="Təsdiqləmək").click()
    expect(page.locator("h1")).to_have_text("Qeydiyyat təsdiqləndi")
    assert Registration.objects.get().confirmed_at is not None

    for language in ("az", "ru", "en"):
        for path in (
            "events/",
            f"events/{event.pk}/",
            f"events/{event.pk}/register/",
            f"councils/{council.pk}/",
            f"districts/{event.district_id}/",
        ):
            page.goto(f"{base}/{language}/portal/{path}")
            assert_accessible(page)
