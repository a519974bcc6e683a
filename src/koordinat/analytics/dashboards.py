"""Dashboards: where the items of an area stand and how their executors keep their dates.

An area is the Headquarters' overview (every item under control), a plan, a collegial body (the
items of the plans it owns and the instructions of its meetings), an executing organisation or a
district, each written as the register's filters (`RegisterFilters`), so every figure is counted
over `register_items` and links to the register showing exactly its items (decision 62). Reports
are counted as far as the reader knows they are owed (`Report.objects.owed_known_to`); the latest
reports listed are those it may read (`visible_to`). A dashboard is
a fixed number of queries: one counts the items, one the completions, one the reports (each over
every period shown at once), one reads the latest reports.
"""

import datetime
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from koordinat.accounts.models import User
from koordinat.core.rows import first_filled, label_columns
from koordinat.execution import register
from koordinat.execution.models import (
    Assignment,
    ControlItem,
    ControlItemQuerySet,
    Report,
    due_within_condition,
    late_condition,
    shown_status,
)
from koordinat.execution.register import RegisterFilters, register_url
from koordinat.execution.timeliness import (
    COMPLETED_ON_TIME,
    REPORT_LATE,
    REPORT_ON_TIME,
    answering,
    completion_due,
    last_due_day,
    report_due,
)

from .periods import Period, compared_quarters, quarter

SOON_DAYS = 30  # "due in the next 30 days"
LATEST_REPORTS = 10

RULES = {
    "status": _("Every item of the area by its control status today."),
    "overdue": _(
        "Items on control or extended whose control date has passed (executed items awaiting removal are not overdue)."
    ),
    "due_soon": _("Items on control or extended whose control date is from today to 30 days ahead."),
    "completion": _(
        "Items whose control date fell in the period and has passed, not cancelled: completed on time when the "
        "executor that answers for the item (the lead; on an organisation's dashboard, that organisation) has its "
        "completion accepted with a completion day on or before the control date."
    ),
    "submission": _(
        "Reports due in the period whose due date has passed (on an organisation's dashboard, its own): on time "
        "when first sent on or before the due date. Only reports you read once they are sent are counted."
    ),
    "latest": _("The last reports sent on the area's items that you may read, newest first."),
}


@dataclass(frozen=True)
class Area:
    """What a dashboard covers: its register filters (every status, every reader's scope)."""

    kind: str  # headquarters, plan, body, organization, district
    title: str
    filters: RegisterFilters
    plan_period: tuple[datetime.date, datetime.date] | None = None  # a plan's own period


def headquarters_area() -> Area:
    return Area("headquarters", gettext("Headquarters overview"), RegisterFilters(status=register.ANY))


def plan_area(plan: Any) -> Area:
    return Area(
        "plan",
        f"{plan.code} — {plan.title}",
        RegisterFilters(status=register.ANY, plan=plan.pk),
        plan_period=(plan.period_start, plan.period_end),
    )


def body_area(body: Any) -> Area:
    return Area("body", body.name, RegisterFilters(status=register.ANY, body=body.pk))


def organization_area(organization: Any) -> Area:
    return Area(
        "organization",
        organization.display_short_name,
        RegisterFilters(status=register.ANY, organization=organization.pk),
    )


def district_area(district: Any) -> Area:
    return Area("district", district.name, RegisterFilters(status=register.ANY, district=district.pk))


@dataclass(frozen=True)
class Figure:
    label: str
    value: int
    url: str


@dataclass
class Timeliness:
    """Completions and reports that fell due in one period, each count with its register link."""

    period: Period
    begun: bool  # something could have fallen due (the period started before today)
    completions_due: Figure
    completed_on_time: Figure
    completed_late: Figure
    reports_due: int = 0
    reports_on_time: int = 0
    reports_late: int = 0
    report_items_due: Figure | None = None
    report_items_on_time: Figure | None = None
    report_items_late: Figure | None = None

    @property
    def completion_rate(self) -> float | None:
        due = self.completions_due.value
        return self.completed_on_time.value / due if due else None

    @property
    def submission_rate(self) -> float | None:
        return self.reports_on_time / self.reports_due if self.reports_due else None


@dataclass(frozen=True)
class LatestReport:
    pk: int
    item_id: int
    reference: str
    organization: str
    submitted_at: datetime.datetime
    status: str
    is_lead: bool

    @property
    def status_display(self) -> str:
        return str(dict(Report.Status.choices).get(self.status, self.status))


@dataclass(frozen=True)
class PlanRow:
    code: str
    title: str
    total: Figure
    overdue: Figure
    due_soon: Figure


@dataclass
class Dashboard:
    area: Area
    period: Period
    filters: RegisterFilters  # the area's, narrowed to a plan if one was chosen
    items: ControlItemQuerySet  # every item of the area (any status)
    open_items: ControlItemQuerySet  # the items still under control: what the at-risk list ranks
    total: Figure
    by_status: list[Figure]
    overdue: Figure
    due_soon: Figure
    selected: Timeliness
    trend: list[Timeliness]
    comparison: list[Timeliness]
    latest: list[LatestReport] = field(default_factory=list)
    plans: list["PlanRow"] = field(default_factory=list)  # the Headquarters' overview: each plan's figures
    outside_plan: tuple[datetime.date, datetime.date] | None = (
        None  # the plan's period, when the period is outside
    )

    @property
    def is_empty(self) -> bool:
        return self.total.value == 0


def dashboard(
    *, user: User, area: Area, period: Period, today: datetime.date, plan: Any | None = None
) -> Dashboard:
    """The dashboard of `area` for `period` as `user` may see it; `plan` narrows it to one plan."""
    filters = area.filters
    plan_period = area.plan_period
    if plan is not None:
        filters = replace(filters, plan=plan.pk)
        plan_period = (plan.period_start, plan.period_end)
    items = register.register_items(user=user, filters=filters, today=today).order_by()

    counts = items.aggregate(
        total=Count("pk"),
        overdue=Count("pk", filter=late_condition(today)),
        due_soon=Count("pk", filter=due_within_condition(today, SOON_DAYS)),
        **{status: Count("pk", filter=Q(control_status=status)) for status in ControlItem.Status.values},
    )
    link = _linker(filters)
    labels = dict(ControlItem.Status.choices)
    trend = [quarter(period.year, number) for number in range(1, 5)]
    compared = list(compared_quarters(period, today))
    periods = _unique([period, *trend, *compared])
    completions = _completions(items=items, filters=filters, periods=periods, today=today)
    reports = _reports(user=user, items=items, filters=filters, periods=periods, selected=period, today=today)

    def timeliness(each: Period) -> Timeliness:
        return _timeliness(each, completions, reports, link, today)

    return Dashboard(
        area=area,
        period=period,
        filters=filters,
        items=items,
        open_items=items.open(),
        total=Figure(gettext("All items"), counts["total"], link(status=register.ANY)),
        by_status=[
            Figure(str(labels[status]), counts[status], link(status=status))
            for status in ControlItem.Status.values
        ],
        overdue=Figure(gettext("Overdue now"), counts["overdue"], link(status=register.OPEN, overdue=True)),
        due_soon=Figure(
            gettext("Due in the next 30 days"),
            counts["due_soon"],
            link(status=register.OPEN, due_within=SOON_DAYS),
        ),
        selected=timeliness(period),
        trend=[timeliness(each) for each in trend],
        comparison=[timeliness(each) for each in compared],
        latest=latest_reports(user=user, items=items, filters=filters),
        plans=plan_rows(items=items, filters=filters, today=today) if area.kind == "headquarters" else [],
        outside_plan=plan_period if plan_period and not period.overlaps(*plan_period) else None,
    )


def _linker(filters: RegisterFilters) -> Any:
    def link(**changes: Any) -> str:
        return register_url(replace(filters, **changes))

    return link


def _unique(periods: list[Period]) -> list[Period]:
    seen: dict[tuple[datetime.date, datetime.date], Period] = {}
    for each in periods:
        seen.setdefault((each.start, each.end), each)
    return list(seen.values())


def _key(each: Period) -> str:
    return f"{each.start:%Y%m%d}_{each.end:%Y%m%d}"


def _of_area(rows: QuerySet[Any], items: QuerySet[ControlItem], filters: RegisterFilters) -> QuerySet[Any]:
    """Assignments or reports of the area's items; an area whose items are not narrowed at all (the
    Headquarters', for a reader who reads all control) takes them all, unmatched against every item."""
    if not items.query.where:
        return rows
    return rows.filter(item__in=items.values("pk"))


def _completions(
    *, items: QuerySet[ControlItem], filters: RegisterFilters, periods: list[Period], today: datetime.date
) -> dict[str, int]:
    """Completions due and on time in every period, in one query over the answering assignments."""
    counted = {}
    for each in periods:
        if not each.has_begun(today):
            continue
        due = completion_due(each.start, last_due_day(each.end, today))
        counted[f"due_{_key(each)}"] = Count("pk", filter=due)
        counted[f"on_time_{_key(each)}"] = Count("pk", filter=due & COMPLETED_ON_TIME)
    if not counted:
        return {}
    answers = _of_area(Assignment.objects.filter(answering(filters.organization)), items, filters)
    return answers.aggregate(**counted)


def _reports(
    *,
    user: User,
    items: QuerySet[ControlItem],
    filters: RegisterFilters,
    periods: list[Period],
    selected: Period,
    today: datetime.date,
) -> dict[str, int]:
    """Reports due, on time and late in every period, and for the selected one the items they are on
    (a distinct count sorts its rows: only the summary needs it), in one query."""
    counted = {}
    for each in periods:
        if not each.has_begun(today):
            continue
        key, due = _key(each), report_due(each.start, last_due_day(each.end, today))
        counted[f"due_{key}"] = Count("pk", filter=due)
        counted[f"on_time_{key}"] = Count("pk", filter=due & REPORT_ON_TIME)
        counted[f"late_{key}"] = Count("pk", filter=due & REPORT_LATE)
        if each == selected:
            counted[f"items_due_{key}"] = Count("item_id", filter=due, distinct=True)
            counted[f"items_on_time_{key}"] = Count("item_id", filter=due & REPORT_ON_TIME, distinct=True)
            counted[f"items_late_{key}"] = Count("item_id", filter=due & REPORT_LATE, distinct=True)
    if not counted:
        return {}
    first = min(each.start for each in periods)
    last = max(last_due_day(each.end, today) for each in periods)
    reports = _of_area(
        Report.objects.owed_known_to(user).filter(due_date__gte=first, due_date__lte=last), items, filters
    )
    if filters.organization:
        reports = reports.filter(organization_id=filters.organization)
    return reports.aggregate(**counted)


def _timeliness(
    each: Period, completions: dict[str, int], reports: dict[str, int], link: Any, today: datetime.date
) -> Timeliness:
    key, begun = _key(each), each.has_begun(today)
    last_due = last_due_day(each.end, today)
    dates = {"status": register.ANY, "control_from": each.start, "control_to": last_due}
    report_dates = {"status": register.ANY, "reports_from": each.start, "reports_to": last_due}
    due = completions.get(f"due_{key}", 0)
    on_time = completions.get(f"on_time_{key}", 0)
    return Timeliness(
        period=each,
        begun=begun,
        completions_due=Figure(gettext("Completions due"), due, link(**dates, completion=register.DUE)),
        completed_on_time=Figure(
            gettext("Completed on time"), on_time, link(**dates, completion=register.ON_TIME)
        ),
        completed_late=Figure(
            gettext("Not completed on time"), due - on_time, link(**dates, completion=register.LATE)
        ),
        reports_due=reports.get(f"due_{key}", 0),
        reports_on_time=reports.get(f"on_time_{key}", 0),
        reports_late=reports.get(f"late_{key}", 0),
        report_items_due=Figure(
            gettext("Items with reports due"),
            reports.get(f"items_due_{key}", 0),
            link(**report_dates, reports=register.DUE),
        ),
        report_items_on_time=Figure(
            gettext("Items with a report on time"),
            reports.get(f"items_on_time_{key}", 0),
            link(**report_dates, reports=register.ON_TIME),
        ),
        report_items_late=Figure(
            gettext("Items with a report late or not sent"),
            reports.get(f"items_late_{key}", 0),
            link(**report_dates, reports=register.LATE),
        ),
    )


def latest_reports(
    *, user: User, items: QuerySet[ControlItem], filters: RegisterFilters
) -> list[LatestReport]:
    """The last reports sent on the area's items that the reader may read (the organisation's own on
    its dashboard): who reported on what, and when."""
    names = label_columns("short_name", "name", prefix="organization__")
    reports = _of_area(
        Report.objects.visible_to(user).filter(first_submitted_at__isnull=False), items, filters
    )
    if filters.organization:
        reports = reports.filter(organization_id=filters.organization)
    rows = (
        reports.annotate(shown=shown_status(user))
        .order_by("-submitted_at", "-pk")
        .values_list(
            "pk",
            "item_id",
            "item__plan__code",
            "item__measure__number",
            "item__instruction__number",
            "submitted_at",
            "shown",
            "is_lead",
            *names,
        )[:LATEST_REPORTS]
    )
    return [
        LatestReport(
            pk=pk,
            item_id=item_id,
            reference=(f"{code} {number}" if number else f"{code or ''} {instruction or ''}").strip(),
            organization=first_filled(texts),
            submitted_at=submitted_at,
            status=shown,
            is_lead=is_lead,
        )
        for pk, item_id, code, number, instruction, submitted_at, shown, is_lead, *texts in rows
    ]


def plan_rows(
    *, items: QuerySet[ControlItem], filters: RegisterFilters, today: datetime.date
) -> list[PlanRow]:
    """Each plan's items, overdue and due soon (one query), for the Headquarters' overview."""
    titles = label_columns("title", prefix="plan__")
    rows = (
        items.filter(plan__isnull=False)
        .values("plan_id", "plan__code", *titles)
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=late_condition(today)),
            due_soon=Count("pk", filter=due_within_condition(today, SOON_DAYS)),
        )
        .order_by("plan__code")
    )
    found = []
    for values in rows:
        link = _linker(replace(filters, plan=values["plan_id"]))
        found.append(
            PlanRow(
                code=values["plan__code"],
                title=first_filled(values[column] for column in titles),
                total=Figure(gettext("All items"), values["total"], link(status=register.ANY)),
                overdue=Figure(
                    gettext("Overdue now"), values["overdue"], link(status=register.OPEN, overdue=True)
                ),
                due_soon=Figure(
                    gettext("Due in the next 30 days"),
                    values["due_soon"],
                    link(status=register.OPEN, due_within=SOON_DAYS),
                ),
            )
        )
    return found
