"""A plan's own reminder ladder: set on its edit form through plan_update, checked, audited."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from koordinat.core.models import AuditEvent
from koordinat.plans import services
from koordinat.plans.models import Plan
from koordinat.plans.reminders import Ladder

from .test_edit_views import plan_form_data


@pytest.fixture
def plan(coordinator, center):
    return services.plan_create(
        actor=coordinator,
        code="NAP-2020",
        kind="national_action_plan",
        title={"az": "Milli Fəaliyyət Planı"},
        period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        coordinator=center,
    )


def edit(client, plan, center, **fields):
    data = plan_form_data(center, version=str(plan.version), **fields)
    data.pop("code")
    return client.post(reverse("plans:plan_edit", args=[plan.code]), data)


def test_the_plans_own_ladder_is_saved_shown_and_audited(client, coordinator, center, plan):
    client.force_login(coordinator)
    response = edit(
        client,
        plan,
        center,
        reminders_before="15, 5",
        reminders_overdue="2; 10",
        escalate_to_head="2",
        escalate_to_controller="10",
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.reminder_ladder == {"before": [15, 5], "overdue": [2, 10], "head": 2, "controller": 10}
    event = AuditEvent.objects.filter(action="plan.update").latest("pk")
    assert event.data["changes"]["reminder_ladder"] == [None, plan.reminder_ladder]
    form = client.get(reverse("plans:plan_edit", args=[plan.code])).context["form"]
    assert (form.initial["reminders_before"], form.initial["escalate_to_controller"]) == ("15, 5", 10)


def test_a_partly_filled_ladder_takes_the_installations_other_values(client, coordinator, center, plan):
    client.force_login(coordinator)
    assert edit(client, plan, center, reminders_before="5").status_code == 302
    plan.refresh_from_db()
    assert plan.reminder_ladder == {"before": [5], "overdue": [1, 7], "head": 1, "controller": 7}
    plan.refresh_from_db()
    assert edit(client, plan, center).status_code == 302  # all four empty: the installation's again
    plan.refresh_from_db()
    assert plan.reminder_ladder is None


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"reminders_before": "ten"},
            "reminders_before",
            "Write whole numbers of working days separated by commas, for example 10, 3.",
        ),
        (
            {"reminders_overdue": "0, 7"},
            "reminders_overdue",
            "Give numbers of working days from 1 to 60, separated by commas, for example 10, 3.",
        ),
        ({"reminders_before": "3, 3"}, "reminders_before", "Give each number of working days once."),
        (
            {"escalate_to_head": "5", "escalate_to_controller": "2"},
            "escalate_to_controller",
            "The controller is told after the head: give at least 5 working days.",
        ),
    ],
)
def test_a_wrong_ladder_is_refused_on_its_field(client, coordinator, center, plan, fields, field, message):
    client.force_login(coordinator)
    with translation.override("en"):
        response = edit(client, plan, center, **fields)
        assert response.status_code == 400
        assert response.context["form"].errors[field] == [message]
    assert f'href="#id_{field}"' in response.content.decode()
    plan.refresh_from_db()
    assert plan.reminder_ladder is None


def test_the_refusal_is_in_the_readers_language(client, coordinator, center, plan):
    client.force_login(coordinator)
    with translation.override("ru"):
        response = edit(client, plan, center, reminders_overdue="0")
        assert response.context["form"].errors["reminders_overdue"] == [
            "Укажите числа рабочих дней от 1 до 60 через запятую, например 10, 3."
        ]


def test_the_service_checks_a_ladder_it_is_given(coordinator, plan):
    with pytest.raises(ValidationError) as refused:
        services.plan_update(
            actor=coordinator,
            plan=plan,
            version=plan.version,
            kind=plan.kind,
            title={"az": plan.title_az},
            period_start=plan.period_start,
            period_end=plan.period_end,
            coordinator=plan.coordinator,
            owning_body=None,
            approved_by=None,
            status=plan.status,
            reporting_periodicity=plan.reporting_periodicity,
            report_due_days=plan.report_due_days,
            reminder_ladder={"before": [3], "overdue": [1], "head": 0, "controller": 1},
        )
    assert set(refused.value.message_dict) == {"escalate_to_head"}
    assert Plan.objects.get(pk=plan.pk).reminder_ladder is None


def test_a_ladder_reads_its_steps_in_order():
    ladder = Ladder.from_json({"before": [3, 10], "overdue": [7, 1], "head": 1, "controller": 7})
    assert ladder.offsets == [-10, -3, 0, 1, 7]
    assert ladder.as_json() == {"before": [10, 3], "overdue": [1, 7], "head": 1, "controller": 7}
