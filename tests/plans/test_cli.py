import json
import sys

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from koordinat.core.models import AuditEvent
from koordinat.directory.models import Organization
from koordinat.plans.models import Measure, Plan

from .files import AZ_HEADER, docx_bytes, xlsx_bytes


@pytest.fixture
def plan_file(tmp_path, executors):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(
        xlsx_bytes(
            [
                AZ_HEADER,
                ["1", "Ekoloji monitorinq", "", "", ""],
                ["1.1", "Şəbəkə", "ETSN; Energetika Nazirliyi", "2026-cı ilin II rübü", ""],
                ["1.2", "Bərpa", "Kosmik Agentlik", "mütəmadi", ""],
            ]
        )
    )
    return path


def test_dry_run_prints_the_preview_as_json_and_saves_nothing(plan_file, coordinator, capsys):
    with pytest.raises(CommandError, match="Import refused"):
        call_command(
            "import-plan",
            str(plan_file),
            "--plan",
            "NEW-1",
            "--dry-run",
            "--format",
            "json",
            "--user",
            coordinator.email,
        )
    preview = json.loads(capsys.readouterr().out)
    assert [row["number"] for row in preview["rows"]] == ["1", "1.1", "1.2"]
    row = preview["rows"][1]
    assert row["deadline"]["kind"] == "quarter"
    assert row["deadline"]["start"] == "2026-04-01"
    assert row["executors"][0]["organization"] is not None
    assert preview["rows"][2]["executors"][0]["organization"] is None
    assert preview["unmatched_executors"] == ["Kosmik Agentlik"]
    assert not Plan.objects.filter(code="NEW-1").exists()


def test_create_missing_imports_and_lists_the_new_organisations(plan_file, coordinator, capsys):
    call_command(
        "import-plan",
        str(plan_file),
        "--plan",
        "NEW-1",
        "--title",
        "Yeni plan",
        "--create-missing",
        "--user",
        coordinator.email,
    )
    plan = Plan.objects.get(code="NEW-1")
    assert plan.title_az == "Yeni plan"
    assert Measure.objects.filter(plan=plan).count() == 3
    assert Organization.objects.filter(name_az="Kosmik Agentlik").exists()
    assert "Created organisation" in capsys.readouterr().err


def test_dry_run_of_a_clean_file_exits_zero(tmp_path, executors, coordinator, capsys):
    path = tmp_path / "plan.docx"
    path.write_bytes(docx_bytes([AZ_HEADER, ["1", "Tədbir", "Energetika Nazirliyi", "2027", ""]]))
    call_command("import-plan", str(path), "--plan", "NEW-2", "--dry-run", "--user", coordinator.email)
    assert not Plan.objects.filter(code="NEW-2").exists()
    assert "Dry run" in capsys.readouterr().err


def test_the_console_command_exits_non_zero_when_refused(tmp_path, coordinator, monkeypatch):
    from koordinat import manage

    path = tmp_path / "notes.docx"
    path.write_bytes(b"not a document")
    monkeypatch.setattr(
        sys, "argv", ["koordinat", "import-plan", str(path), "--plan", "X", "--user", coordinator.email]
    )
    with pytest.raises(SystemExit) as exit_info:
        manage.main()
    assert exit_info.value.code == 1


def test_bad_columns_option_is_explained(plan_file, coordinator):
    with pytest.raises(CommandError, match="--columns"):
        call_command(
            "import-plan",
            str(plan_file),
            "--plan",
            "X",
            "--columns",
            "number=one",
            "--user",
            coordinator.email,
        )


@pytest.mark.parametrize(
    ("failure", "message", "returncode"),
    [
        (KeyboardInterrupt(), "Import interrupted: nothing was saved.", 130),
        (ValidationError("Bir problem."), "Import refused: Bir problem.", 1),
        (OperationalError("disk I/O error"), "Import failed: nothing was saved (disk I/O error).", 1),
    ],
    ids=["interrupted", "refused", "crashed"],
)
def test_an_import_stopped_half_way_leaves_no_plan_behind(
    plan_file, coordinator, monkeypatch, failure, message, returncode
):
    """The plan is created with the import, in one transaction: stopped after its items are written
    (and the organisations --create-missing made), nothing of it remains."""
    from koordinat.plans import services

    events = AuditEvent.objects.count()
    organizations = Organization.objects.count()

    def stop(**kwargs):
        assert Measure.objects.filter(plan__code="NEW-1").count() == 3  # half-way indeed
        raise failure

    monkeypatch.setattr(services.imports.audit, "record_many", stop)
    with pytest.raises(CommandError) as refused:
        call_command(
            "import-plan", str(plan_file), "--plan", "NEW-1", "--create-missing", "--user", coordinator.email
        )
    assert (str(refused.value), refused.value.returncode) == (message, returncode)
    assert not Plan.objects.filter(code="NEW-1").exists()
    assert not Measure.objects.exists()
    assert Organization.objects.count() == organizations
    assert AuditEvent.objects.count() == events


def test_the_console_command_exits_130_when_interrupted(plan_file, coordinator, monkeypatch, capsys):
    from koordinat import manage
    from koordinat.plans import services

    def interrupt(**kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(services.imports, "plan_import_commit", interrupt)
    monkeypatch.setattr(
        sys,
        "argv",
        [
            "koordinat",
            "import-plan",
            str(plan_file),
            "--plan",
            "NEW-1",
            "--create-missing",
            "--user",
            coordinator.email,
        ],
    )
    with pytest.raises(SystemExit) as exit_info:
        manage.main()
    assert exit_info.value.code == 130
    assert "Import interrupted: nothing was saved." in capsys.readouterr().err
