"""What the portal reads, through the selectors of the apps below it: only what was published, the
same for every reader (a signed-in coordinator previews exactly what the public sees)."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from koordinat.analytics.discipline import Discipline, figures_of
from koordinat.directory import selectors as directory_selectors
from koordinat.directory.models import Organization
from koordinat.execution import selectors as execution_selectors
from koordinat.execution.models import PublicStatus
from koordinat.execution.selectors import PublicEntry
from koordinat.places import selectors as place_selectors
from koordinat.places.models import District
from koordinat.plans import selectors as plan_selectors
from koordinat.plans.models import Plan
from koordinat.plans.selectors import PublicMeasureRow

from . import extensions

RECORD_DAYS = 365  # the on-time record covers the last year


@dataclass
class PlanProgress:
    """A published plan on the home page: how many of its measures stand at each public status."""

    plan: Plan
    counts: dict[str, int]

    @property
    def measure_count(self) -> int:
        return int(getattr(self.plan, "measure_count", 0))

    @property
    def completed(self) -> int:
        return self.counts.get(PublicStatus.COMPLETED, 0)

    @property
    def statuses(self) -> list[tuple[str, int]]:
        """(label, count) of each public status some measure has, in the vocabulary's order."""
        return [
            (str(status.label), self.counts[status]) for status in PublicStatus if self.counts.get(status)
        ]

    @property
    def without_status(self) -> int:
        return max(self.measure_count - sum(self.counts.values()), 0)


def home_plans() -> list[PlanProgress]:
    """Published plans, in force first, with their public progress: two queries."""
    plans = list(plan_selectors.published_plans())
    counts = execution_selectors.public_status_counts(plan_ids=[plan.pk for plan in plans])
    return [PlanProgress(plan=plan, counts=counts.get(plan.pk, {})) for plan in plans]


def with_entries(rows: list[Any], *, with_evidence: bool = False) -> dict[int, PublicEntry]:
    """The public entries of a page of measures (rows with `pk`), by measure: one query."""
    return execution_selectors.public_entries(
        measure_ids=[row.pk for row in rows], with_evidence=with_evidence
    )


def public_organization_ids() -> Any:
    return plan_selectors.public_executor_ids()


def organization_get(*, pk: int) -> Organization:
    return directory_selectors.public_organization_get(pk=pk, among=public_organization_ids())


def _public_district_filter() -> Q:
    """Districts with a measure of a published plan, or with what an app above publishes there."""
    condition = Q(pk__in=plan_selectors.public_district_ids())
    for ids in extensions.public_districts():
        condition |= Q(pk__in=ids)
    return condition


def district_get(*, pk: int) -> District:
    """A district with something public: a measure of a published plan, or an app's (an event)."""
    return (
        place_selectors.district_list(user=plan_selectors.PUBLIC).filter(_public_district_filter()).get(pk=pk)
    )


def public_districts() -> Any:
    return place_selectors.district_list(user=plan_selectors.PUBLIC).filter(_public_district_filter())


def on_time_record(*, organization: Organization, today: datetime.date) -> Discipline:
    """The organisation's deadline discipline over the last year (analytics.discipline's figures)."""
    figures = figures_of(
        organizations=Organization.objects.filter(pk=organization.pk),
        start=today - datetime.timedelta(days=RECORD_DAYS),
        end=today,
        today=today,
    )
    return figures.get(organization.pk) or Discipline(organization_id=organization.pk)


@dataclass
class SearchResults:
    q: str
    plans: list[Plan] = field(default_factory=list)
    measures: list[PublicMeasureRow] = field(default_factory=list)
    measure_count: int = 0
    organizations: list[Organization] = field(default_factory=list)
    districts: list[District] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.plans) + self.measure_count + len(self.organizations) + len(self.districts)


SEARCH_LIMIT = 50


def search(*, q: str) -> SearchResults:
    """Plans, measures, organisations and districts matching `q` in any language, ignoring case and the
    letters Azerbaijani and Russian add to the Latin and Cyrillic alphabets (core.text.fold)."""
    results = SearchResults(q=q)
    if not q:
        return results
    results.plans = list(plan_selectors.public_plan_search(q=q)[:SEARCH_LIMIT])
    measures = plan_selectors.public_measure_search(q=q)
    page = measures.page("1", SEARCH_LIMIT)
    results.measures, results.measure_count = list(page.object_list), page.paginator.count
    results.organizations = list(
        directory_selectors.public_organization_search(
            q=q, among=public_organization_ids(), limit=SEARCH_LIMIT
        )
    )
    results.districts = list(place_selectors.district_search(q=q).filter(_public_district_filter()))
    return results


def home_plans_of(*, plan: Plan) -> PlanProgress:
    """One published plan's public progress (its `measure_count` set by the caller): one query."""
    return PlanProgress(plan=plan, counts=execution_selectors.public_status_counts_of(plan=plan))
