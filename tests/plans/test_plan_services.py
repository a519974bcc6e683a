"""Registering and changing plans, measures and indicators by hand: the rules and their audit."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from koordinat.core.errors import ConcurrentEditError
from koordinat.core.models import AuditEvent
from koordinat.directory import services as directory_services
from koordinat.plans import services
from koordinat.plans.models import Measure, Plan
from tests.conftest import texts


def content(**overrides):
    values = {
        "text": texts("Dəyirmi masaların keçirilməsi", "Проведение круглых столов", "Holding round tables"),
        "expected_result": texts("Dialoq qurulub"),
        "deadline_text": "2021-2022-ci illər",
        "executors": [],
        "other_executors": texts(""),
    }
    values.update(overrides)
    return services.MeasureContent(**values)


def new_plan(actor, coordinator, **overrides):
    values = {
        "code": "NAP-2020",
        "kind": "national_action_plan",
        "title": texts("Milli Fəaliyyət Planı"),
        "period_start": datetime.date(2020, 1, 1),
        "period_end": datetime.date(2022, 12, 31),
        "coordinator": coordinator,
    }
    values.update(overrides)
    return services.plan_create(actor=actor, **values)


@pytest.fixture
def plan(coordinator, center):
    return new_plan(coordinator, center)


@pytest.fixture
def section(coordinator, plan):
    return services.measure_create(actor=coordinator, plan=plan, number="5", content=content())


def abolish(actor, organization):
    return directory_services.organization_abolish(
        actor=actor, organization=organization, version=organization.version, on=datetime.date(2025, 1, 1)
    )


def update_values(plan, **overrides):
    values = {
        "kind": plan.kind,
        "title": texts("Yeni ad", "Новое название", "New title"),
        "period_start": plan.period_start,
        "period_end": plan.period_end,
        "coordinator": plan.coordinator,
        "owning_body": None,
        "approved_by": plan.approved_by,
        "status": plan.status,
        "reporting_periodicity": plan.reporting_periodicity,
        "report_due_days": plan.report_due_days,
    }
    values.update(overrides)
    return values


@pytest.mark.parametrize("role", ["executor", "observer", "other_executor"])
def test_only_the_office_registers_plans_and_the_refusal_is_recorded(request, role, center):
    actor = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        new_plan(actor, center)
    assert not Plan.objects.exists()
    assert AuditEvent.objects.filter(action="plan.create", outcome="refused", actor=actor).exists()


def test_a_plan_in_force_needs_its_approving_act(coordinator, center, approving_act):
    with pytest.raises(ValidationError) as refused:
        new_plan(coordinator, center, status="in_force")
    assert "approved_by" in refused.value.message_dict
    plan = new_plan(coordinator, center, status="in_force", approved_by=approving_act)
    assert plan.approved_by == approving_act


def test_reserved_codes_are_refused(coordinator, center):
    with pytest.raises(ValidationError) as refused:
        new_plan(coordinator, center, code="new")
    assert "code" in refused.value.message_dict


def test_a_joint_plan_needs_two_parties_from_two_countries(coordinator, center, other_ministry, ministry):
    party = services.Party(country="AZ", lead=ministry, coordinator=center)
    with pytest.raises(ValidationError) as refused:
        new_plan(coordinator, center, kind="joint_action_plan", parties=[party])
    assert "parties" in refused.value.message_dict
    plan = new_plan(
        coordinator,
        center,
        kind="joint_action_plan",
        parties=[party, services.Party(country="UZ", lead=other_ministry, coordinator=other_ministry)],
    )
    assert sorted(plan.parties.values_list("country", flat=True)) == ["AZ", "UZ"]
    with pytest.raises(ValidationError):
        new_plan(coordinator, center, code="OTHER", parties=[party])  # an action plan has no parties


def test_plan_update_changes_fields_and_records_the_difference(coordinator, plan):
    updated = services.plan_update(actor=coordinator, plan=plan, version=plan.version, **update_values(plan))
    assert updated.title_en == "New title"
    assert updated.version == plan.version + 1
    event = AuditEvent.objects.filter(action="plan.update").latest("pk")
    assert event.data["changes"]["title_az"] == ["Milli Fəaliyyət Planı", "Yeni ad"]


def test_plan_update_refuses_a_stale_form(coordinator, plan):
    services.plan_update(actor=coordinator, plan=plan, version=plan.version, **update_values(plan))
    with pytest.raises(ConcurrentEditError):
        services.plan_update(
            actor=coordinator, plan=plan, version=plan.version, **update_values(plan, title=texts("Köhnə"))
        )
    assert Plan.objects.get().title_az == "Yeni ad"


def test_plan_status_follows_its_life_cycle(coordinator, plan, approving_act):
    with pytest.raises(ValidationError) as refused:
        services.plan_update(
            actor=coordinator, plan=plan, version=plan.version, **update_values(plan, status="completed")
        )
    assert "status" in refused.value.message_dict
    approved = services.plan_update(
        actor=coordinator,
        plan=plan,
        version=plan.version,
        **update_values(plan, status="approved", approved_by=approving_act),
    )
    assert approved.status == "approved"


def test_an_abolished_coordinator_cannot_take_a_plan(coordinator, plan, other_ministry):
    other_ministry = abolish(coordinator, other_ministry)
    with pytest.raises(ValidationError) as refused:
        services.plan_update(
            actor=coordinator,
            plan=plan,
            version=plan.version,
            **update_values(plan, coordinator=other_ministry),
        )
    assert "coordinator" in refused.value.message_dict


def test_measure_create_parses_the_period_and_orders_executors(coordinator, plan, section, executors):
    measure = services.measure_create(
        actor=coordinator,
        plan=plan,
        number="5.6",
        content=content(executors=[executors["agdam"], executors["eco"]], tags=["dialoq", " dialoq "]),
    )
    assert measure.parent == section
    assert (measure.deadline_kind, measure.deadline_start, measure.deadline_end) == (
        "year_range",
        datetime.date(2021, 1, 1),
        datetime.date(2022, 12, 31),
    )
    assert [(e.organization_id, e.role, e.plan_id) for e in measure.executors.order_by("position")] == [
        (executors["agdam"].pk, "lead", plan.pk),
        (executors["eco"].pk, "co", plan.pk),
    ]
    assert measure.tags == ["dialoq"]
    event = AuditEvent.objects.filter(action="measure.create").latest("pk")
    assert event.data["fields"]["executors"] == [executors["agdam"].pk, executors["eco"].pk]


@pytest.mark.parametrize(
    ("number", "code"), [("5.6.1", "no_parent"), ("5", "number_taken"), ("5,6", "not_a_number")]
)
def test_measure_create_refuses_bad_numbers(coordinator, plan, section, number, code):
    with pytest.raises(ValidationError) as refused:
        services.measure_create(actor=coordinator, plan=plan, number=number, content=content())
    (error,) = refused.value.error_dict["number"]
    assert error.code == code
    assert number in error.message
    assert Measure.objects.count() == 1


def test_measure_create_refuses_an_abolished_executor(coordinator, plan, section, other_ministry):
    other_ministry = abolish(coordinator, other_ministry)
    with pytest.raises(ValidationError) as refused:
        services.measure_create(
            actor=coordinator, plan=plan, number="5.1", content=content(executors=[other_ministry])
        )
    assert "executors" in refused.value.message_dict
    assert not Measure.objects.filter(number="5.1").exists()


def test_measure_update_records_executor_and_district_changes(coordinator, section, executors, district):
    updated = services.measure_update(
        actor=coordinator,
        measure=section,
        version=section.version,
        content=content(executors=[executors["energy"]], districts=[district], deadline_text="daimi"),
    )
    assert updated.deadline_kind == "continuous"
    assert list(updated.districts.all()) == [district]
    changes = AuditEvent.objects.filter(action="measure.update").latest("pk").data["changes"]
    assert changes["executors"] == [[], [executors["energy"].pk]]
    assert changes["districts"] == [[], [district.pk]]
    assert changes["deadline_text"] == ["2021-2022-ci illər", "daimi"]


def test_measure_update_keeps_an_abolished_executor_already_on_the_item(coordinator, section, other_ministry):
    section = services.measure_update(
        actor=coordinator,
        measure=section,
        version=section.version,
        content=content(executors=[other_ministry]),
    )
    other_ministry = abolish(coordinator, other_ministry)
    updated = services.measure_update(
        actor=coordinator,
        measure=section,
        version=section.version,
        content=content(executors=[other_ministry], deadline_text="hər il"),
    )
    assert updated.deadline_kind == "recurring"


def test_measure_update_refuses_a_stale_form(coordinator, section):
    services.measure_update(actor=coordinator, measure=section, version=section.version, content=content())
    with pytest.raises(ConcurrentEditError):
        services.measure_update(
            actor=coordinator,
            measure=section,
            version=section.version,
            content=content(deadline_text="daimi"),
        )
    assert Measure.objects.get().deadline_text == "2021-2022-ci illər"


def test_measure_update_is_refused_to_executors(executor, section):
    with pytest.raises(PermissionDenied):
        services.measure_update(actor=executor, measure=section, version=section.version, content=content())
    assert AuditEvent.objects.filter(action="measure.update", outcome="refused").exists()


def indicator_content(**overrides):
    values = {
        "name": texts("Keçirilmiş dəyirmi masalar", "Проведённые круглые столы", "Round tables held"),
        "unit": texts("ədəd"),
        "baseline": Decimal("0"),
        "baseline_year": 2020,
        "targets": {2021: Decimal("10"), 2022: Decimal("20")},
    }
    values.update(overrides)
    return services.IndicatorContent(**values)


def test_indicators_are_added_changed_and_removed_on_the_measure_history(coordinator, section):
    indicator = services.indicator_create(actor=coordinator, measure=section, content=indicator_content())
    assert list(indicator.targets.values_list("year", "value")) == [
        (2021, Decimal("10")),
        (2022, Decimal("20")),
    ]
    changed = services.indicator_update(
        actor=coordinator,
        indicator=indicator,
        version=indicator.version,
        content=indicator_content(targets={2022: Decimal("25")}),
    )
    assert list(changed.targets.values_list("year", flat=True)) == [2022]
    with pytest.raises(ConcurrentEditError):
        services.indicator_delete(actor=coordinator, indicator=changed, version=indicator.version)
    services.indicator_delete(actor=coordinator, indicator=changed, version=changed.version)
    assert not section.indicators.exists()
    actions = list(
        AuditEvent.objects.filter(target_type="plans.measure", target_id=str(section.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["measure.create", "indicator.create", "indicator.update", "indicator.delete"]
    update = AuditEvent.objects.get(action="indicator.update")
    assert update.data["changes"]["targets"] == [{"2021": "10", "2022": "20"}, {"2022": "25"}]


def test_legal_acts_are_not_registered_twice(coordinator, approving_act):
    with pytest.raises(ValidationError) as refused:
        services.legal_act_create(
            actor=coordinator, kind="order", number="1", date=approving_act.date, title=texts("Təkrar")
        )
    assert "number" in refused.value.message_dict


@pytest.mark.parametrize(
    ("deadline_text", "reading"),
    [
        ("ежегодно, до 1 марта", "every year, by 1 March"),
        ("mütəmadi", "continuous, with no single due date"),
        ("2026-cı ilin II rübü", ""),
    ],
)
def test_the_item_says_how_its_period_was_read(coordinator, plan, deadline_text, reading):
    measure = services.measure_create(
        actor=coordinator, plan=plan, number="1", content=content(deadline_text=deadline_text)
    )
    with translation.override("en"):
        assert measure.deadline_reading == reading
