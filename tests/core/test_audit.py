import datetime
import decimal
import itertools

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koordinat.core import audit, bulk
from koordinat.core.models import AuditEvent
from koordinat.directory.models import Organization


def test_each_event_chains_onto_the_previous_hash(admin_user, make_organization):
    make_organization()
    make_organization()
    first, second = AuditEvent.objects.order_by("pk")[:2]
    assert first.prev_hash == audit.GENESIS
    assert second.prev_hash == first.hash
    assert second.hash == audit.chain_hash(first.hash, second)


def test_verify_holds_on_an_untouched_chain(make_organization, capsys):
    for _ in range(3):
        make_organization()
    checked, broken = audit.verify()
    assert (checked, broken) == (AuditEvent.objects.count(), None)
    call_command("audit", "verify")
    assert "Audit chain holds: 3 events verified." in capsys.readouterr().out


def test_changing_one_row_by_hand_is_named_by_verify(make_organization):
    for _ in range(4):
        make_organization()
    tampered = AuditEvent.objects.order_by("pk")[2]
    AuditEvent.objects.filter(pk=tampered.pk).update(target_label="Forged name")
    with pytest.raises(CommandError, match=rf"broken at event #{tampered.pk}: contents") as excinfo:
        call_command("audit", "verify")
    assert excinfo.value.returncode == 1  # `koordinat audit verify` exits with this status


def test_deleting_a_row_breaks_the_next_link(make_organization):
    for _ in range(3):
        make_organization()
    middle = AuditEvent.objects.order_by("pk")[1]
    AuditEvent.objects.filter(pk=middle.pk).delete()
    checked, broken = audit.verify()
    assert broken is not None
    assert broken.event_id == middle.pk + 1
    assert checked == 1


def test_event_is_rolled_back_with_the_change(admin_user):
    from django.db import transaction

    from koordinat.directory import services

    def create_then_fail() -> None:
        with transaction.atomic():
            services.organization_create(actor=admin_user, kind="ministry", name={"az": "Müvəqqəti"})
            raise RuntimeError("the caller fails after the service returned")

    with pytest.raises(RuntimeError):
        create_then_fail()
    assert not Organization.objects.filter(name_az="Müvəqqəti").exists()
    assert not AuditEvent.objects.filter(action="organization.create").exists()


def test_diff_lists_only_changed_fields():
    assert audit.diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b": [2, 3], "c": [None, 4]}


def test_the_koordinat_command_exits_non_zero_and_names_the_row(make_organization, monkeypatch, capsys):
    import sys

    from koordinat import manage

    for _ in range(3):
        make_organization()
    tampered = AuditEvent.objects.order_by("pk")[1]
    AuditEvent.objects.filter(pk=tampered.pk).update(data={"fields": {"name_az": "Saxta"}})
    monkeypatch.setattr(sys, "argv", ["koordinat", "audit", "verify"])
    with pytest.raises(SystemExit) as exit_info:
        manage.main()
    assert exit_info.value.code == 1
    assert f"Audit chain broken at event #{tampered.pk}" in capsys.readouterr().err


def test_the_koordinat_command_exits_zero_on_an_intact_chain(make_organization, monkeypatch, capsys):
    import sys

    from koordinat import manage

    make_organization()
    monkeypatch.setattr(sys, "argv", ["koordinat", "audit", "verify"])
    manage.main()
    assert "Audit chain holds: 1 events verified." in capsys.readouterr().out


def test_record_many_chains_every_entry_onto_the_one_before(admin_user, make_organization):
    """The bulk path (COPY on PostgreSQL, executemany on SQLite) spells out the hashed payload
    itself: verify() recomputes it the long way from what was stored."""
    organization = make_organization()
    last = AuditEvent.objects.order_by("-pk").first()
    tricky = {
        "date": datetime.date(2026, 3, 1),
        "amount": decimal.Decimal("12.50"),
        "pair": ("a", 1),
        "nested": {"b": [None, True, 1.5], "a": 'ə "quoted" \\ ünicode \n'},
    }
    entries = (
        (target, {"n": n, **tricky})
        for n, target in enumerate(
            [organization, audit.Target("plans.measure", "77", "5.6. Dialoq platforması " + "x" * 600)] * 3
        )
    )
    assert audit.record_many(actor=admin_user, action="test.bulk", entries=entries) == 6
    events = list(AuditEvent.objects.filter(action="test.bulk").order_by("pk"))
    assert [event.pk for event in events] == list(range(last.pk + 1, last.pk + 7))
    assert events[0].prev_hash == last.hash
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(events))
    assert (events[0].target_type, events[0].target_id) == ("directory.organization", str(organization.pk))
    assert (events[1].target_type, events[1].target_id, len(events[1].target_label)) == (
        "plans.measure",
        "77",
        500,
    )
    assert (events[0].actor_id, events[0].actor_label) == (admin_user.pk, admin_user.get_username())
    assert events[5].data == {
        "n": 5,
        "date": "2026-03-01",
        "amount": "12.50",
        "pair": ["a", 1],
        "nested": {"b": [None, True, 1.5], "a": 'ə "quoted" \\ ünicode \n'},
    }
    assert audit.verify() == (AuditEvent.objects.count(), None)


def test_record_many_writes_its_rows_in_one_statement(admin_user):
    with CaptureQueriesContext(connection) as captured:
        audit.record_many(
            actor=admin_user,
            action="test.bulk",
            entries=((audit.Target("plans.measure", str(n), f"{n}."), {}) for n in range(50)),
        )
    writes = [
        query["sql"]
        for query in captured
        if "core_auditevent" in query["sql"] and "SELECT" not in query["sql"]
    ]
    expected = "COPY" if connection.vendor == "postgresql" else "INSERT INTO"
    assert len(writes) == 1
    assert expected in writes[0]  # executemany is logged as "? times: INSERT INTO ..."
    assert AuditEvent.objects.filter(action="test.bulk").count() == 50


def test_record_many_with_nothing_to_record_does_not_touch_the_database(admin_user):
    with CaptureQueriesContext(connection) as captured:
        assert audit.record_many(actor=admin_user, action="test.bulk", entries=iter(())) == 0
    assert not captured


def test_bulk_insert_gives_the_other_columns_their_defaults(make_organization):
    """Columns left out get what the ORM would save for a new row: defaults and `auto_now` times."""
    from koordinat.plans.models import Executor, Measure, Plan

    plan = Plan.objects.create(
        code="B-1",
        kind="action_plan",
        title_az="Plan",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        coordinator=make_organization(),
    )
    bulk.bulk_insert(Measure, ["plan_id", "number", "sort_key", "text_az"], [(plan.pk, "1", "00001", "Bir")])
    measure = Measure.objects.get(plan=plan)
    assert (measure.version, measure.tags, measure.other_executors, measure.budget) == (1, [], "", None)
    assert None not in (measure.created_at, measure.updated_at)
    with pytest.raises(ValueError, match="no columns nonsense"):
        bulk.bulk_insert(Executor, ["nonsense"], [])


def test_require_records_a_refusal_against_the_target_and_raises(admin_user, executor, make_organization):
    from django.core.exceptions import PermissionDenied

    organization = make_organization("Gənclər və İdman Nazirliyi")
    audit.require(lambda user, target: user.is_superuser, admin_user, organization, action="demo.allowed")
    assert not AuditEvent.objects.filter(action="demo.allowed").exists()  # allowed: nothing recorded
    with pytest.raises(PermissionDenied):
        audit.require(lambda user, target: user.is_superuser, executor, organization, action="demo.refused")
    refusal = AuditEvent.objects.get(action="demo.refused")
    assert (refusal.outcome, refusal.actor, refusal.target_id) == ("refused", executor, str(organization.pk))
