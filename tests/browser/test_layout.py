"""The layout on a phone and on a desktop: at 320 px no main page scrolls sideways as a whole (wide
tables scroll inside their own box), at 1280 px the Azerbaijani menu fits one line; every page axe-clean.
One browser, a handful of pages, for the office's coordinator, for an executor and for an administrator."""

import datetime

import pytest
from playwright.sync_api import Page

from koordinat.accounts.models import User
from koordinat.directory.models import Body
from koordinat.execution import services
from koordinat.meetings import services as meeting_services
from koordinat.plans import services as plans_services

from .conftest import COORDINATOR, assert_accessible, register_plan_in_force, sign_in

EXECUTOR = "asmar.zeynalova@eco.koordinat.test"
ADMINISTRATOR = "rustam.suleymanov@center.koordinat.test"  # the menu's longest: Review and Jobs
LONG_URL = "https://meet.koordinat.gov.az/" + "iclas-otagi-" * 12 + "ikinci-mertebe"


@pytest.fixture
def site(demo_site):
    """A plan in force with an item of the executor's ministry, a cycle asking for its report (sent
    for review), and a meeting with a long address."""
    coordinator = User.objects.get(email=COORDINATOR)
    executor = User.objects.get(email=EXECUTOR)
    plan = register_plan_in_force(
        code="LAYOUT-1", title={"az": "Fəaliyyət planı", "ru": "План действий", "en": "Action plan"}
    )
    for number, text in (
        ("1", "Ekoloji monitorinq şəbəkəsinin genişləndirilməsi və məlumatların açıq portalda dərc edilməsi"),
        ("2", "Sənədlərin elektronlaşdırılması: " + "https://e-gov.az/" + "xidmetler/" * 10),
    ):
        plans_services.measure_create(
            actor=coordinator,
            plan=plan,
            number=number,
            content=plans_services.MeasureContent(
                text={"az": text},
                expected_result={"az": ""},
                deadline_text="2026-cı ilin IV rübü",
                executors=[executor.organization],
                other_executors={"az": ""},
            ),
        )
    cycle = services.cycle_open(
        actor=coordinator,
        plan=plan,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 9, 30),
        due_date=datetime.date.today() + datetime.timedelta(days=20),
        kind="one_off",
    )
    report = cycle.reports.order_by("pk").first()
    report = services.report_save(
        actor=executor,
        report=report,
        version=report.version,
        narrative="Monitorinq şəbəkəsi genişləndirilir.",
        narrative_language="az",
        claimed_status="in_progress",
        progress=30,
    )
    services.report_submit(actor=executor, report=report, version=report.version)
    body = Body.objects.order_by("pk").first()
    meeting = meeting_services.meeting_create(
        actor=coordinator,
        body=body,
        title={
            "az": "Qərargahın növbəti iclası",
            "ru": "Заседание штаба",
            "en": "Meeting of the headquarters",
        },
        starts_at=datetime.datetime(2026, 12, 20, 10, tzinfo=datetime.UTC),
        online_url=LONG_URL,
    )
    return {"url": demo_site, "plan": plan, "meeting": meeting}


def pages(site: dict, role: str) -> list[str]:
    worklist = "/az/control/review/" if role in ("coordinator", "administrator") else "/az/control/"
    return [
        "/az/",
        "/az/control/register/",
        site["plan"].get_absolute_url(),
        worklist,
        site["meeting"].get_absolute_url(),
        "/az/directory/organizations/",
    ]


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"{page.url} is {width[0]} px wide in a {width[1]} px window"


@pytest.mark.parametrize(
    ("role", "email"),
    [("coordinator", COORDINATOR), ("executor", EXECUTOR), ("administrator", ADMINISTRATOR)],
)
def test_main_pages_fit_a_phone_and_the_menu_one_line(page: Page, site, role, email):
    sign_in(page, site["url"], "az", email)
    urls = pages(site, role)
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            page.goto(site["url"] + url)
            assert page.locator("h1").count() == 1, url
            no_sideways_scroll(page)
            assert_accessible(page)
            if width == 1280:
                tops = page.evaluate(
                    "[...document.querySelectorAll('.govuk-service-navigation__item')].map(item => item.offsetTop)"
                )
                assert len(tops) >= 6, url
                assert len(set(tops)) == 1, f"the menu takes {len(set(tops))} lines on {url}"
