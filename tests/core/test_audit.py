import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from koordinat.core import audit
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
