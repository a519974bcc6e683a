"""The register of items under control: reads for its page, its export and the home page's counts.

Every item (measures and instructions) with its plan, executors, controller, control date, status
line, lead executor's status and last report, narrowed by `RegisterFilters`. A page reads its rows as
values (see core.rows) and then, for the fifty items shown only, their executors, instructions' references and
last reports: a fixed number of queries however many items there are.
"""

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db.models import F, OrderBy, Q, QuerySet, Subquery
from django.urls import reverse

from koordinat.accounts.models import Role, User
from koordinat.accounts.permissions import is_administrator
from koordinat.core.rows import Rows, first_filled, label_columns
from koordinat.directory.selectors import organization_scope
from koordinat.plans.models import Plan
from koordinat.plans.periods import UNDATED_KINDS

from .models import (
    Assignment,
    ControlItem,
    ControlItemQuerySet,
    Extension,
    Report,
    ReportingCycle,
    SavedFilter,
    shown_status,
)
from .status import StatusLine, status_line
from .timeliness import COMPLETED_LATE, COMPLETED_ON_TIME, REPORT_LATE, REPORT_ON_TIME, answering

Status = ControlItem.Status

# The status filter: what is still under control unless asked otherwise.
OPEN = "open"
ANY = "any"
STATUS_FILTERS = (OPEN, *Status.values, ANY)
# Scopes: every item, or those the reader's organisation executes or controls.
EXECUTING, CONTROLLING = "executing", "controlling"
SORTS = ("date", "-date", "number")
# Completion and reports filters: every one counted, or those on time, or late (see execution.timeliness).
DUE, ON_TIME, LATE = "due", "on_time", "late"
TIMELINESS = (DUE, ON_TIME, LATE)


@dataclass(frozen=True)
class RegisterFilters:
    scope: str = ""
    plan: int | None = None
    body: int | None = None
    organization: int | None = None
    district: int | None = None
    status: str = OPEN
    overdue: bool = False
    due_within: int | None = None
    undated: bool = False
    sort: str = "date"
    # The dashboards' figures (decision 62): control dates in a range; the answering executor's
    # completion; the reports (the organisation's, with `organization`) due in a range.
    control_from: datetime.date | None = None
    control_to: datetime.date | None = None
    completion: str = ""
    reports_from: datetime.date | None = None
    reports_to: datetime.date | None = None
    reports: str = ""


# The filters the dashboards' figures link to (decision 62).
FIGURE_FIELDS = ("control_from", "control_to", "completion", "reports_from", "reports_to", "reports")
# RegisterFilters' fields as the register's form takes them in a query string, in the form's order.
QUERY_FIELDS = (
    "scope",
    "plan",
    "body",
    "organization",
    "district",
    "status",
    "overdue",
    "due_within",
    "undated",
    *FIGURE_FIELDS,
    "sort",
)


def register_url(filters: RegisterFilters) -> str:
    """The register's address showing exactly the items `filters` select, for any reader: the scope
    is always given (an executor's default would narrow it), the defaults left out."""
    default = RegisterFilters()
    pairs: list[tuple[str, Any]] = [("scope", filters.scope)]
    for name in QUERY_FIELDS[1:]:
        value = getattr(filters, name)
        if value == getattr(default, name) and name != "status":
            continue
        if value is True:
            value = "on"
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        pairs.append((name, value))
    return f"{reverse('execution:register')}?{urlencode(pairs)}"


def default_scope(user: User) -> str:
    """An executing organisation's staff start from their own items; the office starts from all."""
    if user.has_role(Role.EXECUTOR, Role.HEAD) and user.organization_id and not is_administrator(user):
        return EXECUTING
    return ""


def register_items(*, user: User, filters: RegisterFilters, today: datetime.date) -> ControlItemQuerySet:
    """The items the filters select, in the order asked for."""
    qs = ControlItem.objects.visible_to(user)
    mine = organization_scope(user)
    if filters.scope == EXECUTING:
        qs = qs.filter(pk__in=Subquery(Assignment.objects.filter(organization_id__in=mine).values("item_id")))
    elif filters.scope == CONTROLLING:
        qs = qs.filter(controller_id__in=mine)
    if filters.plan:
        qs = qs.filter(plan_id=filters.plan)
    if filters.body:
        qs = qs.filter(
            Q(measure__plan__owning_body_id=filters.body)
            | Q(instruction__minutes__meeting__body_id=filters.body)
        )
    if filters.organization:
        qs = qs.filter(assignments__organization_id=filters.organization)  # one assignment per organisation
    if filters.district:
        qs = qs.filter(measure__districts__id=filters.district)  # a measure names a district once
    if filters.status == OPEN:
        qs = qs.open()
    elif filters.status in Status.values:
        qs = qs.filter(control_status=filters.status)
    if filters.overdue:
        qs = qs.late(today)
    if filters.due_within:
        qs = qs.due_within(today, filters.due_within)
    if filters.undated:
        qs = qs.needing_control_date()
    if filters.control_from:
        qs = qs.filter(control_date__gte=filters.control_from)
    if filters.control_to:
        qs = qs.filter(control_date__lte=filters.control_to)
    if filters.completion in TIMELINESS:
        answers = Assignment.objects.filter(answering(filters.organization))
        if filters.completion == ON_TIME:
            answers = answers.filter(COMPLETED_ON_TIME)
        elif filters.completion == LATE:
            answers = answers.filter(COMPLETED_LATE)
        qs = qs.exclude(control_status=Status.CANCELLED).filter(pk__in=Subquery(answers.values("item_id")))
    if filters.reports in TIMELINESS or filters.reports_from or filters.reports_to:
        qs = qs.filter(pk__in=Subquery(_reports(user=user, filters=filters).values("item_id")))
    return qs.order_by(*_ordering(filters.sort))


def _reports(*, user: User, filters: RegisterFilters) -> QuerySet[Report]:
    """The reports the reader knows are owed (`owed_known_to`) that the reports filters select: the
    organisation's own when the register is narrowed to one."""
    reports = Report.objects.owed_known_to(user)
    if filters.organization:
        reports = reports.filter(organization_id=filters.organization)
    if filters.reports_from:
        reports = reports.filter(due_date__gte=filters.reports_from)
    if filters.reports_to:
        reports = reports.filter(due_date__lte=filters.reports_to)
    if filters.reports == ON_TIME:
        reports = reports.filter(REPORT_ON_TIME)
    elif filters.reports == LATE:
        reports = reports.filter(REPORT_LATE)
    return reports


def _ordering(sort: str) -> list[Any]:
    if sort == "-date":
        return [OrderBy(F("control_date"), descending=True, nulls_last=True), "-pk"]
    if sort == "number":
        return ["plan__code", "measure__sort_key", "instruction_id", "pk"]
    return [OrderBy(F("control_date"), nulls_last=True), "pk"]


@dataclass
class RegisterRow:
    """One item as the register shows it; `executors`, `reference` (of an instruction) and
    `last_report` are filled for the page shown (see `complete_rows`)."""

    pk: int
    plan_code: str
    number: str
    text: str
    controller: str
    control_date: datetime.date | None
    control_status: str
    status: StatusLine
    measure_id: int | None
    instruction_id: int | None
    reference: str = ""
    executors: list[str] = field(default_factory=list)
    execution_status: str = ""
    last_report: "LastReport | None" = None

    @property
    def control_status_display(self) -> str:
        return str(dict(Status.choices).get(self.control_status, self.control_status))


@dataclass(frozen=True)
class LastReport:
    pk: int
    status: str
    period_end: datetime.date

    @property
    def status_display(self) -> str:
        return str(dict(Report.Status.choices).get(self.status, self.status))


def control_register(*, user: User, filters: RegisterFilters, today: datetime.date) -> Rows[RegisterRow]:
    """The register's rows, read as values in the page's language; complete them with `complete_rows`
    once the page is sliced."""
    measure_text = label_columns("text", prefix="measure__")
    instruction_text = label_columns("text", prefix="instruction__")
    controller = label_columns("short_name", "name", prefix="controller__")

    def row(values: Mapping[str, Any]) -> RegisterRow:
        is_measure = values["measure_id"] is not None
        needs_date = is_measure and values["measure__deadline_kind"] not in UNDATED_KINDS
        return RegisterRow(
            pk=values["pk"],
            plan_code=values["plan__code"] or "",
            number=(values["measure__number"] if is_measure else values["instruction__number"]) or "",
            text=first_filled(
                values[column] for column in (measure_text if is_measure else instruction_text)
            ),
            controller=first_filled(values[column] for column in controller),
            control_date=values["control_date"],
            control_status=values["control_status"],
            status=status_line(
                control_status=values["control_status"],
                control_date=values["control_date"],
                needs_date=needs_date,
                today=today,
            ),
            measure_id=values["measure_id"],
            instruction_id=values["instruction_id"],
        )

    return Rows(
        register_items(user=user, filters=filters, today=today),
        columns=[
            "pk",
            "plan__code",
            "control_date",
            "control_status",
            "measure_id",
            "measure__number",
            "measure__deadline_kind",
            "instruction_id",
            "instruction__number",
            *measure_text,
            *instruction_text,
            *controller,
        ],
        row=row,
    )


def complete_rows(*, user: User, rows: Iterable[RegisterRow]) -> list[RegisterRow]:
    """Fill in the shown rows' executors (lead first), lead's execution status, instructions'
    references and the lead's last report the user may read: three queries for any page."""
    rows = list(rows)
    by_pk = {row.pk: row for row in rows}
    if not rows:
        return rows
    names = label_columns("short_name", "name", prefix="organization__")
    assignments = (
        Assignment.objects.visible_to(user)
        .filter(item_id__in=by_pk)
        .order_by("item_id", "position", "pk")
        .values_list("item_id", "role", "execution_status", *names)
    )
    for item_id, role, execution_status, *texts in assignments:
        row = by_pk[item_id]
        row.executors.append(first_filled(texts))
        if role == Assignment.Role.LEAD:
            row.execution_status = execution_status
    instructions = [row.pk for row in rows if row.instruction_id]
    if instructions:
        references = {
            item.pk: item.reference
            for item in ControlItem.objects.filter(pk__in=instructions)
            .select_related("instruction__minutes", "instruction__legal_act")
            .only(
                "measure_id",
                "instruction__number",
                "instruction__letter_reference",
                "instruction__minutes__number",
                "instruction__legal_act__kind",
                "instruction__legal_act__number",
                "instruction__legal_act__date",
            )
        }
        for row in rows:
            if row.instruction_id:
                row.reference = references.get(row.pk, row.number)
    reports = (
        Report.objects.visible_to(user)
        .filter(item_id__in=by_pk, is_lead=True)
        .annotate(shown_status=shown_status(user))
        .order_by("item_id", "-cycle__period_end", "-pk")
        .values_list("item_id", "pk", "shown_status", "cycle__period_end")
    )
    for item_id, pk, shown, period_end in reports:
        if by_pk[item_id].last_report is None:
            by_pk[item_id].last_report = LastReport(pk=pk, status=shown, period_end=period_end)
    for row in rows:
        if not row.reference:
            row.reference = f"{row.plan_code} {row.number}".strip()
    return rows


@dataclass(frozen=True)
class ControlCounts:
    """What the home page counts for a reader, each a link into the list behind it."""

    to_review: int
    overdue: int
    extensions: int
    due_this_week: int
    undated: int
    reports_to_send: int
    scope: str


def home_scope(user: User) -> str:
    """Whose items the home page counts: an executing organisation's own, the items a coordinator's
    organisation controls, everything for an administrator or a reader of no organisation."""
    if is_administrator(user) or not user.organization_id:
        return ""
    if user.has_role(Role.EXECUTOR, Role.HEAD):
        return EXECUTING
    return CONTROLLING if user.has_role(Role.COORDINATOR) else ""


def control_counts(*, user: User, today: datetime.date) -> ControlCounts:
    """The figures that matter on the home page, over the items of `home_scope`."""
    scope = home_scope(user)
    items = register_items(user=user, filters=RegisterFilters(scope=scope), today=today)
    mine = organization_scope(user)
    reviewed = Report.objects.visible_to(user).filter(
        status=Report.Status.SUBMITTED, item__control_status__in=ControlItem.OPEN_STATUSES
    )
    extensions = Extension.objects.visible_to(user).filter(status=Extension.Status.REQUESTED)
    if not is_administrator(user):
        reviewed = reviewed.filter(item__controller_id__in=mine)
        extensions = extensions.filter(item__controller_id__in=mine)
    return ControlCounts(
        to_review=reviewed.count(),
        overdue=items.late(today).count(),
        extensions=extensions.count(),
        due_this_week=items.due_within(today, 7).count(),
        undated=items.needing_control_date().count(),
        reports_to_send=unsent_reports(user=user).count(),
        scope=scope,
    )


def unsent_reports(*, user: User) -> QuerySet[Report]:
    """Reports the user's organisation still has to send in open cycles: drafts, returned ones and
    those with its head — not the ones sent and waiting for the controller."""
    return Report.objects.visible_to(user).filter(
        organization_id__in=organization_scope(user),
        cycle__status=ReportingCycle.Status.OPEN,
        item__control_status__in=ControlItem.OPEN_STATUSES,
        status__in=(Report.Status.DRAFT, Report.Status.RETURNED, Report.Status.AWAITING_APPROVAL),
    )


def saved_filters(*, user: User) -> QuerySet[SavedFilter]:
    return SavedFilter.objects.visible_to(user)


def plan_options(*, user: User) -> list[tuple[int, str]]:
    """Plans offered in the register's filter: "code — title" in the page's language."""
    titles = label_columns("title")
    return [
        (pk, f"{code} — {first_filled(texts)}")
        for pk, code, *texts in Plan.objects.visible_to(user)
        .order_by("code")
        .values_list("pk", "code", *titles)
    ]
