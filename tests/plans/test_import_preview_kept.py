"""An upload's preview is parsed once and kept with it; every page view reads the kept one (issue #11, 6)."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from koordinat.core.models import AuditEvent
from koordinat.plans import services
from koordinat.plans.importing import pipeline
from koordinat.plans.importing.matching import OrganizationIndex
from koordinat.plans.importing.preview import build_preview, dump_preview, load_preview, with_choices
from koordinat.plans.importing.readers import read_tables
from koordinat.plans.models import Measure, Plan, PlanImport

from .files import AZ_HEADER, xlsx_bytes
from .test_upload_limits import zip_bomb

ROWS = [
    AZ_HEADER,
    ["1", "Ekoloji monitorinq", "", "", ""],
    ["1.1", "Şəbəkə", "ETSN; Kosmik Agentlik", "2026-cı ilin II rübü", "Şəbəkə qurulub"],
    ["1.2", "Bərpa", "ETSN; Kosmik Agentlik", "2026-cı ilin II rübü", ""],
    ["1.3", "Hesabat", "Kosmik Agentlik", "tezliklə", ""],
]


@pytest.fixture
def parses(monkeypatch):
    """How many times a plan file was parsed."""
    calls = []
    real = pipeline.open_tables

    def counted(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "open_tables", counted)
    return calls


def upload(client, rows=ROWS, code="NEW-1", name="plan.xlsx", data=None):
    return client.post(
        reverse("plans:import"),
        {
            "file": SimpleUploadedFile(name, data if data is not None else xlsx_bytes(rows)),
            "plan": code,
            "kind": "action_plan",
        },
    )


def test_the_preview_is_parsed_once_at_upload_and_then_read_as_kept(client, coordinator, executors, parses):
    client.force_login(coordinator)
    response = upload(client)
    assert parses == ["plan.xlsx"]
    url = response["Location"]
    first, second = client.get(url), client.get(url)
    assert first.status_code == second.status_code == 200
    assert "Kosmik Agentlik" in second.content.decode()
    assert second.context["preview"].to_json() == first.context["preview"].to_json()
    form = second.context["form"]
    (field,) = [name for name in form.fields if name.startswith("executor_")]
    choosing = client.post(url, {"check": "1", field: str(executors["energy"].pk)})
    assert choosing.status_code == 200
    assert choosing.context["preview"].is_clean
    assert parses == ["plan.xlsx"]  # three views and a choice later, still the one parse at upload
    done = client.post(url, {"commit": "1", field: str(executors["energy"].pk)})
    assert done.status_code == 302
    assert parses == ["plan.xlsx"]
    measure = Measure.objects.get(plan__code="NEW-1", number="1.1")
    assert [e.organization_id for e in measure.executors.order_by("position")] == [
        executors["eco"].pk,
        executors["energy"].pk,
    ]
    assert PlanImport.objects.get().preview is None  # not kept past the commit


def test_the_page_in_another_language_parses_once_more_and_keeps_that(client, coordinator, executors, parses):
    client.force_login(coordinator)
    url = upload(client)["Location"]
    russian = url.replace("/az/", "/ru/", 1)
    assert "Исполнителя «Kosmik Agentlik» нет в справочнике" in client.get(russian).content.decode()
    assert client.get(russian).status_code == 200
    assert len(parses) == 2
    assert PlanImport.objects.get().preview["language"] == "ru"


def test_other_columns_make_the_kept_preview_stale(coordinator, executors, parses):
    pending = services.plan_import_start(
        actor=coordinator, upload=SimpleUploadedFile("plan.xlsx", xlsx_bytes(ROWS)), plan_code="NEW-1"
    )
    assert services.pending_import_preview(pending=pending, plan=None).mapping["executors"] == 2
    pending.columns = {"mapping": {"number": 0, "text": 1, "executors": 4}}
    preview = services.pending_import_preview(pending=pending, plan=None)
    assert preview.mapping == {"number": 0, "text": 1, "executors": 4}
    assert len(parses) == 2
    pending.refresh_from_db()
    assert pending.preview["mapping"] == {"number": 0, "text": 1, "executors": 4}


def test_the_differences_are_those_from_the_plan_as_it_is_now(coordinator, executors, center):
    pending = services.plan_import_start(
        actor=coordinator, upload=SimpleUploadedFile("plan.xlsx", xlsx_bytes(ROWS)), plan_code="NEW-1"
    )
    assert services.pending_import_preview(pending=pending, plan=None).changes == {}
    result = services.plan_import_into(
        actor=coordinator,
        code="NEW-1",
        preview=preview_of(ROWS[:2]),
        new_plan=new_plan(center),
    )
    preview = services.pending_import_preview(pending=pending, plan=result.plan)
    assert preview.changes["added"] == ["1.1", "1.2", "1.3"]


def preview_of(rows, **kwargs):
    data = xlsx_bytes(rows)
    return build_preview(
        read_tables(io.BytesIO(data), "plan.xlsx"),
        filename="plan.xlsx",
        index=OrganizationIndex.build(),
        **kwargs,
    )


def new_plan(center):
    import datetime

    return {
        "kind": "action_plan",
        "title": {"az": "Plan"},
        "period_start": datetime.date(2026, 1, 1),
        "period_end": datetime.date(2026, 12, 31),
        "coordinator": center,
    }


def test_a_kept_preview_reads_back_as_built_and_as_compact(executors):
    built = preview_of(ROWS)
    loaded = load_preview(dump_preview(built))
    assert loaded.to_json() == built.to_json()
    assert loaded.all_problems == built.all_problems
    assert loaded.rows[1].executors is loaded.rows[2].executors  # one list for the repeated cell
    assert loaded.rows[1].deadline is loaded.rows[2].deadline


def test_choices_applied_to_a_kept_preview_give_what_a_fresh_build_gives(executors):
    choices = {"Kosmik Agentlik": executors["agdam"].pk}
    fresh = preview_of(ROWS, executor_choices=choices)
    applied = with_choices(load_preview(dump_preview(preview_of(ROWS))), choices)
    assert applied.to_json() == fresh.to_json()
    assert applied.is_clean
    assert applied.unmatched == []
    assert applied.rows[1].executors is applied.rows[2].executors


def test_the_preview_page_runs_as_many_queries_for_200_rows_as_for_20(client, coordinator, executors):
    client.force_login(coordinator)

    def queries(count: int) -> int:
        rows = [AZ_HEADER] + [[str(n), f"Tədbir {n}", "ETSN", "2026", ""] for n in range(1, count + 1)]
        url = upload(client, rows, code=f"QC-{count}")["Location"]
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries(200) == queries(20)


def test_a_file_past_the_limits_is_refused_at_upload_and_not_kept(client, coordinator, settings):
    client.force_login(coordinator)
    with translation.override("en"):
        response = upload(client, name="bomb.xlsx", data=zip_bomb(name="xl/workbook.xml"))
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_file"' in page
    assert "bomb.xlsx unpacks to 200 MB, more than the 100 MB allowed; it was not opened." in page
    assert not PlanImport.objects.exists()
    assert not list(Path(settings.KOORDINAT_PRIVATE_DIR).rglob("bomb*"))
    assert not Plan.objects.exists()
    event = AuditEvent.objects.get(action="plan.import_upload")
    assert (event.outcome, event.actor_id, event.data["file"]) == ("refused", coordinator.pk, "bomb.xlsx")


def test_an_upload_is_committed_once_even_when_confirmed_twice(coordinator, executors):
    pending = services.plan_import_start(
        actor=coordinator,
        upload=SimpleUploadedFile("plan.xlsx", xlsx_bytes(ROWS[:2])),
        plan_code="NEW-1",
    )
    stale = PlanImport.objects.get(pk=pending.pk)  # what a second request, at the same time, holds
    preview = services.pending_import_preview(pending=pending, plan=None)
    arguments = {"preview": preview, "create_missing": False, "new_plan": new_plan(coordinator.organization)}
    services.plan_import_finish(actor=coordinator, pending=pending, **arguments)
    with translation.override("en"), pytest.raises(ValidationError, match="already imported"):
        services.plan_import_finish(actor=coordinator, pending=stale, **arguments)
    assert Measure.objects.filter(plan__code="NEW-1").count() == 1
    assert AuditEvent.objects.filter(action="plan.import").count() == 1
