"""From a meeting to closed control, in a real browser: the secretary records the minutes with two
instructions, the chair approves them, the executor reports, the controller closes one."""

import datetime
import re

import pytest
from playwright.sync_api import Page, expect

from koordinat.accounts.models import User
from koordinat.directory.models import Body
from koordinat.execution.models import ControlItem, Report
from koordinat.meetings.models import Instruction

from .conftest import assert_accessible, name_in, pick
from .test_execution_flows import COORDINATOR, EXECUTOR, switch

SECRETARY = "anar.eyvazov@center.koordinat.test"


@pytest.mark.parametrize("language", ["az", "en"])
def test_minutes_to_closed_instruction(page: Page, demo_site: str, language: str) -> None:
    executor = User.objects.get(email=EXECUTOR)
    body = Body.objects.filter(
        secretary__user__email=SECRETARY, member_organizations=executor.organization
    ).first()
    assert body is not None
    chair = User.objects.get(person=body.chair)
    center = User.objects.get(email=COORDINATOR).organization
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    control = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()

    switch(page, demo_site, language, SECRETARY)
    page.goto(f"{demo_site}/{language}/meetings/new/")
    assert_accessible(page)
    page.locator("#id_body").select_option(str(body.pk))
    page.locator("#id_title_az").fill("İşçi qrupun növbədənkənar iclası")
    page.locator("#id_starts_at").fill(f"{yesterday.isoformat()}T11:00")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{language}/meetings/\d+/$"))
    assert_accessible(page)
    meeting_url = page.url

    page.locator("main a[href$='/agenda/new/']").click()
    page.locator("#id_title_az").fill("Monitorinq şəbəkəsinin genişləndirilməsi haqqında")
    page.locator("#id_decision_az").fill("Məlumat nəzərə alınsın, tapşırıqlar icra edilsin.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#agenda")).to_be_visible()

    page.locator("details summary").click()
    page.locator("form[action$='/held/'] button[type=submit]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    page.locator("#id_number").fill("7")
    page.locator("form[action$='/minutes/'] button[type=submit]").click()
    expect(page.locator("#instructions")).to_be_visible()
    assert_accessible(page)

    for number, text in (
        ("1.1", "Stansiyaların siyahısını təqdim etmək"),
        ("1.2", "Yerində monitorinq keçirmək"),
    ):
        page.locator("main a[href$='/instructions/new/']").click()
        page.locator("#id_number").fill(number)
        page.locator("#id_text_az").fill(text)
        pick(page, "id_lead", name_in(language, executor.organization))
        page.locator("#id_control_date").fill(control)
        pick(page, "id_controller", name_in(language, center))
        page.locator("main form button[type=submit]").click()
        expect(page.locator("#instructions + .kd-table-scroll table")).to_contain_text(
            text
        )  # not the history below
    assert_accessible(page)

    switch(page, demo_site, language, chair.email)
    page.goto(meeting_url)
    page.locator("form[action$='/minutes/approve/'] button[type=submit]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert Instruction.objects.filter(minutes__number="7", control__isnull=False).count() == 2

    switch(page, demo_site, language, EXECUTOR)
    page.goto(f"{demo_site}/{language}/control/")
    instruction = Instruction.objects.get(minutes__number="7", number="1.1")
    report = Report.objects.get(item__instruction=instruction)
    page.locator(f"main a[href$='/control/reports/{report.pk}/']").click()
    assert_accessible(page)
    page.locator("#id_narrative").fill("Stansiyaların siyahısı təqdim olunub.")
    page.locator("#id_claimed_status_2").check()  # completed
    page.locator("#id_progress").fill("100")
    page.locator("#id_completed_on").fill(datetime.date.today().isoformat())
    page.locator("button[name=submit]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()

    switch(page, demo_site, language, COORDINATOR)
    page.goto(f"{demo_site}/{language}/control/reports/{report.pk}/")
    page.locator("#id_decision_0").check()
    page.locator("#decision button[type=submit]").click()
    expect(page.locator("#decision .govuk-tag--green")).to_be_visible()
    page.goto(f"{demo_site}/{language}/control/items/{report.item_id}/")
    page.locator("#id_action_0").check()
    page.locator("#id_reason").fill("Tapşırıq icra olunub.")
    page.locator("#id_reports_0").check()
    page.locator("form[action$='/close/'] button[type=submit]").click()
    expect(page.locator(".govuk-notification-banner--success")).to_be_visible()
    assert_accessible(page)
    assert ControlItem.objects.get(pk=report.item_id).control_status == "removed"
    assert ControlItem.objects.get(instruction__minutes__number="7", instruction__number="1.2").is_open
