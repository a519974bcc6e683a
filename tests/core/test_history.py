from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from koordinat.core.models import AuditEvent
from koordinat.core.templatetags.koordinat import history_rows
from koordinat.directory import services
from tests.conftest import texts


def test_history_shows_names_and_labels_not_ids_and_codes(coordinator, ministry):
    unit = services.organization_create(
        actor=coordinator,
        kind="state_agency",
        name=texts("Meşə xidməti", "Лесная служба", "Forest Service"),
        parent=ministry,
    )
    services.organization_update(
        actor=coordinator,
        organization=unit,
        version=unit.version,
        kind="public_legal_entity",
        name=texts("Meşə xidməti", "Лесная служба", "Forest Service"),
        short_name=texts(""),
        abbreviation=texts(""),
        parent=None,
        country="AZ",
    )
    events = AuditEvent.objects.filter(target_id=str(unit.pk), target_type="directory.organization").order_by(
        "-pk"
    )
    with translation.override("en"):
        update, create = history_rows(events)
        updated = {(c.label, str(c.old), str(c.new)) for c in update.changes}
        created = {(c.label, str(c.old), str(c.new)) for c in create.changes}
    assert update.label == "Changed"
    assert updated == {
        ("kind", "state agency or service", "public legal entity"),
        ("parent organisation", ministry.name_en, "None"),
    }
    assert ("full name (en)", "None", "Forest Service") in created
    assert not any(label == "full name (ru)" for label, _old, _new in created)


def test_history_resolves_names_in_a_fixed_number_of_queries(coordinator, make_organization):
    parents = [make_organization() for _ in range(5)]
    for parent in parents:
        services.organization_create(
            actor=coordinator, kind="state_agency", name=texts("Bölmə"), parent=parent
        )
    with CaptureQueriesContext(connection) as queries:
        rows = history_rows(AuditEvent.objects.order_by("-pk"))
    assert len(rows) == AuditEvent.objects.count()
    assert len(queries) == 2  # the events, then one query for all the organisations they name


def test_refused_attempts_are_labelled(other_executor, ministry):
    import pytest
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.organization_abolish(
            actor=other_executor,
            organization=ministry,
            version=ministry.version,
            on=ministry.created_at.date(),
        )
    with translation.override("en"):
        (row,) = history_rows(AuditEvent.objects.filter(outcome="refused"))
    assert row.label == "Refused: Abolished"


def test_history_names_the_executors_and_parties_it_changed(coordinator, center, ministry, other_ministry):
    import datetime

    from koordinat.plans import services as plans_services

    party = plans_services.Party
    plan = plans_services.plan_create(
        actor=coordinator,
        code="JOINT",
        kind="joint_action_plan",
        title=texts("Birgə plan"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 12, 31),
        coordinator=center,
        parties=[party("AZ", ministry, center), party("UZ", other_ministry, other_ministry)],
    )
    measure = plans_services.measure_create(
        actor=coordinator,
        plan=plan,
        number="1",
        content=plans_services.MeasureContent(
            text=texts("Birgə təlim"),
            expected_result=texts(""),
            deadline_text="2026",
            executors=[ministry, other_ministry],
            other_executors=texts(""),
        ),
    )
    with translation.override("en"):
        (plan_row,) = history_rows(
            AuditEvent.objects.filter(target_type="plans.plan", target_id=str(plan.pk))
        )
        (measure_row,) = history_rows(
            AuditEvent.objects.filter(target_type="plans.measure", target_id=str(measure.pk))
        )
        names = {organization: organization.name for organization in (ministry, other_ministry, center)}
    shown = {c.label: str(c.new) for c in plan_row.changes}
    assert shown["Parties"] == (
        f"AZ: {names[ministry]}, {names[center]}; UZ: {names[other_ministry]}, {names[other_ministry]}"
    )
    executors = {c.label: str(c.new) for c in measure_row.changes}["Executors"]
    assert executors == f"{names[ministry]}, {names[other_ministry]}"
