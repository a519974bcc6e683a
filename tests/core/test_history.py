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
