"""Execution's and the plans' daily jobs: overdue items marked once, interrupted runs finished without
a second effect, abandoned uploads deleted."""

import datetime
import os
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from koordinat.core.models import AuditEvent
from koordinat.execution import services
from koordinat.execution.models import ControlItem, Evidence, evidence_storage
from koordinat.execution.services import items
from koordinat.jobs import effects
from koordinat.jobs.models import Lease
from koordinat.jobs.schedule import run_daily_job
from koordinat.plans import services as plans_services
from koordinat.plans.models import PlanImport
from tests.jobs.workers import make_worker

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 7, 15)


@pytest.fixture
def late_items(cycle):
    """Two items past their control dates on DAY (1.1 by its period; 1.2 given one)."""
    items = list(ControlItem.objects.filter(measure__number__in=["1.1", "1.2"]).order_by("pk"))
    ControlItem.objects.filter(pk=items[1].pk).update(control_date=datetime.date(2026, 7, 1))
    return items


def overdue_events():
    """(item id, control date) of each overdue event, by item: ids compared as numbers, not as the
    text the audit row keeps them in ("10" before "9")."""
    return sorted(
        AuditEvent.objects.filter(action="item.overdue").values_list("target_id", "data__control_date"),
        key=lambda event: (int(event[0]), event[1]),
    )


def test_an_item_is_marked_overdue_once_per_control_date(late_items):
    first, second = late_items
    assert services.record_overdue_items(day=DAY) == 2
    assert services.record_overdue_items(day=DAY + datetime.timedelta(days=1)) == 0
    assert overdue_events() == [(str(first.pk), "2026-06-30"), (str(second.pk), "2026-07-01")]
    # Given a later date, and late again: a second mark for the new date.
    ControlItem.objects.filter(pk=first.pk).update(control_date=datetime.date(2026, 7, 20))
    assert services.record_overdue_items(day=datetime.date(2026, 7, 21)) == 1
    assert (str(first.pk), "2026-07-20") in overdue_events()


def test_items_not_yet_late_on_the_day_are_not_marked(late_items):
    assert services.record_overdue_items(day=datetime.date(2026, 7, 1)) == 1  # 1.2 is due that day
    assert services.record_overdue_items(day=datetime.date(2026, 6, 30)) == 0


class Killed(BaseException):
    """The worker's process dying: nothing in the job's own code sees it coming."""


@pytest.mark.django_db(transaction=True)
def test_a_job_killed_mid_way_runs_again_with_no_second_effect(queue, late_items, monkeypatch):
    """The overdue job marks items in batches; its worker dies after the first batch committed."""
    job = run_daily_job.enqueue(job="koordinat.execution.jobs.mark_overdue_items", day=DAY.isoformat())
    claim = effects.once_each
    batches = []

    def dies_after_the_first_batch(keys):
        if batches:
            raise Killed
        batches.append(claim(keys))
        return batches[-1]

    monkeypatch.setattr(effects, "once_each", dies_after_the_first_batch)
    monkeypatch.setattr(items, "OVERDUE_BATCH", 1)
    dying = make_worker("dying")
    row = dying.claim_next()
    with pytest.raises(Killed):  # the process would be gone: no one marks the job done or failed
        row.task.call(*row.task_result.args, **row.task_result.kwargs)
    assert len(overdue_events()) == 1
    assert DBTaskResult.objects.get(pk=job.id).status == "RUNNING"
    monkeypatch.setattr(effects, "once_each", claim)

    Lease.objects.filter(result_id=job.id).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    survivor = make_worker("survivor")
    survivor.reclaim_expired()
    DBTaskResult.objects.filter(pk=job.id).update(run_after=timezone.now())
    survivor.run_task(survivor.claim_next())

    row = DBTaskResult.objects.get(pk=job.id)
    assert (row.status, row.worker_ids) == ("SUCCESSFUL", ["dying", "survivor"])
    assert row.return_value == {"marked": 1}  # only the item the first run had not marked
    first, second = late_items
    assert overdue_events() == [(str(first.pk), "2026-06-30"), (str(second.pk), "2026-07-01")]


def aged(storage, name: str, days: int) -> str:
    """Make the file `name` look `days` days old."""
    moment = (timezone.now() - datetime.timedelta(days=days)).timestamp()
    os.utime(storage.path(name), (moment, moment))
    return name


def upload(coordinator, *, days_old: int, status: str = PlanImport.Status.PENDING) -> PlanImport:
    pending = PlanImport(
        token=uuid.uuid4(), filename="plan.xlsx", plan_code="EQ-1", status=status, created_by=coordinator
    )
    pending.file.save("plan.xlsx", ContentFile(b"plan"), save=False)
    pending.save()
    PlanImport.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_old)
    )
    aged(default_storage, pending.file.name, days_old)
    return pending


def test_plan_files_never_imported_are_deleted_after_the_age_set(
    coordinator, settings, django_capture_on_commit_callbacks
):
    settings.KOORDINAT_ABANDONED_UPLOAD_DAYS = 7
    abandoned = upload(coordinator, days_old=8)
    recent = upload(coordinator, days_old=2)
    imported = upload(coordinator, days_old=30, status=PlanImport.Status.COMMITTED)
    unheld = aged(default_storage, default_storage.save("imports/lost/plan.docx", ContentFile(b"x")), 9)
    with django_capture_on_commit_callbacks(execute=True):
        assert plans_services.purge_abandoned_imports(day=timezone.localdate()) == 2
    assert set(PlanImport.objects.values_list("pk", flat=True)) == {recent.pk, imported.pk}
    assert not default_storage.exists(abandoned.file.name)
    assert not default_storage.exists(unheld)
    assert default_storage.exists(recent.file.name)
    assert default_storage.exists(imported.file.name)
    event = AuditEvent.objects.get(action="plan.import_purge")
    assert (event.target_id, event.data["file"]) == (str(abandoned.pk), "plan.xlsx")
    assert plans_services.purge_abandoned_imports(day=timezone.localdate()) == 0


def test_evidence_files_no_report_holds_are_deleted_after_the_age_set(lead_report, executor, settings):
    settings.KOORDINAT_ABANDONED_UPLOAD_DAYS = 7
    storage = evidence_storage()
    held = Evidence(report=lead_report, title="Akt", added_by=executor, added_at=timezone.now())
    held.file.save("akt.pdf", ContentFile(b"%PDF-1.4"), save=False)
    held.save()
    aged(storage, held.file.name, 30)
    unheld = aged(storage, storage.save("ab/abandoned", ContentFile(b"x")), 8)
    fresh = storage.save("cd/being-attached", ContentFile(b"x"))
    assert services.purge_unheld_evidence_files(day=timezone.localdate()) == 1
    assert not storage.exists(unheld)
    assert storage.exists(held.file.name)
    assert storage.exists(fresh)
    assert AuditEvent.objects.get(action="evidence.purge").data["files"] == 1
