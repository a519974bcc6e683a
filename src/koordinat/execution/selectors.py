"""Reads of execution control; each takes the user and fetches a page in a fixed number of queries."""

import datetime
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.urls import reverse

from koordinat.accounts.models import User
from koordinat.accounts.permissions import is_administrator
from koordinat.core import clock
from koordinat.core.calendar import default_calendar
from koordinat.core.models import AuditEvent
from koordinat.core.rows import first_filled, label_columns
from koordinat.directory.models import Membership, Person
from koordinat.directory.selectors import by_person_name, organization_scope, organization_subtree_ids
from koordinat.plans.models import Plan
from koordinat.plans.periods import UNDATED_KINDS

from . import permissions
from .models import (
    Assignment,
    ControlItem,
    Evidence,
    ExecutionStatus,
    Extension,
    MeasurePublication,
    PublicStatus,
    Report,
    ReportingCycle,
    ReportVersion,
    shown_status,
)
from .schedule import due_date_after, last_ended_period
from .status import status_line

OPEN = ControlItem.OPEN_STATUSES
OWED = (Report.Status.RETURNED, Report.Status.DRAFT, Report.Status.AWAITING_APPROVAL)
# The organisation's own steps while it writes: other readers never see them on an item's timeline.
PRIVATE_ACTIONS = ("report.save", "evidence.add", "evidence.remove", "report.to_head", "report.head_returned")


def _report_urgency(today: datetime.date) -> Case:
    """Returned first, then overdue, then what is still being written, then what waits for review."""
    return Case(
        When(status=Report.Status.RETURNED, then=Value(0)),
        When(status__in=OWED, due_date__lt=today, then=Value(1)),
        When(status__in=OWED, then=Value(2)),
        default=Value(3),
        output_field=IntegerField(),
    )


def _with_item(qs: QuerySet[Report]) -> QuerySet[Report]:
    return qs.select_related("item__measure__plan", "item__instruction__minutes", "organization", "cycle")


# What a list names an item by (its reference and text), so list pages load no more than that.
ITEM_COLUMNS = [
    *(f"measure__{name}" for name in ("number", "text", "text_az", "text_ru", "text_en", "plan__code")),
    *(
        f"instruction__{name}"
        for name in ("number", "text", "text_az", "text_ru", "text_en", "minutes__number")
    ),
    "instruction__letter_reference",
    "instruction__legal_act_id",
]


def _item_columns(prefix: str) -> list[str]:
    return [f"{prefix}{column}" for column in ITEM_COLUMNS]


@dataclass(frozen=True)
class WorklistFilters:
    """What My work and the review queue may be narrowed to: a plan, items past their control date,
    items due within N days; by the register's own rule (`ControlItemQuerySet.late`, `due_within`)."""

    plan: int | None = None
    overdue: bool = False
    due_within: int | None = None

    @property
    def narrowed(self) -> bool:
        return bool(self.plan or self.overdue or self.due_within)


NO_FILTERS = WorklistFilters()


def _narrowed(qs: QuerySet[Report], filters: WorklistFilters, today: datetime.date) -> QuerySet[Report]:
    if filters.plan:
        qs = qs.filter(item__plan_id=filters.plan)
    if filters.overdue:
        qs = qs.filter(item__in=ControlItem.objects.late(today).values("pk"))
    if filters.due_within:
        qs = qs.filter(item__in=ControlItem.objects.due_within(today, filters.due_within).values("pk"))
    return qs


# What a worklist shows of an item's standing (its status line, see execution.status).
ITEM_STANDING = ["item__control_date", "item__control_status", "item__measure__deadline_kind"]


def my_work(*, user: User, today: datetime.date, filters: WorklistFilters = NO_FILTERS) -> QuerySet[Report]:
    """Every report the user's organisation owes in open cycles across all plans, most urgent first."""
    qs = (
        Report.objects.visible_to(user)
        .filter(
            organization_id__in=organization_scope(user),
            cycle__status=ReportingCycle.Status.OPEN,
            item__control_status__in=OPEN,
        )
        .exclude(status=Report.Status.ACCEPTED)
    )
    return (
        _narrowed(qs, filters, today)
        .select_related("item__measure__plan", "item__instruction__minutes")
        .only("status", "due_date", "is_lead", *ITEM_STANDING, *_item_columns("item__"))
        .annotate(urgency=_report_urgency(today))
        .order_by("urgency", "due_date", "pk")
    )


def my_overdue_items(*, user: User, today: datetime.date) -> QuerySet[Assignment]:
    """Items of the user's organisation past their control date and not completed, oldest first:
    an item executed and awaiting removal from control is not overdue (see execution.status)."""
    return (
        Assignment.objects.visible_to(user)
        .filter(
            organization_id__in=organization_scope(user),
            item__control_status__in=ControlItem.RUNNING_STATUSES,
            item__control_date__lt=today,
        )
        .exclude(execution_status="completed")
        .select_related("item__measure__plan", "item__instruction__minutes")
        .only("execution_status", "item__control_date", *_item_columns("item__"))
        .order_by("item__control_date", "item_id")
    )


def review_queue(
    *, user: User, today: datetime.date | None = None, filters: WorklistFilters = NO_FILTERS
) -> QuerySet[Report]:
    """Submitted reports on open items the user's organisation controls, oldest first."""
    qs = Report.objects.visible_to(user).filter(status=Report.Status.SUBMITTED, item__control_status__in=OPEN)
    if not is_administrator(user):
        qs = qs.filter(item__controller_id__in=organization_scope(user))
    return _with_item(_narrowed(qs, filters, today or clock.today())).order_by("submitted_at", "pk")


def extension_queue(*, user: User) -> QuerySet[Extension]:
    qs = Extension.objects.visible_to(user).filter(status=Extension.Status.REQUESTED)
    if not is_administrator(user):
        qs = qs.filter(item__controller_id__in=organization_scope(user))
    return qs.select_related("item__measure__plan", "item__instruction__minutes", "organization").order_by(
        "requested_at", "pk"
    )


def item_get(*, user: User, pk: int) -> ControlItem:
    assignments = Assignment.objects.select_related("organization").order_by("position")
    return (
        ControlItem.objects.visible_to(user)
        .select_related(
            "measure__plan", "instruction__minutes", "controller", "controller_person", "publication"
        )
        .prefetch_related(
            Prefetch("assignments", queryset=assignments),
            "date_changes",
            Prefetch("extensions", queryset=Extension.objects.select_related("organization", "requested_by")),
        )
        .get(pk=pk)
    )


def controller_staff(*, user: User, item: ControlItem) -> QuerySet[Person]:
    """People holding a current position in the controlling organisation or one of its sub-units."""
    units = organization_subtree_ids(root_id=item.controller_id)
    current = Membership.objects.current().filter(organization_id__in=units)
    return (
        Person.objects.visible_to(user)
        .filter(pk__in=current.values("person_id"))
        .order_by(*by_person_name(), "pk")
    )


def item_reports(*, user: User, item: ControlItem) -> QuerySet[Report]:
    """The item's reports the user may see, newest cycle first, the lead's first within a cycle."""
    return (
        Report.objects.visible_to(user)
        .shown_to(user)
        .filter(item=item)
        .select_related("cycle", "organization")
        .order_by("-cycle__period_end", "-cycle_id", "-is_lead", "assignment__position")
    )


def item_timeline(*, user: User, item: ControlItem, limit: int = 100) -> list[AuditEvent]:
    """Everything that happened to the item, from the audit chain, as far as the user may know it:
    the events of a report only for those who may read the report, and what an executing
    organisation does before sending (drafts saved, evidence added or removed, its head's steps)
    only for that organisation; a head's comment on approving stays inside the organisation too."""
    mine = sorted(organization_scope(user))
    readable = list(Report.objects.visible_to(user).filter(item=item).values_list("pk", flat=True))
    events = list(
        AuditEvent.objects.filter(target_type="execution.controlitem", target_id=str(item.pk))
        .exclude(Q(data__has_key="report") & ~Q(data__report__in=readable))
        .exclude(
            Q(action__in=PRIVATE_ACTIONS, outcome=AuditEvent.Outcome.SUCCESS)
            & ~Q(data__organization__in=mine)
        )
        .order_by("-pk")[:limit]
    )
    for event in events:
        if event.action == "report.head_approved" and event.data.get("organization") not in mine:
            event.data = {key: value for key, value in event.data.items() if key != "comment"}
    return events


def report_get(*, user: User, pk: int) -> Report:
    return (
        Report.objects.visible_to(user)
        .shown_to(user)
        .select_related(
            "item__measure__plan",
            "item__instruction__minutes",
            "item__controller",
            "cycle",
            "organization",
            "assignment",
        )
        .prefetch_related(_current_evidence(), "actuals", "versions")
        .get(pk=pk)
    )


def _current_evidence() -> Prefetch:
    return Prefetch("evidence", queryset=Evidence.objects.current(), to_attr="current_evidence")


def co_executor_reports(*, user: User, report: Report) -> QuerySet[Report]:
    """What the co-executors of the same item sent in the same cycle, beside the lead's report."""
    return (
        Report.objects.visible_to(user)
        .shown_to(user)
        .filter(cycle_id=report.cycle_id, item_id=report.item_id, is_lead=False)
        .exclude(pk=report.pk)
        .select_related("organization")
        .prefetch_related(_current_evidence(), "actuals", "versions")
        .order_by("assignment__position")
    )


@dataclass(frozen=True)
class EvidenceEntry:
    """One piece of evidence as a page lists it: a file served by the download view, or a link."""

    pk: int | None
    title: str
    file: str
    url: str
    size: int

    @property
    def href(self) -> str:
        if self.file:
            return reverse("execution:evidence", args=[self.pk]) if self.pk else ""
        return self.url


@dataclass(frozen=True)
class ReportContent:
    """What one reader may see of a report's text, status claim, actuals and evidence."""

    narrative: str
    narrative_language: str
    claimed_status: str
    progress: int | None
    completed_on: datetime.date | None
    actuals: list[tuple[Any, Decimal]]
    evidence: list[EvidenceEntry]
    version: ReportVersion | None = None  # the sent version shown in place of the working copy

    @property
    def claimed_status_display(self) -> str:
        return str(dict(ExecutionStatus.choices).get(self.claimed_status, ""))


def report_versions(*, user: User, report: Report) -> list[ReportVersion]:
    """The versions the user may open: every one for the organisation, the sent ones for the rest."""
    versions = list(report.versions.all())
    if permissions.can_read_working_copy(user, report):
        return versions
    return [version for version in versions if version.is_shared]


def version_evidence(version: ReportVersion) -> list[EvidenceEntry]:
    return [
        EvidenceEntry(
            pk=entry["id"], title=entry["title"], file=entry["file"], url=entry["url"], size=entry["size"]
        )
        for entry in version.content.get("evidence", [])
    ]


def report_content(*, user: User, report: Report, indicators: list[Any]) -> ReportContent:
    """The working copy for the organisation writing the report and for a report locked as sent;
    for everyone else, while the organisation reworks it, the last version it sent (nothing, if
    it never sent one). Reads only what report_get or co_executor_reports prefetched."""
    named = {indicator.pk: indicator for indicator in indicators}
    if permissions.can_read_working_copy(user, report) or report.status in Report.SENT_STATUSES:
        current = getattr(report, "current_evidence", None)
        return ReportContent(
            narrative=report.narrative,
            narrative_language=report.narrative_language,
            claimed_status=report.claimed_status,
            progress=report.progress,
            completed_on=report.completed_on,
            actuals=[(named.get(actual.indicator_id), actual.value) for actual in report.actuals.all()],
            evidence=[
                EvidenceEntry(
                    pk=evidence.pk,
                    title=evidence.title,
                    file=evidence.original_name,
                    url=evidence.url,
                    size=evidence.size,
                )
                for evidence in (report.evidence.current() if current is None else current)
            ],
        )
    shared = report_versions(user=user, report=report)
    if not shared:
        return ReportContent("", report.narrative_language, "", None, None, [], [])
    version = shared[-1]
    content = version.content
    return ReportContent(
        narrative=content["narrative"],
        narrative_language=content["narrative_language"],
        claimed_status=content["claimed_status"],
        progress=content["progress"],
        completed_on=datetime.date.fromisoformat(content["completed_on"])
        if content["completed_on"]
        else None,
        actuals=[
            (named.get(indicator_id), Decimal(value)) for indicator_id, value, _note in content["actuals"]
        ],
        evidence=version_evidence(version),
        version=version,
    )


def evidence_get(*, user: User, pk: int) -> Evidence:
    """A stored file the user may download: the same reading rights as the report and its versions."""
    return Evidence.objects.visible_to(user).exclude(file="").get(pk=pk)


def items_needing_control_date(*, user: User, plan: Any = None) -> QuerySet[ControlItem]:
    """Open items whose controller must set a control date, in outline order: all of a plan's, or
    without a plan the items the user's organisation controls (an administrator's: every one)."""
    qs = ControlItem.objects.visible_to(user).needing_control_date()
    if plan is not None:
        qs = qs.filter(plan=plan)
    elif not is_administrator(user):
        qs = qs.filter(controller_id__in=organization_scope(user))
    return (
        qs.select_related("measure__plan")
        .only(
            "control_status",
            "control_date",
            "measure__deadline_text",
            "measure__deadline_kind",
            "measure__deadline_start",
            "measure__deadline_end",
            "measure__deadline_recurrence",
            "measure__deadline_offset",
            "measure__deadline_anchor",
            *(column for column in ITEM_COLUMNS if column.startswith("measure__")),
        )
        .order_by("measure__plan__code", "measure__sort_key", "pk")
    )


def with_control_flags(*, user: User | AnonymousUser, measures: list[Any]) -> list[Any]:
    """A page of a plan's table, each measure with its `control_line` (the item's status line, see
    execution.status; None when not under control), `control_item_pk` and `control_date_needed`: an item under control
    without a control date (see `items_needing_control_date`), or, not yet under control, an item
    with executors whose period gives none. Control is internal: the public sees neither."""
    states: dict[int, tuple[int, datetime.date | None, str]] = {}
    if user.is_authenticated:
        rows = ControlItem.objects.visible_to(user).filter(
            measure_id__in=[measure.pk for measure in measures]
        )
        states = {
            measure_id: (pk, day, status)
            for measure_id, pk, day, status in rows.values_list(
                "measure_id", "pk", "control_date", "control_status"
            )
        }
    today = clock.today()
    for measure in measures:
        needed = False
        measure.control_line = None
        measure.control_item_pk = None
        if measure.pk in states:
            measure.control_item_pk, day, status = states[measure.pk]
            needed = day is None and status in OPEN and measure.deadline_kind not in UNDATED_KINDS
            measure.control_line = status_line(
                control_status=status, control_date=day, needs_date=needed, today=today
            )
        elif user.is_authenticated:
            names = getattr(
                measure, "executor_names", None
            )  # a table row's; the measure page's are prefetched
            executors = names if names is not None else measure.executors.all()
            needed = bool(executors) and measure.needs_control_date
        measure.control_date_needed = needed
    return measures


def plan_cycles(*, user: User, plan: Any) -> QuerySet[ReportingCycle]:
    return (
        ReportingCycle.objects.visible_to(user)
        .filter(plan=plan)
        .annotate(
            report_count=Count("reports"),
            accepted_count=Count("reports", filter=Q(reports__status=Report.Status.ACCEPTED)),
            submitted_count=Count("reports", filter=Q(reports__status=Report.Status.SUBMITTED)),
        )
        .order_by("-period_end", "-pk")
    )


def cycle_get(*, user: User, pk: int) -> ReportingCycle:
    return ReportingCycle.objects.visible_to(user).select_related("plan").get(pk=pk)


def cycle_status_counts(*, user: User, cycle: ReportingCycle) -> dict[str, int]:
    """How many of the cycle's reports stand at each status, each counted as this reader may know it."""
    rows = (
        Report.objects.filter(cycle=cycle)
        .annotate(shown_status=shown_status(user))
        .values_list("shown_status")
        .annotate(n=Count("pk"))
    )
    counts = dict.fromkeys(Report.Status.values, 0)
    counts.update(dict(rows))
    return counts


def cycle_reports(*, user: User, cycle: ReportingCycle, status: str = "") -> QuerySet[Report]:
    qs = Report.objects.visible_to(user).filter(cycle=cycle).annotate(shown_status=shown_status(user))
    if status:
        qs = qs.filter(shown_status=status)
    return _with_item(qs).order_by("item__measure__sort_key", "-is_lead", "pk")


def cycle_defaults(*, user: User, plan: Any, today: datetime.date) -> dict[str, Any]:
    """What the form to open a cycle offers first: the plan's latest period that has ended and the
    due date its reporting rules give (not before today), as the daily job would open it."""
    if not permissions.can_manage_cycles(user):
        return {}
    period = last_ended_period(
        start=plan.period_start, end=plan.period_end, periodicity=plan.reporting_periodicity, today=today
    )
    if period is None:
        return {}
    calendar = default_calendar([period[1].year, period[1].year + 1])
    due = due_date_after(period[1], plan.report_due_days, calendar)
    return {"period_start": period[0], "period_end": period[1], "due_date": max(due, today)}


# Publication: what the controller chose to show the public ----------------------------------------


def publication_get(*, user: User, item: ControlItem) -> MeasurePublication | None:
    """The item's public entry with its evidence, for its controller's form (every signed-in reader
    may read it: it is what the public sees)."""
    if not user.is_authenticated:
        return None
    return (
        MeasurePublication.objects.filter(item=item)
        .select_related("source_report")
        .prefetch_related("evidence")
        .first()
    )


def publishable_reports(*, user: User, item: ControlItem) -> QuerySet[Report]:
    """The item's accepted reports, newest first: what a public summary may be taken from."""
    return (
        Report.objects.visible_to(user)
        .filter(item=item, status=Report.Status.ACCEPTED)
        .select_related("organization", "cycle")
        .order_by("-reviewed_at", "-pk")
    )


def publishable_evidence(*, report: Report | None) -> QuerySet[Evidence]:
    """Evidence the accepted report was sent with, which the controller may show the public."""
    if report is None:
        return Evidence.objects.none()
    return Evidence.objects.filter(report=report, sent_in__isnull=False, removed_at__isnull=True).order_by(
        "pk"
    )


@dataclass(frozen=True)
class PublicEvidence:
    pk: int
    title: str
    is_file: bool
    url: str
    size: int
    content_type: str


@dataclass
class PublicEntry:
    """A measure as the public reads it: status, the summary in each language written (empty ones
    left out: the page says which languages there are, it never substitutes one) and evidence."""

    measure_id: int
    status: str
    summaries: dict[str, str]
    published_at: datetime.datetime
    evidence: list[PublicEvidence]

    @property
    def status_label(self) -> str:
        return str(PublicStatus(self.status).label)


def public_entries(*, measure_ids: list[int], with_evidence: bool = False) -> dict[int, PublicEntry]:
    """The public entries of these measures, by measure, only where the measure's plan is published:
    one query (two with evidence), whoever reads."""
    rows = (
        MeasurePublication.objects.filter(measure_id__any_of=measure_ids, plan__in=Plan.objects.published())
        .order_by()
        .values_list("pk", "measure_id", "status", "summary_az", "summary_ru", "summary_en", "published_at")
    )
    entries: dict[int, PublicEntry] = {}
    by_pk: dict[int, PublicEntry] = {}
    for pk, measure_id, status, az, ru, en, published_at in rows:
        summaries = {code: text for code, text in (("az", az), ("ru", ru), ("en", en)) if text}
        entry = PublicEntry(measure_id, status, summaries, published_at, [])
        entries[measure_id] = by_pk[pk] = entry
    if with_evidence and by_pk:
        links = MeasurePublication.evidence.through.objects.filter(measurepublication_id__in=list(by_pk))
        for publication_id, pk, title, file, url, size, content_type in links.order_by(
            "evidence_id"
        ).values_list(
            "measurepublication_id",
            "evidence_id",
            "evidence__title",
            "evidence__file",
            "evidence__url",
            "evidence__size",
            "evidence__content_type",
        ):
            by_pk[publication_id].evidence.append(
                PublicEvidence(pk, title, bool(file), "" if file else url, size, content_type)
            )
    return entries


PUBLIC_ENTRY_COLUMNS = ("status", "summary_az", "summary_ru", "summary_en", "published_at")
# A row's values of those columns, read at once: a page reads them for each of its two hundred rows.
_public_entry_values = operator.itemgetter(*(f"public_{name}" for name in PUBLIC_ENTRY_COLUMNS))


def public_entry_columns() -> dict[str, F]:
    """The public entry of each measure, as columns a query of a published plan's measures reads with
    them (`plans.selectors.public_plan_measures(extra=...)`): a join, where `public_entries` was a
    query with the page's keys. Only for measures of a plan read as published."""
    return {f"public_{name}": F(f"publication__{name}") for name in PUBLIC_ENTRY_COLUMNS}


def public_entry_from(columns: Mapping[str, Any], *, measure_id: int) -> PublicEntry | None:
    """The entry `public_entry_columns` read for one measure; None when it has none."""
    status, az, ru, en, published_at = _public_entry_values(columns)
    if not status:
        return None
    summaries = {code: text for code, text in (("az", az), ("ru", ru), ("en", en)) if text}
    return PublicEntry(measure_id, status, summaries, published_at, [])


def public_status_counts(*, plan_ids: list[int]) -> dict[int, dict[str, int]]:
    """How many of each published plan's measures stand at each public status: one query."""
    counts: dict[int, dict[str, int]] = {}
    for plan_id, status, count in (
        MeasurePublication.objects.filter(plan_id__in=plan_ids, plan__in=Plan.objects.published())
        .order_by()
        .values("plan_id", "status")
        .annotate(n=Count("pk"))
        .values_list("plan_id", "status", "n")
    ):
        counts.setdefault(plan_id, {})[status] = count
    return counts


def public_status_counts_of(*, plan: Plan) -> dict[str, int]:
    """`public_status_counts` of one plan its caller has just read as published (the portal's plan
    page): the plan's own entries, without checking its publication in SQL again."""
    if not plan.is_published:
        return {}
    return dict(
        MeasurePublication.objects.filter(plan_id=plan.pk)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )


def public_evidence_get(*, pk: int) -> Evidence:
    """A file the public may download: chosen by the controller for a measure of a published plan."""
    return (
        Evidence.objects.filter(
            pk=pk,
            publications__plan__in=Plan.objects.published(),
            removed_at__isnull=True,
        )
        .exclude(file="")
        .distinct()
        .get()
    )


@dataclass(frozen=True)
class PublishedEntry:
    """A measure's public entry as news: which measure of which plan, and what the public reads."""

    entry: PublicEntry
    plan_code: str
    number: str
    text: str


def recently_published_entries(*, limit: int) -> list[PublishedEntry]:
    """The latest public entries of measures of published plans, the latest first: one query."""
    text = label_columns("measure__text")
    rows = (
        MeasurePublication.objects.filter(plan__in=Plan.objects.published())
        .order_by("-published_at", "-pk")
        .values_list(
            "measure_id",
            "status",
            "summary_az",
            "summary_ru",
            "summary_en",
            "published_at",
            "plan__code",
            "measure__number",
            *text,
        )[:limit]
    )
    found = []
    for measure_id, status, az, ru, en, published_at, plan_code, number, *texts in rows:
        summaries = {code: summary for code, summary in (("az", az), ("ru", ru), ("en", en)) if summary}
        entry = PublicEntry(measure_id, status, summaries, published_at, [])
        found.append(PublishedEntry(entry, plan_code, number, first_filled(texts)))
    return found
