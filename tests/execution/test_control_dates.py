"""Items that need a control date (issue #12 item 5): put under control and flagged, never silently
without one; the controller sets the date on the item's page, and the flag is gone everywhere."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from koordinat.accounts.models import Role
from koordinat.core import audit
from koordinat.core.calendar import default_calendar
from koordinat.core.errors import ConcurrentEditError
from koordinat.core.models import AuditEvent
from koordinat.execution import selectors, services
from koordinat.execution.models import ControlDateChange, ControlItem
from koordinat.plans import services as plans_services
from koordinat.plans.models import Plan
from tests.conftest import texts

from .conftest import TODAY

UNDATED = {
    "1.3": "tezliklə",  # unreadable
    "1.4": "",  # no period written
    "1.6": "в течение 6 месяцев после завершения строительства",  # counted from an event
    "1.7": "qüvvəyə mindikdən sonra 6 ay ərzində",  # counted from the act's entry into force
}


def add_item(actor, plan, number, deadline, executors):
    return plans_services.measure_create(
        actor=actor,
        plan=plan,
        number=number,
        content=plans_services.MeasureContent(
            text=texts(f"Tədbir {number}"),
            expected_result=texts(""),
            deadline_text=deadline,
            executors=executors,
            other_executors=texts(""),
        ),
    )


@pytest.fixture
def undated_plan(coordinator, plan, ministry):
    """The plan of conftest (1.1 due in Q2 2026, 1.2 continuous) with items whose periods give no
    date, and 1.5 counted from the plan's approval (its act is dated 1 December 2025)."""
    for number, deadline in UNDATED.items():
        add_item(coordinator, plan, number, deadline, [ministry])
    add_item(coordinator, plan, "1.5", "planın təsdiq edildiyi gündən 3 ay ərzində", [ministry])
    return plan


@pytest.fixture
def opened(coordinator, undated_plan):
    return services.cycle_open(
        actor=coordinator,
        plan=undated_plan,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        due_date=datetime.date.today() + datetime.timedelta(days=30),
    )


def item(plan, number) -> ControlItem:
    return ControlItem.objects.select_related("measure", "plan").get(
        measure__plan=plan, measure__number=number
    )


def flagged(plan) -> list[str]:
    return sorted(
        ControlItem.objects.filter(plan=plan).needing_control_date().values_list("measure__number", flat=True)
    )


def test_items_without_a_date_are_put_under_control_flagged(undated_plan, opened):
    assert flagged(undated_plan) == sorted(UNDATED)
    for number in UNDATED:
        undated = item(undated_plan, number)
        assert (undated.control_date, undated.needs_control_date) == (None, True)
        assert undated.reports.filter(cycle=opened).exists()  # reported on like every other item
    continuous = item(undated_plan, "1.2")
    assert (continuous.control_date, continuous.needs_control_date) == (None, False)
    counted = item(undated_plan, "1.5")  # 3 months after 1 December 2025, on a working day
    expected = default_calendar([2026]).previous_working_day(datetime.date(2026, 3, 1))
    assert (counted.control_date, counted.needs_control_date) == (expected, False)
    event = AuditEvent.objects.get(action="cycle.open")
    assert (event.data["items_put_under_control"], event.data["without_control_date"]) == (7, 4)


def test_syncing_says_how_many_items_have_no_control_date(coordinator, undated_plan):
    assert services.control_items_sync(actor=coordinator, plan=undated_plan) == 7
    event = AuditEvent.objects.get(action="control.sync")
    assert event.data == {"created": 7, "without_control_date": 4}


def test_the_controller_sets_the_control_date(coordinator, undated_plan, opened, executor):
    undated = item(undated_plan, "1.3")
    day = datetime.date(2026, 9, 30)
    updated = services.item_set_control_date(
        actor=coordinator,
        item=undated,
        version=undated.version,
        control_date=day,
        reason="Nazirliyin məktubu",
    )
    assert (updated.control_date, updated.initial_control_date, updated.control_status) == (
        day,
        day,
        ControlItem.Status.ON_CONTROL,
    )
    assert updated.version == undated.version + 1
    (change,) = ControlDateChange.objects.filter(item=undated)
    assert (change.old_date, change.new_date, change.reason, change.changed_by) == (
        None,
        day,
        "Nazirliyin məktubu",
        coordinator,
    )
    event = AuditEvent.objects.get(action="control.set_date")
    assert (event.target_id, event.data) == (
        str(undated.pk),
        {"new_date": "2026-09-30", "reason": "Nazirliyin məktubu", "outside_period": False},
    )
    assert flagged(undated_plan) == ["1.4", "1.6", "1.7"]
    assert not item(undated_plan, "1.3").needs_control_date
    assert audit.verify()[1] is None
    # the date now counts: once it has passed, the item is overdue for its executor
    overdue = selectors.my_overdue_items(user=executor, today=datetime.date(2026, 10, 1))
    assert "1.3" in [row.item.measure.number for row in overdue]


def test_an_administrator_sets_the_control_date(admin_user, undated_plan, opened):
    undated = item(undated_plan, "1.4")
    services.item_set_control_date(
        actor=admin_user,
        item=undated,
        version=undated.version,
        control_date=datetime.date(2026, 6, 30),
        reason="Qərar",
    )
    assert item(undated_plan, "1.4").control_date == datetime.date(2026, 6, 30)


@pytest.fixture
def other_coordinator(make_user, make_organization):
    """A coordinator of an organisation that does not control the plan's items."""
    return make_user(Role.COORDINATOR, make_organization("Digər Koordinasiya Mərkəzi"))


@pytest.mark.parametrize(
    "role", ["executor", "other_executor", "head", "observer", "body_secretary", "other_coordinator"]
)
def test_only_the_controller_sets_a_control_date(request, role, undated_plan, opened):
    actor = request.getfixturevalue(role)
    undated = item(undated_plan, "1.3")
    with pytest.raises(PermissionDenied):
        services.item_set_control_date(
            actor=actor,
            item=undated,
            version=undated.version,
            control_date=datetime.date(2026, 9, 30),
            reason="Özüm",
        )
    assert item(undated_plan, "1.3").control_date is None
    assert not ControlDateChange.objects.exists()
    event = AuditEvent.objects.get(action="control.set_date")
    assert (event.outcome, event.actor_id, event.target_id) == ("refused", actor.pk, str(undated.pk))


def test_a_control_date_is_refused_on_a_stale_page_a_closed_item_or_an_item_with_a_date(
    coordinator, undated_plan, opened
):
    undated = item(undated_plan, "1.3")
    day = datetime.date(2026, 9, 30)
    with pytest.raises(ConcurrentEditError):
        services.item_set_control_date(
            actor=coordinator, item=undated, version=undated.version - 1, control_date=day, reason="Məktub"
        )
    cancelled = services.item_cancel(actor=coordinator, item=undated, version=undated.version, reason="Ləğv")
    with translation.override("en"), pytest.raises(ValidationError, match="already cancelled"):
        services.item_set_control_date(
            actor=coordinator, item=cancelled, version=cancelled.version, control_date=day, reason="Məktub"
        )
    dated = item(undated_plan, "1.1")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.item_set_control_date(
            actor=coordinator, item=dated, version=dated.version, control_date=day, reason="Məktub"
        )
    assert "extension request" in refused.value.message_dict["control_date"][0]
    assert not ControlDateChange.objects.exists()


def test_a_control_date_needs_a_reason_and_one_outside_the_plan_an_explanation(
    coordinator, undated_plan, opened
):
    undated = item(undated_plan, "1.6")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.item_set_control_date(
            actor=coordinator,
            item=undated,
            version=undated.version,
            control_date=datetime.date(2027, 6, 30),
            reason=" ",
        )
    assert set(refused.value.message_dict) == {"reason", "control_date"}
    assert "outside the plan's period" in refused.value.message_dict["control_date"][0]
    assert item(undated_plan, "1.6").control_date is None
    services.item_set_control_date(
        actor=coordinator,
        item=undated,
        version=undated.version,
        control_date=datetime.date(2027, 6, 30),
        reason="Tikinti 2027-ci ildə başa çatır",
        outside_period=True,
    )
    assert item(undated_plan, "1.6").control_date == datetime.date(2027, 6, 30)
    assert AuditEvent.objects.get(action="control.set_date").data["outside_period"] is True


# Pages ------------------------------------------------------------------------------------------


def set_date_url(undated: ControlItem) -> str:
    return reverse("execution:item_control_date", args=[undated.pk])


def en(url: str) -> str:
    """The address of the English page (the tests start in Azerbaijani)."""
    return url.replace("/az/", "/en/", 1)


FORM = {"date-control_date": "2026-09-30", "date-reason": "Nazirliyin məktubu"}


def test_anonymous_visitors_are_sent_to_sign_in(client, undated_plan, opened):
    undated = item(undated_plan, "1.3")
    for response in (
        client.post(set_date_url(undated), {**FORM, "date-version": undated.version}),
        client.get(reverse("execution:undated")),
    ):
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
    assert item(undated_plan, "1.3").control_date is None


@pytest.mark.parametrize("role", ["executor", "other_executor", "observer", "other_coordinator"])
def test_the_page_refuses_everyone_but_the_controller(client, request, role, undated_plan, opened):
    user = request.getfixturevalue(role)
    undated = item(undated_plan, "1.3")
    client.force_login(user)
    page = client.get(en(undated.get_absolute_url()))
    assert page.status_code == 200
    assert page.context["date_form"] is None
    assert "needs a control date" in page.content.decode()  # everyone sees the flag
    response = client.post(set_date_url(undated), {**FORM, "date-version": undated.version})
    assert response.status_code == 403
    assert item(undated_plan, "1.3").control_date is None
    (event,) = AuditEvent.objects.filter(outcome="refused")
    assert (event.action, event.actor_id) == ("execution:item_control_date.post", user.pk)


@pytest.mark.parametrize("role", ["coordinator", "admin_user"])
def test_the_controller_sets_the_date_on_the_item_page(client, request, role, undated_plan, opened):
    user = request.getfixturevalue(role)
    undated = item(undated_plan, "1.3")
    client.force_login(user)
    page = client.get(en(undated.get_absolute_url()))
    html = page.content.decode()
    assert page.context["date_form"] is not None
    assert "needs a control date" in html
    assert f'action="{en(set_date_url(undated))}"' in html
    response = client.post(set_date_url(undated), {**FORM, "date-version": undated.version})
    assert response.status_code == 302
    assert item(undated_plan, "1.3").control_date == datetime.date(2026, 9, 30)
    after = client.get(undated.get_absolute_url())
    assert after.context["date_form"] is None
    assert not after.context["item"].needs_control_date


def test_a_refused_date_is_shown_on_the_form(client, coordinator, undated_plan, opened):
    undated = item(undated_plan, "1.3")
    client.force_login(coordinator)
    response = client.post(
        en(set_date_url(undated)),
        {"date-control_date": "2031-01-01", "date-reason": "", "date-version": undated.version},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_date-reason"' in html
    assert "outside the plan&#x27;s period" in html
    assert item(undated_plan, "1.3").control_date is None


def test_the_lists_count_and_link_the_items_until_their_dates_are_set(
    client, coordinator, undated_plan, opened
):
    client.force_login(coordinator)
    undated_url = f"{reverse('execution:undated')}?plan={undated_plan.code}"
    for url in (
        reverse("execution:plan_cycles", args=[undated_plan.code]),
        opened.get_absolute_url(),
        reverse("execution:review_queue"),
    ):
        page = client.get(url)
        assert page.context["undated"] == 4, url
        assert reverse("execution:undated") in page.content.decode()
    listed = client.get(undated_url)
    assert [row.measure.number for row in listed.context["page"]] == sorted(UNDATED)
    for number in UNDATED:
        undated = item(undated_plan, number)
        services.item_set_control_date(
            actor=coordinator,
            item=undated,
            version=undated.version,
            control_date=datetime.date(2026, 12, 31),
            reason="Qərar",
        )
    assert list(client.get(undated_url).context["page"]) == []
    assert client.get(reverse("execution:plan_cycles", args=[undated_plan.code])).context["undated"] == 0
    assert client.get(reverse("execution:review_queue")).context["undated"] == 0


def test_the_review_queue_counts_only_what_the_users_organisation_controls(
    client, other_coordinator, admin_user, undated_plan, opened
):
    client.force_login(other_coordinator)
    assert client.get(reverse("execution:review_queue")).context["undated"] == 0
    client.force_login(admin_user)
    assert client.get(reverse("execution:review_queue")).context["undated"] == 4


def test_opening_a_cycle_says_how_many_items_have_no_control_date(client, coordinator, undated_plan):
    client.force_login(coordinator)
    response = client.post(
        en(reverse("execution:plan_cycles", args=[undated_plan.code])),
        {
            "kind": "scheduled",
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "due_date": (datetime.date.today() + datetime.timedelta(days=20)).isoformat(),
            "co_executor_days_before": "5",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "4 items under control have no control date" in html
    assert f"{en(reverse('execution:undated'))}?plan={undated_plan.code}" in html


def measures_flagged(client, plan) -> dict[str, bool]:
    page = client.get(plan.get_absolute_url())
    return {measure.number: measure.control_date_needed for measure in page.context["page"]}


def test_the_plan_page_flags_items_before_and_after_they_are_under_control(client, coordinator, undated_plan):
    client.force_login(coordinator)
    expected = {
        number: number in UNDATED for number in ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"]
    }
    assert measures_flagged(client, undated_plan) == expected  # read from the periods
    services.control_items_sync(actor=coordinator, plan=undated_plan)
    assert measures_flagged(client, undated_plan) == expected  # read from the items under control
    undated = item(undated_plan, "1.3")
    services.item_set_control_date(
        actor=coordinator, item=undated, version=undated.version, control_date=TODAY, reason="Qərar"
    )
    assert measures_flagged(client, undated_plan) == {**expected, "1.3": False}
    measure_page = client.get(undated.measure.get_absolute_url())
    assert not measure_page.context["measure"].control_date_needed
    assert measure_page.context["status"].code != "undated"  # the panel's line, dated now


def test_the_public_sees_no_control_flags(client, undated_plan):
    """Anonymous visitors read the plan on the public portal, which shows no control at all."""
    Plan.objects.filter(pk=undated_plan.pk).update(visibility="public")
    with translation.override("en"):
        url = undated_plan.get_absolute_url()
    page = client.get(url, follow=True)
    assert page.redirect_chain
    assert page.status_code == 200
    assert "needs a control date" not in page.content.decode()
    assert "1.3" in page.content.decode()  # the measures are there, without their control


@pytest.mark.parametrize(
    ("role", "of_plan", "controlled"),
    [
        ("executor", 4, 0),
        ("other_executor", 4, 0),
        ("observer", 4, 4),  # the observer fixture works in the controlling Center
        ("other_coordinator", 4, 0),
        ("coordinator", 4, 4),
        ("admin_user", 4, 4),
    ],
)
def test_the_list_for_each_role(client, request, role, of_plan, controlled, undated_plan, opened):
    """A plan's list is the plan's, for every signed-in reader; without a plan, the items the
    reader's organisation controls (an administrator's: all)."""
    client.force_login(request.getfixturevalue(role))
    plan_list = client.get(f"{reverse('execution:undated')}?plan={undated_plan.code}")
    assert plan_list.context["page"].paginator.count == of_plan
    assert client.get(reverse("execution:undated")).context["page"].paginator.count == controlled
    assert client.get(f"{reverse('execution:undated')}?plan=NO-SUCH-PLAN").status_code == 404
