"""The official execution report of a 1,000-measure plan at national scale, as PDF and as DOCX.

The scale plans have 5,000 measures each, so the scenario copies the first 1,000 measures of one of
them (in outline order, with their items under control, executors, reports, extensions and date
changes) into a plan of its own, once; it adds rows and changes none. The period is the second half
of 2026, in which the scale data's lead and co-executors' reports of two quarters were accepted. A run
reads the data as of the period's end and draws the document (what the worker does, less storing the
file); the budget is 30 s and 500 MiB for the PDF, and less time for the DOCX.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from bench.run import Scenario
from bench.scenarios.directory import _coordinator, _rows
from koordinat.analytics import documents, snapshot
from koordinat.execution.models import Assignment, ControlDateChange, ControlItem, Extension, Report
from koordinat.plans.models import Measure, Plan

PLAN_CODE = "BENCH-OFFICIAL-1000"
MEASURES = 1000
START, END = datetime.date(2026, 7, 1), datetime.date(2026, 12, 31)


def _copy(rows: list[Any], **changes: Any) -> list[Any]:
    for row in rows:
        row.pk = None
        row._state.adding = True
        for name, value in changes.items():
            setattr(row, name, value(row) if callable(value) else value)
    return rows


def report_plan() -> Plan:
    """The 1,000-measure plan, made from the first scale plan the first time it is needed."""
    existing = Plan.objects.filter(code=PLAN_CODE).first()
    if existing is not None:
        return existing
    source = Plan.objects.filter(code__startswith="SCALE-").order_by("code").first()
    assert source is not None, "generate the scale data first"
    with transaction.atomic():
        plan = Plan.objects.get(pk=source.pk)
        plan.pk, plan._state.adding = None, True
        plan.code = PLAN_CODE
        plan.save()
        measures = list(Measure.objects.filter(plan=source).order_by("sort_key", "pk")[:MEASURES])
        old_ids = [measure.pk for measure in measures]
        parents = {measure.pk: measure.parent_id for measure in measures}
        new_of: dict[int, int] = {}
        for old_id, measure in zip(old_ids, _copy(measures, plan=plan, parent_id=None), strict=True):
            measure.parent_id = new_of.get(parents[old_id] or 0)
            measure.save()  # one by one: a child needs its parent's new id
            new_of[old_id] = measure.pk
        items = list(ControlItem.objects.filter(measure_id__in=old_ids).order_by("pk"))
        old_items = [item.pk for item in items]
        ControlItem.objects.bulk_create(
            _copy(items, plan=plan, measure_id=lambda item: new_of[item.measure_id]), batch_size=2000
        )
        item_of = dict(zip(old_items, [item.pk for item in items], strict=True))
        assignments = list(Assignment.objects.filter(item_id__in=old_items).order_by("pk"))
        old_assignments = [assignment.pk for assignment in assignments]
        Assignment.objects.bulk_create(
            _copy(assignments, item_id=lambda row: item_of[row.item_id]), batch_size=5000
        )
        assignment_of = dict(zip(old_assignments, [row.pk for row in assignments], strict=True))
        Report.objects.bulk_create(
            _copy(
                list(Report.objects.filter(item_id__in=old_items)),
                item_id=lambda row: item_of[row.item_id],
                assignment_id=lambda row: assignment_of[row.assignment_id],
            ),
            batch_size=5000,
        )
        Extension.objects.bulk_create(
            _copy(
                list(Extension.objects.filter(item_id__in=old_items)),
                item_id=lambda row: item_of[row.item_id],
            )
        )
        ControlDateChange.objects.bulk_create(
            _copy(
                list(ControlDateChange.objects.filter(item_id__in=old_items, extension__isnull=True)),
                item_id=lambda row: item_of[row.item_id],
            )
        )
    return plan


def official_report(format: str) -> Scenario:
    plan = report_plan()
    reader = _coordinator()
    render = documents.pdf if format == "pdf" else documents.docx
    generated_at = timezone.now()

    def run() -> tuple[int, int]:
        data = snapshot.collect(user=reader, plan=plan, start=START, end=END)
        content = render(documents.paper(data, "az", generated_at))
        assert content[:4] in (b"%PDF", b"PK\x03\x04")
        return len(data["items"]), data["figures"]["reports_accepted"]

    def limit() -> tuple[int, int]:
        after = snapshot.moment_after(END)
        begin = snapshot.moment_after(START - datetime.timedelta(days=1))
        _rows(
            "SELECT id, number, parent_id, text_az, text_ru, text_en FROM plans_measure WHERE plan_id = %s",
            [plan.pk],
        )
        items = _rows(
            "SELECT i.id, i.control_status, i.control_date, i.closed_at, i.closing_reason FROM execution_controlitem i "
            "JOIN plans_measure m ON m.id = i.measure_id WHERE m.plan_id = %s AND i.created_at < %s",
            [plan.pk, after],
        )
        ids = [row[0] for row in items]
        marks = ", ".join(["%s"] * len(ids))
        _rows(
            f"SELECT a.item_id, a.role, o.name_az FROM execution_assignment a JOIN directory_organization o "
            f"ON o.id = a.organization_id WHERE a.item_id IN ({marks}) ORDER BY a.item_id, a.position",
            ids,
        )
        _rows(
            f"SELECT item_id, changed_at, old_date FROM execution_controldatechange WHERE item_id IN ({marks})",
            ids,
        )
        _rows(
            f"SELECT item_id, requested_at, reason, status, decided_at FROM execution_extension WHERE item_id IN ({marks})",
            ids,
        )
        _rows(
            f"SELECT item_id, reviewed_at, claimed_status, progress FROM execution_report WHERE item_id IN ({marks}) "
            "AND status = 'accepted' AND is_lead AND reviewed_at < %s",
            [*ids, after],
        )
        accepted = _rows(
            f"SELECT r.item_id, r.narrative, o.name_az FROM execution_report r JOIN directory_organization o "
            f"ON o.id = r.organization_id WHERE r.item_id IN ({marks}) AND r.status = 'accepted' "
            "AND r.reviewed_at >= %s AND r.reviewed_at < %s",
            [*ids, begin, after],
        )
        return len(items), len(accepted)

    measures = Measure.objects.filter(plan=plan).count()
    return Scenario(
        name=f"analytics.official_report_{format}",
        description=f"the official execution report of a {measures:,}-measure plan for the second half of 2026 "
        f"as {format.upper()} in Azerbaijani: the data as of the period's end, then the document",
        run=run,
        limit=limit,
        limit_description="raw SQL reading the same rows (measures, items, executors, date changes, extensions, "
        "the lead's accepted reports and every report accepted in the period), nothing drawn",
        same_answer=lambda real, fastest: real == fastest,
        rows=None,
        iterations=1,
    )


def scenarios() -> list[Scenario]:
    return [official_report("pdf"), official_report("docx")]
