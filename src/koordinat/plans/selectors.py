"""Reads of plans and measures; every one starts from `visible_to(user)`."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce

from koordinat.accounts.models import User
from koordinat.core.collation import sort_key
from koordinat.core.rows import Rows, first_filled, first_filled_of, label_columns
from koordinat.core.text import fold
from koordinat.core.translation import translated_columns
from koordinat.directory.models import Body, Organization
from koordinat.directory.selectors import by_name, by_short_name
from koordinat.places.models import District

from . import numbering
from .models import (
    Executor,
    Indicator,
    LegalAct,
    Measure,
    MeasureNumber,
    Plan,
    PlanImport,
    ReadsPeriod,
)


@dataclass(frozen=True)
class PlanFilters:
    q: str = ""
    kind: str = ""
    status: str = ""
    body_id: int | None = None
    coordinator_id: int | None = None


def plan_list(*, user: User | AnonymousUser, filters: PlanFilters) -> QuerySet[Plan]:
    qs = Plan.objects.visible_to(user).select_related("coordinator")
    if filters.q:
        qs = qs.filter(search_text__contains=fold(filters.q))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.body_id:
        qs = qs.filter(owning_body_id=filters.body_id)
    if filters.coordinator_id:
        qs = qs.filter(coordinator_id=filters.coordinator_id)
    # A count per listed plan from the outline index, not a GROUP BY over every measure of every plan.
    counts = Measure.objects.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("*"))
    return qs.annotate(measure_count=Coalesce(Subquery(counts.values("n")), 0)).order_by(
        "-period_start", "code"
    )


def plan_list_filter_choices(*, user: User | AnonymousUser) -> dict[str, QuerySet[Any]]:
    """Only the bodies and organisations that own or coordinate a plan the user can see."""
    plans = Plan.objects.visible_to(user)
    return {
        "bodies": Body.objects.filter(pk__in=plans.values("owning_body_id")).order_by(*by_name()),
        "organizations": Organization.objects.filter(pk__in=plans.values("coordinator_id")).order_by(
            *by_short_name()
        ),
    }


def plan_get(*, user: User | AnonymousUser, code: str) -> Plan:
    return (
        Plan.objects.visible_to(user)
        .select_related("coordinator", "owning_body", "approved_by")
        .prefetch_related("amended_by", "parties__lead", "parties__coordinator")
        .get(code=code)
    )


@dataclass(frozen=True)
class MeasureFilters:
    area_id: int | None = None
    executor_id: int | None = None
    district_id: int | None = None
    q: str = ""


def _executors() -> "Prefetch[Any]":
    return Prefetch(
        "executors", queryset=Executor.objects.select_related("organization").order_by("position")
    )


@dataclass
class MeasureRow(ReadsPeriod):
    """One line of a plan's table, its texts in the page's language: read as values, since a page of
    a long plan is two hundred items. Not frozen: `with_executor_names` and execution's rows hook
    (`plans.extensions.measure_rows`) add what they know of each."""

    pk: int
    number: str
    text: str
    other_executors: str
    deadline_text: str
    deadline_kind: str
    deadline_start: datetime.date | None
    deadline_end: datetime.date | None
    deadline_recurrence: str
    deadline_offset: str
    deadline_anchor: str
    executor_names: list[tuple[str, bool]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # the columns an app above asked for


PERIOD_COLUMNS = [
    "deadline_text",
    "deadline_kind",
    "deadline_start",
    "deadline_end",
    "deadline_recurrence",
    "deadline_offset",
    "deadline_anchor",
]


def plan_measures(
    *,
    user: User | AnonymousUser,
    plan: Plan,
    filters: MeasureFilters,
    extra: Mapping[str, Any] | None = None,
) -> Rows[MeasureRow]:
    """The numbered tree in outline order; filters keep the matching items. Only what the plan's
    table shows, and the `extra` expressions an app above reads in the same query (each row's
    `extra`, by name)."""
    return _plan_rows(Measure.objects.visible_to(user).filter(plan=plan), plan, filters, extra or {})


def _plan_rows(
    qs: QuerySet[Measure], plan: Plan, filters: MeasureFilters, extra: Mapping[str, Any]
) -> Rows[MeasureRow]:
    if filters.area_id:
        qs = qs.filter(area_id=filters.area_id)
    if filters.executor_id:
        qs = qs.filter(
            pk__in=Executor.objects.filter(plan=plan, organization_id=filters.executor_id).values(
                "measure_id"
            )
        )
    if filters.district_id:
        qs = qs.filter(
            pk__in=Measure.districts.through.objects.filter(district_id=filters.district_id).values(
                "measure_id"
            )
        )
    if filters.q:
        qs = qs.filter(search_text__contains=fold(filters.q))
    text, other_executors = label_columns("text"), label_columns("other_executors")

    def row(values: Mapping[str, Any]) -> MeasureRow:
        return MeasureRow(
            pk=values["pk"],
            number=values["number"],
            text=first_filled_of(values, text),
            other_executors=first_filled_of(values, other_executors),
            deadline_text=values["deadline_text"],
            deadline_kind=values["deadline_kind"],
            deadline_start=values["deadline_start"],
            deadline_end=values["deadline_end"],
            deadline_recurrence=values["deadline_recurrence"],
            deadline_offset=values["deadline_offset"],
            deadline_anchor=values["deadline_anchor"],
            extra={name: values[name] for name in extra},
        )

    return Rows(
        qs.order_by("sort_key"),
        columns=["pk", "number", *PERIOD_COLUMNS, *text, *other_executors],
        row=row,
        **extra,
    )


def with_executor_names(measures: Iterable[MeasureRow]) -> list[MeasureRow]:
    """A page of the plan's table, each item with `executor_names` ((name, by agreement) pairs),
    lead first, as the page names them: read as plain rows, since a page of a long plan names
    several hundred executors."""
    measures = list(measures)
    columns = label_columns("short_name", "name", prefix="organization__")
    names: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for measure_id, by_agreement, *texts in (
        Executor.objects.filter(measure_id__any_of=[measure.pk for measure in measures])
        .order_by("measure_id", "position")
        .values_list("measure_id", "by_agreement", *columns)
    ):
        names[measure_id].append((first_filled(texts), by_agreement))
    for measure in measures:
        measure.executor_names = names[measure.pk]
    return measures


def agreeing_executors(*, user: User, measure: Measure | None) -> set[int]:
    """The organisations executing a measure by agreement, for pages that list its executors
    from elsewhere (an item under control lists its assignments)."""
    if measure is None:
        return set()
    return set(
        Executor.objects.filter(
            measure__in=Measure.objects.visible_to(user).filter(pk=measure.pk), by_agreement=True
        ).values_list("organization_id", flat=True)
    )


def measure_get(
    *, user: User | AnonymousUser, code: str, number: str, extra: Mapping[str, Any] | None = None
) -> Measure:
    """By current number, or by a number it had before an amendment renumbered it. With what its page
    shows: executors, districts (`district_list`, in the page's alphabet), indicators with their
    targets (`indicator_list`), former numbers (`former_number_list`) and whether it has sub-items
    (`has_children`). Whether each list has anything is read with the measure, so only the lists that
    do cost a query: most items have no indicator, former number or sub-item, and each empty list
    read was a tenth of the page. `extra`: annotations the page's panels read with it
    (core.extensions.PanelColumns)."""
    qs = (
        Measure.objects.visible_to(user)
        .filter(plan__code=code)
        .select_related("area", "plan")
        .annotate(
            parent_number=F("parent__number"),  # all the page shows of the parent
            has_districts=Exists(Measure.districts.through.objects.filter(measure_id=OuterRef("pk"))),
            has_indicators=Exists(Indicator.objects.filter(measure_id=OuterRef("pk"))),
            has_former_numbers=Exists(MeasureNumber.objects.filter(measure_id=OuterRef("pk"))),
            has_children=Exists(Measure.objects.filter(parent_id=OuterRef("pk"))),
            **(extra or {}),
        )
    )
    try:
        # get(), not first(): a number is unique in its plan, and an unordered query does not hash
        # each of its hundred selected columns to match them against an ordering
        measure = qs.get(number=number)
    except Measure.DoesNotExist:
        renumbered = qs.filter(former_numbers__number=number).order_by("-former_numbers__changed_at").first()
        if renumbered is None:
            raise
        measure = renumbered
    flags = measure.__dict__
    lookups: list[Any] = [_executors()]
    if flags["has_districts"]:
        lookups.append("districts")
    if flags["has_indicators"]:
        lookups.append(
            Prefetch(
                "indicators",
                queryset=Indicator.objects.select_related("source_organization").prefetch_related("targets"),
            )
        )
    if flags["has_former_numbers"]:
        lookups.append("former_numbers")
    prefetch_related_objects([measure], *lookups)
    measure.district_list = (
        sorted(measure.districts.all(), key=lambda district: sort_key(district.name))
        if flags["has_districts"]
        else []
    )
    measure.indicator_list = list(measure.indicators.all()) if flags["has_indicators"] else []
    measure.former_number_list = list(measure.former_numbers.all()) if flags["has_former_numbers"] else []
    return measure


def measure_children(*, user: User | AnonymousUser, measure: Measure) -> QuerySet[Measure]:
    """The sub-items a measure's page lists: number and text, in outline order; none asked for when
    `measure_get` read that it has none."""
    if measure.__dict__.get("has_children") is False:
        return Measure.objects.none()
    return (
        Measure.objects.visible_to(user)
        .filter(parent=measure)
        .select_related("plan")
        .only("number", "plan__code", *translated_columns("text"))
        .order_by("sort_key")
    )


def pending_import(*, user: User, token: str) -> PlanImport:
    return PlanImport.objects.get(token=token, created_by=user, status=PlanImport.Status.PENDING)


def plan_area_ids(*, plan: Plan) -> QuerySet[Any]:
    """Subqueries for the filter choices: no DISTINCT over wide rows, the database dedupes ids."""
    return Measure.objects.filter(plan=plan, area__isnull=False).values("area_id")


def plan_executor_ids(*, plan: Plan) -> QuerySet[Any]:
    return Executor.objects.filter(plan=plan).values("organization_id")


def plan_district_ids(*, plan: Plan) -> QuerySet[Any]:
    return Measure.districts.through.objects.filter(measure__plan=plan).values("district_id")


def plan_filter_choices(*, plan: Plan) -> dict[str, QuerySet[Any]]:
    """Areas, executors and districts of a plan the user may already see: the plan's visibility
    decides, so a public plan's executors are offered to anonymous visitors too."""
    return {
        "areas": Body.objects.filter(pk__in=plan_area_ids(plan=plan)).order_by(*by_name()),
        "executors": Organization.objects.filter(pk__in=plan_executor_ids(plan=plan)).order_by(
            *by_short_name()
        ),
        "districts": District.objects.filter(pk__in=plan_district_ids(plan=plan)).order_by(*by_name()),
    }


def legal_act_options(*, user: User) -> QuerySet[LegalAct]:
    """Acts offered as a plan's approving act: newest first."""
    return LegalAct.objects.order_by("-date", "pk") if user.is_authenticated else LegalAct.objects.none()


def indicator_get(*, user: User, measure: Measure, pk: int) -> Indicator:
    return measure.indicators.prefetch_related("targets").select_related("source_organization").get(pk=pk)


def next_child_number(*, plan: Plan, parent: Measure | None) -> str:
    """The number a new item would take at the end of `parent` (or of the plan's top level): after
    sections IV and V, section VI."""
    siblings = Measure.objects.filter(plan=plan, parent=parent).values_list("number", flat=True)
    counted = [
        (count, last)
        for last in (number.rpartition(".")[2] for number in siblings)
        if (count := numbering.value(last)) is not None
    ]
    last, written = max(counted, default=(0, "0"))
    following = str(last + 1) if written[0].isdigit() else numbering.to_roman(last + 1)
    return f"{parent.number}.{following}" if parent else following


# The public's reads: the same for every reader, signed in or not (the portal shows only what was
# published; `PublishedQuerySet.published`). -------------------------------------------------------

PUBLIC = AnonymousUser()


def published_plans() -> QuerySet[Plan]:
    """Published plans in force, then completed ones; newest first, each with its measure count."""
    counts = Measure.objects.filter(plan=OuterRef("pk")).order_by().values("plan").annotate(n=Count("*"))
    return (
        Plan.objects.published()
        .annotate(measure_count=Coalesce(Subquery(counts.values("n")), 0))
        .order_by("-status", "-period_start", "code")  # "in_force" sorts after "completed"
    )


def public_plan_get(*, code: str, extra: Mapping[str, Any] | None = None) -> Plan:
    """A published plan with what its public page shows of it, its coordinator and its act: only
    those columns (the page of a long plan is drawn cold often, and every column of three models was
    a tenth of it). Reading another field costs a query: add it here. `extra`: annotations the page's
    panels read with it (core.extensions.PanelColumns)."""
    return (
        Plan.objects.published()
        .annotate(**(extra or {}))
        .select_related("coordinator", "approved_by")
        .only(
            "code",
            "kind",
            *translated_columns("title"),
            "status",
            "visibility",
            "period_start",
            "period_end",
            "published_at",
            *translated_columns("coordinator__name"),
            "approved_by__kind",
            "approved_by__number",
            "approved_by__date",
            *translated_columns("approved_by__title"),
        )
        .get(code=code)
    )


def public_plan_measures(
    *, plan: Plan, q: str = "", extra: Mapping[str, Any] | None = None
) -> Rows[MeasureRow]:
    """A published plan's numbered measures as the public reads them (`plan_measures` for the public).
    `plan` is one `public_plan_get` has just read, so its publication is checked on the instance, not
    joined again into the query and its count (a tenth of a cold public page)."""
    measures = Measure.objects.filter(plan=plan) if plan.is_published else Measure.objects.none()
    return _plan_rows(measures, plan, MeasureFilters(q=q), extra or {})


def public_measure_get(*, code: str, number: str, extra: Mapping[str, Any] | None = None) -> Measure:
    return measure_get(user=PUBLIC, code=code, number=number, extra=extra)


def public_measure_children(*, measure: Measure) -> QuerySet[Measure]:
    return measure_children(user=PUBLIC, measure=measure)


@dataclass(frozen=True)
class PublicMeasureRow:
    """A measure found elsewhere than its plan's page (search, an organisation's or a district's)."""

    pk: int
    plan_code: str
    plan_title: str
    number: str
    text: str
    role: str = ""


def _public_rows(qs: QuerySet[Measure], *, role_of: int | None = None) -> Rows[PublicMeasureRow]:
    text, title = label_columns("text"), label_columns("title", prefix="plan__")
    columns = ["pk", "number", "plan__code", *text, *title]
    if role_of is not None:
        role = Executor.objects.filter(measure_id=OuterRef("pk"), organization_id=role_of).values("role")[:1]
        qs = qs.annotate(executor_role=Subquery(role))
        columns.append("executor_role")

    def row(values: Mapping[str, Any]) -> PublicMeasureRow:
        return PublicMeasureRow(
            pk=values["pk"],
            plan_code=values["plan__code"],
            plan_title=first_filled(values[column] for column in title),
            number=values["number"],
            text=first_filled(values[column] for column in text),
            role=values.get("executor_role") or "",
        )

    return Rows(qs.order_by("plan__code", "sort_key"), columns=columns, row=row)


def public_measure_search(*, q: str) -> Rows[PublicMeasureRow]:
    """Measures of published plans whose number or text holds `q`, case and letters folded
    ("seher" finds "şəhər", "agdam" finds "Ağdam", "ежегодно" finds "ёжегодно")."""
    return _public_rows(Measure.objects.published().filter(search_text__contains=fold(q)))


def public_plan_search(*, q: str) -> QuerySet[Plan]:
    return published_plans().filter(search_text__contains=fold(q))


def public_executions(*, organization_id: int) -> Rows[PublicMeasureRow]:
    """The measures of published plans the organisation executes, with its role on each."""
    measures = Executor.objects.filter(organization_id=organization_id).values("measure_id")
    return _public_rows(Measure.objects.published().filter(pk__in=measures), role_of=organization_id)


def public_district_measures(*, district_id: int) -> Rows[PublicMeasureRow]:
    """The measures of published plans carried out in the district."""
    measures = Measure.districts.through.objects.filter(district_id=district_id).values("measure_id")
    return _public_rows(Measure.objects.published().filter(pk__in=measures))


def public_executor_ids() -> QuerySet[Any]:
    """The organisations executing a measure of a published plan: the ones the public may look up."""
    return Executor.objects.filter(plan__in=Plan.objects.published()).values("organization_id")


def public_district_ids() -> QuerySet[Any]:
    """The districts with a measure of a published plan."""
    return Measure.districts.through.objects.filter(measure__plan__in=Plan.objects.published()).values(
        "district_id"
    )


def public_measure_districts(*, measure_ids: list[int]) -> dict[int, list[str]]:
    """The districts of these measures of published plans, by measure, each named in the page's
    language in its alphabet's order: one query, for a chunk of an open-data file."""
    names: dict[int, list[str]] = defaultdict(list)
    columns = label_columns("name", prefix="district__")
    for measure_id, *texts in (
        Measure.districts.through.objects.filter(
            measure_id__in=measure_ids, measure__plan__in=Plan.objects.published()
        )
        .order_by()
        .values_list("measure_id", *columns)
    ):
        names[measure_id].append(first_filled(texts))
    return {measure_id: sorted(found, key=sort_key) for measure_id, found in names.items()}


def recently_published_plans(*, limit: int) -> QuerySet[Plan]:
    """Published plans, the latest published first: what a feed of news announces."""
    return Plan.objects.published().filter(published_at__isnull=False).order_by("-published_at", "pk")[:limit]
