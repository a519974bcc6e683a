"""My work and the review queue: the control date and lateness of each row, their filters (plan,
overdue only, due within N days) and who sees what, for every role that can open them."""

import datetime
from contextlib import contextmanager

import pytest
from django.urls import reverse
from django.utils import translation

from koordinat.accounts.models import Role
from koordinat.core import clock
from koordinat.execution.models import ControlItem
from koordinat.plans import services as plans_services
from tests.conftest import texts

from .test_services import submit

CONTROL_DATE = datetime.date(2026, 6, 30)  # item 1.1's: the end of the second quarter


@contextmanager
def on(day: datetime.date):
    with clock.at(datetime.datetime.combine(day, datetime.time(10), datetime.UTC)):
        yield


def url(name: str, query: str = "") -> str:
    with translation.override("en"):
        path = reverse(name)
    return f"{path}?{query}" if query else path


@pytest.fixture
def reports(open_cycle, ministry, other_ministry, executor, other_executor):
    """Item 1.1 (the ministry leads, the other ministry co-executes, control date 30 June) and item
    1.2 (the other ministry, no control date); the ministry's report on 1.1 is sent for review."""
    item = ControlItem.objects.get(plan=open_cycle.plan, measure__number="1.1")
    assert item.control_date == CONTROL_DATE
    ours = open_cycle.reports.get(organization=ministry, item=item)
    theirs = open_cycle.reports.filter(organization=other_ministry).order_by("item__measure__sort_key")
    return {"sent": submit(executor, ours), "theirs": list(theirs)}


@pytest.fixture
def other_plan(coordinator, center):
    return plans_services.plan_create(
        actor=coordinator,
        code="OTHER-1",
        kind="action_plan",
        title=texts("Başqa plan"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=center,
        status="draft",
    )


def rows(client, name: str, query: str = "") -> list[int]:
    return [report.pk for report in client.get(url(name, query)).context["page"]]


@pytest.mark.parametrize("name", ["execution:my_work", "execution:review_queue"])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, name):
    response = client.get(url(name, "overdue=on"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_my_work_shows_the_own_organisations_reports_with_their_control_date_and_lateness(
    client, executor, reports
):
    client.force_login(executor)
    with on(datetime.date(2026, 7, 3)):
        page = client.get(url("execution:my_work"))
    html = page.content.decode()
    assert [row.organization_id for row in page.context["page"]] == [executor.organization_id]
    assert '<th scope="col" class="govuk-table__header">Control date</th>' in html
    assert '<th scope="col" class="govuk-table__header">Lateness</th>' in html
    assert (
        '<td class="govuk-table__cell">30 June 2026</td><td class="govuk-table__cell">overdue by 3 days</td>'
        in html
    )
    assert "1 report to file" in html
    assert 'class="kd-table-scroll" role="region"' in html


def test_my_work_of_another_organisation_shows_nothing_of_ours(client, other_executor, reports):
    client.force_login(other_executor)
    for query in ("", "overdue=on", "due_within=366"):
        with on(datetime.date(2026, 7, 3)):
            shown = rows(client, "execution:my_work", query)
        assert reports["sent"].pk not in shown
    with on(datetime.date(2026, 7, 3)):
        assert set(rows(client, "execution:my_work")) == {report.pk for report in reports["theirs"]}


def test_the_lateness_reads_as_the_registers_status_line(client, executor, reports):
    """ "due in N days" within a week, "on time" further off, "overdue by N days" after: the words of
    the register's status line, so the two never disagree."""
    client.force_login(executor)
    for day, text in (
        (datetime.date(2026, 6, 25), "due in 5 days"),
        (datetime.date(2026, 6, 30), "due today"),
        (datetime.date(2026, 4, 1), "on time"),
        (datetime.date(2026, 7, 1), "overdue by 1 day"),
    ):
        with on(day):
            html = client.get(url("execution:my_work")).content.decode()
            register = client.get(url("execution:register")).content.decode()
        assert f'<td class="govuk-table__cell">{text}</td>' in html, day
        if text != "on time":
            assert f">{text}</strong>" in register, day


def test_item_without_a_control_date_says_how_it_is_reported(client, other_executor, reports):
    client.force_login(other_executor)
    with on(datetime.date(2026, 4, 1)):
        html = client.get(url("execution:my_work")).content.decode()
    assert (
        '<td class="govuk-table__cell">—</td><td class="govuk-table__cell">on control, reported every cycle</td>'
        in html
    )


def test_my_work_filters_by_plan_overdue_and_due_within(
    client, other_executor, reports, other_plan, open_cycle
):
    client.force_login(other_executor)
    on_item_1_1 = reports["theirs"][0].pk
    everything = {report.pk for report in reports["theirs"]}
    with on(datetime.date(2026, 6, 25)):
        assert set(rows(client, "execution:my_work", f"plan={open_cycle.plan_id}")) == everything
        assert rows(client, "execution:my_work", f"plan={other_plan.pk}") == []
        assert rows(client, "execution:my_work", "overdue=on") == []
        assert rows(client, "execution:my_work", "due_within=5") == [on_item_1_1]
        assert rows(client, "execution:my_work", "due_within=4") == []
        html = client.get(url("execution:my_work", "due_within=5")).content.decode()
        assert "1 report to file on the items these filters select" in html
        assert 'name="due_within" type="number"' in html or 'type="number" name="due_within"' in html
    with on(datetime.date(2026, 7, 1)):
        assert rows(client, "execution:my_work", "overdue=on") == [on_item_1_1]
        assert rows(client, "execution:my_work", f"overdue=on&plan={other_plan.pk}") == []
        assert rows(client, "execution:my_work", "due_within=30") == []


def test_a_wrong_filter_is_shown_and_the_list_left_whole(client, executor, reports):
    client.force_login(executor)
    page = client.get(url("execution:my_work", "due_within=0"))
    assert page.status_code == 200
    assert page.context["form"].errors["due_within"]
    assert rows(client, "execution:my_work", "due_within=0") == [reports["sent"].pk]


def test_the_coordinator_reviews_with_the_control_date_and_lateness(client, coordinator, reports):
    client.force_login(coordinator)
    with on(datetime.date(2026, 7, 3)):
        page = client.get(url("execution:review_queue"))
    html = page.content.decode()
    assert [report.pk for report in page.context["page"]] == [reports["sent"].pk]
    assert "1 report to review" in html
    assert (
        '<td class="govuk-table__cell">30 June 2026</td><td class="govuk-table__cell">overdue by 3 days</td>'
        in html
    )
    assert 'id="extensions-caption"' in html
    assert 'aria-labelledby="extensions-caption"' in html


def test_the_review_queue_filters_by_plan_overdue_and_due_within(
    client, coordinator, reports, other_plan, open_cycle
):
    client.force_login(coordinator)
    sent = reports["sent"].pk
    with on(datetime.date(2026, 6, 25)):
        assert rows(client, "execution:review_queue", f"plan={open_cycle.plan_id}") == [sent]
        assert rows(client, "execution:review_queue", f"plan={other_plan.pk}") == []
        assert rows(client, "execution:review_queue", "overdue=on") == []
        assert rows(client, "execution:review_queue", "due_within=7") == [sent]
        assert rows(client, "execution:review_queue", "due_within=2") == []
        html = client.get(url("execution:review_queue", "overdue=on")).content.decode()
        assert "0 reports to review on the items these filters select" in html
        assert "No report on the items these filters select is waiting for review." in html
    with on(datetime.date(2026, 7, 1)):
        assert rows(client, "execution:review_queue", "overdue=on") == [sent]
        assert rows(client, "execution:review_queue", "overdue=on&due_within=30") == []


def test_the_administrator_sees_every_report_to_review(client, admin_user, reports):
    client.force_login(admin_user)
    with on(datetime.date(2026, 7, 1)):
        assert rows(client, "execution:review_queue") == [reports["sent"].pk]
        assert rows(client, "execution:review_queue", "overdue=on") == [reports["sent"].pk]
        assert client.get(url("execution:my_work")).status_code == 200


def test_other_organisations_review_nothing_of_ours(
    client, make_user, other_ministry, other_executor, reports
):
    other_coordinator = make_user(Role.COORDINATOR, other_ministry)
    for user in (other_executor, other_coordinator):
        client.force_login(user)
        with on(datetime.date(2026, 7, 1)):
            assert rows(client, "execution:review_queue") == []
            assert rows(client, "execution:review_queue", "overdue=on") == []
