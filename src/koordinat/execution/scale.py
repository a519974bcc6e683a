"""Execution part of the scale data: every measure under control, cycles and a history of reports.

`--reports N` shares N reports out over quarterly cycles of every plan, oldest first: older cycles
closed and mostly accepted (some late, some never sent), the newest open with drafts, submitted,
returned and accepted reports, so "My work" and the review queue look like a busy ministry's.
Reports go in through `core.bulk` (COPY on PostgreSQL).
"""

import datetime
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings

from koordinat.accounts.models import User
from koordinat.core import bulk
from koordinat.core.scale import ScaleContext
from koordinat.plans.models import Executor, Measure, Plan

from .models import (
    Assignment,
    ControlItem,
    Extension,
    MeasurePublication,
    PublicStatus,
    Report,
    ReportingCycle,
)
from .schedule import reporting_periods

FIRST_PERIOD = datetime.date(2025, 1, 1)
# A public summary as a controller writes one, in each language it was written in.
SUMMARIES = {
    "az": "Tədbirin icrası davam edir: nəzərdə tutulan işlərin {percent} faizi görülüb, qalan işlərin "
    "hesabat dövrünün sonunadək başa çatdırılması gözlənilir.",
    "ru": "Исполнение мероприятия продолжается: выполнено {percent} процентов запланированных работ, "
    "остальные работы планируется завершить до конца отчётного периода.",
    "en": "The measure is under way: {percent} per cent of the planned work is done, and the rest is "
    "expected to be finished by the end of the reporting period.",
}
NARRATIVE = "Hesabat dövründə tədbirin icrası davam etdirilib; nəzərdə tutulan işlərin bir hissəsi görülüb."
REPORT_COLUMNS = [
    "created_at",
    "updated_at",
    "version",
    "cycle_id",
    "assignment_id",
    "item_id",
    "organization_id",
    "is_lead",
    "due_date",
    "status",
    "narrative",
    "narrative_language",
    "claimed_status",
    "progress",
    "first_submitted_at",
    "submitted_at",
    "reviewed_at",
    "review_comment",
]


def generate(context: ScaleContext) -> None:
    wanted = context.counts.get("reports", 0)
    plans = context.made.get("plans", [])
    if not wanted or not plans:
        return
    rng, size = context.rng, context.batch_size
    zone = ZoneInfo(settings.TIME_ZONE)
    now = datetime.datetime(2026, 11, 20, 12, tzinfo=zone)

    items = ControlItem.objects.bulk_create(
        (
            ControlItem(
                plan_id=plan_id,
                measure_id=measure_id,
                controller_id=coordinator_id,
                control_date=end,
                initial_control_date=end,
            )
            for measure_id, plan_id, coordinator_id, end in Measure.objects.filter(
                plan__in=plans, parent__isnull=False
            )
            .values_list("pk", "plan_id", "plan__coordinator_id", "deadline_end")
            .iterator(chunk_size=size)
        ),
        batch_size=size,
    )
    item_of = {item.measure_id: item for item in items}
    assignments = Assignment.objects.bulk_create(
        (
            Assignment(
                item_id=item_of[measure_id].pk,
                organization_id=organization_id,
                role=role,
                position=position,
            )
            for measure_id, organization_id, role, position in Executor.objects.filter(plan__in=plans)
            .values_list("measure_id", "organization_id", "role", "position")
            .iterator(chunk_size=size)
            if measure_id in item_of
        ),
        batch_size=size,
    )
    by_plan: dict[int, list[Assignment]] = {}
    plan_of_item = {item.pk: item.plan_id or 0 for item in items}
    for assignment in assignments:
        by_plan.setdefault(plan_of_item[assignment.item_id], []).append(assignment)

    periods = reporting_periods(start=FIRST_PERIOD, end=now.date(), periodicity="quarterly")
    periods = [period for period in periods if period[1] < now.date()]
    per_cycle = max(1, len(assignments))
    cycle_count = min(len(periods), -(-wanted // per_cycle))
    chosen = periods[len(periods) - cycle_count :]
    made = 0
    for index, (start, end) in enumerate(chosen):
        newest = index == len(chosen) - 1
        due = end + datetime.timedelta(days=10)
        cycles = ReportingCycle.objects.bulk_create(
            ReportingCycle(
                plan=plan,
                period_start=start,
                period_end=end,
                due_date=due,
                co_executor_due_date=due - datetime.timedelta(days=5),
                status=ReportingCycle.Status.OPEN if newest else ReportingCycle.Status.CLOSED,
                closed_at=None
                if newest
                else datetime.datetime.combine(due + datetime.timedelta(days=30), datetime.time(12), zone),
            )
            for plan in plans
        )
        remaining = wanted - made
        rows = _report_rows(rng, cycles, by_plan, due, newest, now, zone, remaining)
        made += _insert_reports(rows)
        if made >= wanted:
            break
    extensions = _extensions(rng, items, assignments, now)
    published = _publications(rng, items, plans, now, size)
    context.report(
        f"execution: {len(items)} items under control, {made} reports, {extensions} extensions, "
        f"{published} public entries"
    )
    context.made.update(control_items=len(items), reports=made, publications=published)


def _report_rows(
    rng: Any,
    cycles: list[ReportingCycle],
    by_plan: dict[int, list[Assignment]],
    due: datetime.date,
    newest: bool,
    now: datetime.datetime,
    zone: ZoneInfo,
    limit: int,
) -> Iterator[tuple[Any, ...]]:
    produced = 0
    for cycle in cycles:
        for assignment in by_plan.get(cycle.plan_id or 0, []):
            if produced >= limit:
                return
            produced += 1
            lead = assignment.role == Assignment.Role.LEAD
            report_due = due if lead else cycle.co_executor_due_date
            chance = rng.random()
            if newest:
                status = (
                    Report.Status.DRAFT
                    if chance < 0.4
                    else Report.Status.SUBMITTED
                    if chance < 0.65
                    else Report.Status.RETURNED
                    if chance < 0.7
                    else Report.Status.ACCEPTED
                )
            else:
                status = Report.Status.ACCEPTED if chance < 0.86 else Report.Status.DRAFT
            sent = None
            if status != Report.Status.DRAFT:
                day = report_due + datetime.timedelta(days=rng.randint(-6, 12))
                sent = min(now, datetime.datetime.combine(day, datetime.time(11), zone))
            reviewed = (
                sent + datetime.timedelta(days=3) if sent and status in ("accepted", "returned") else None
            )
            created = datetime.datetime.combine(
                cycle.period_end + datetime.timedelta(days=1), datetime.time(9), zone
            )
            yield (
                created,
                reviewed or sent or created,
                1,
                cycle.pk,
                assignment.pk,
                assignment.item_id,
                assignment.organization_id,
                lead,
                report_due,
                status,
                NARRATIVE if sent else "",
                "az",
                "in_progress",
                rng.choice([20, 40, 60, 80]) if sent else 0,
                sent,
                sent,
                min(reviewed, now) if reviewed else None,
                "Təsdiqedici sənədləri əlavə edin." if status == Report.Status.RETURNED else "",
            )


def _insert_reports(rows: Iterator[tuple[Any, ...]]) -> int:
    counted = [0]

    def counting() -> Iterator[tuple[Any, ...]]:
        for row in rows:
            counted[0] += 1
            yield row

    bulk.bulk_insert(Report, REPORT_COLUMNS, counting())
    return counted[0]


def _extensions(
    rng: Any, items: list[ControlItem], assignments: list[Assignment], now: datetime.datetime
) -> int:
    """About one item in fifty asked for more time; most requests were granted."""
    requester = User.objects.order_by("pk").first()
    if requester is None:
        return 0
    lead_of = {a.item_id: a.organization_id for a in assignments if a.role == Assignment.Role.LEAD}
    extensions = [
        Extension(
            item_id=item.pk,
            organization_id=lead_of[item.pk],
            requested_by=requester,
            requested_at=now - datetime.timedelta(days=rng.randint(1, 300)),
            current_date=item.control_date,
            new_date=(item.control_date or now.date()) + datetime.timedelta(days=90),
            reason="Podratçı ilə müqavilə gecikib.",
            status=rng.choice(
                [Extension.Status.APPROVED, Extension.Status.APPROVED, Extension.Status.REFUSED]
            ),
        )
        for item in items
        if item.pk in lead_of and rng.random() < 0.02
    ]
    Extension.objects.bulk_create(extensions, batch_size=2000)
    return len(extensions)


def _publications(
    rng: Any, items: list[ControlItem], plans: list[Any], now: datetime.datetime, size: int
) -> int:
    """Most items of the published plans have a public entry: a public status and a summary in
    Azerbaijani, often in Russian, less often in English (a page then says which languages it is in),
    as their controllers chose them from accepted reports."""
    published = set(
        Plan.objects.published().filter(pk__in=[plan.pk for plan in plans]).values_list("pk", flat=True)
    )
    statuses = [
        *[PublicStatus.IN_PROGRESS] * 10,
        *[PublicStatus.COMPLETED] * 5,
        *[PublicStatus.DELAYED] * 2,
        PublicStatus.NOT_STARTED,
        PublicStatus.CANCELLED,
    ]

    def summary(code: str, chance: float) -> str:
        return SUMMARIES[code].format(percent=rng.choice([20, 40, 60, 80])) if rng.random() < chance else ""

    rows = (
        MeasurePublication(
            item_id=item.pk,
            measure_id=item.measure_id,
            plan_id=item.plan_id,
            status=rng.choice(statuses),
            summary_az=summary("az", 0.9),
            summary_ru=summary("ru", 0.6),
            summary_en=summary("en", 0.4),
            published_at=now - datetime.timedelta(days=rng.randint(1, 300)),
        )
        for item in items
        if item.measure_id is not None
        and item.plan_id is not None  # items of measures, all of them
        and item.plan_id in published
        and rng.random() < 0.85
    )
    return len(MeasurePublication.objects.bulk_create(rows, batch_size=size))
