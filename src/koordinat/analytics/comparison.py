"""Comparison of periods: a quarter beside the one before it and the same quarter a year earlier, per
executing organisation (its own assignments and reports, as on its dashboard) or per area of a
collegial body (its items judged on their lead executors, as on its dashboard). Each count links to
the register's items behind it, under the same rules as the dashboards (execution.timeliness)."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, F, IntegerField, Q
from django.db.models.functions import Coalesce
from django.urls import reverse

from koordinat.accounts.models import User
from koordinat.core.collation import sort_key
from koordinat.core.rows import first_filled, label_columns
from koordinat.directory.models import Body, Organization
from koordinat.execution import register
from koordinat.execution.models import Assignment, Report
from koordinat.execution.register import RegisterFilters, register_url
from koordinat.execution.timeliness import (
    COMPLETED_ON_TIME,
    REPORT_ON_TIME,
    answering,
    completion_due,
    last_due_day,
    report_due,
)

from .periods import Period

BY_ORGANIZATION, BY_BODY = "organization", "body"
# The area of an item: the body owning its plan, or the body whose meeting gave the instruction.
ITEM_AREA = Coalesce(
    F("item__measure__plan__owning_body_id"),
    F("item__instruction__minutes__meeting__body_id"),
    output_field=IntegerField(),
)


@dataclass
class Counts:
    due: int = 0
    on_time: int = 0
    due_url: str = ""
    on_time_url: str = ""

    @property
    def rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


@dataclass
class Compared:
    pk: int
    name: str
    url: str  # the dashboard
    completions: list[Counts]
    reports: list[Counts]


def compare(*, user: User, by: str, periods: list[Period], today: datetime.date) -> list[Compared]:
    """Every organisation (or body) with something due in one of the periods, in the page's alphabet
    of names; three queries."""
    key = "organization_id" if by == BY_ORGANIZATION else "area"
    answers = Assignment.objects.visible_to(user).filter(answering(None) if by == BY_BODY else Q())
    reports = Report.objects.owed_known_to(user)
    if by == BY_BODY:
        answers = answers.annotate(area=ITEM_AREA).filter(area__isnull=False)
        reports = reports.annotate(area=ITEM_AREA).filter(area__isnull=False)
    completion_counts: dict[str, Any] = {}
    report_counts: dict[str, Any] = {}
    for index, period in enumerate(periods):
        if not period.has_begun(today):
            continue
        last_due = last_due_day(period.end, today)
        due = completion_due(period.start, last_due)
        completion_counts[f"due_{index}"] = Count("pk", filter=due)
        completion_counts[f"on_time_{index}"] = Count("pk", filter=due & COMPLETED_ON_TIME)
        sent_due = report_due(period.start, last_due)
        report_counts[f"due_{index}"] = Count("pk", filter=sent_due)
        report_counts[f"on_time_{index}"] = Count("pk", filter=sent_due & REPORT_ON_TIME)
    found: dict[int, dict[str, list[int]]] = defaultdict(
        lambda: {"completions": [0] * 2 * len(periods), "reports": [0] * 2 * len(periods)}
    )
    for name, queryset, counts in (
        ("completions", answers, completion_counts),
        ("reports", reports, report_counts),
    ):
        if not counts:
            continue
        for values in queryset.order_by().values(key).annotate(**counts).values(key, *counts):
            figures = found[values[key]][name]
            for index in range(len(periods)):
                figures[2 * index] = values.get(f"due_{index}", 0)
                figures[2 * index + 1] = values.get(f"on_time_{index}", 0)
    rows = {
        pk: figures for pk, figures in found.items() if any(figures["completions"]) or any(figures["reports"])
    }
    return [
        Compared(
            pk=pk,
            name=name,
            url=reverse(f"analytics:dashboard_{by}", args=[pk]),
            completions=_counts(by, pk, periods, today, rows[pk]["completions"], completion=True),
            reports=_counts(by, pk, periods, today, rows[pk]["reports"], completion=False),
        )
        for pk, name in _names(user=user, by=by, pks=list(rows))
    ]


def _counts(
    by: str, pk: int, periods: list[Period], today: datetime.date, figures: list[int], *, completion: bool
) -> list[Counts]:
    base = (
        RegisterFilters(status=register.ANY, body=pk)
        if by == BY_BODY
        else RegisterFilters(status=register.ANY, organization=pk)
    )
    counts = []
    for index, period in enumerate(periods):
        last_due = last_due_day(period.end, today)
        if completion:
            dates: dict[str, Any] = {"control_from": period.start, "control_to": last_due}
            due = replace(base, **dates, completion=register.DUE)
            on_time = replace(base, **dates, completion=register.ON_TIME)
        else:
            dates = {"reports_from": period.start, "reports_to": last_due}
            due = replace(base, **dates, reports=register.DUE)
            on_time = replace(base, **dates, reports=register.ON_TIME)
        counts.append(
            Counts(
                due=figures[2 * index],
                on_time=figures[2 * index + 1],
                due_url=register_url(due),
                on_time_url=register_url(on_time),
            )
        )
    return counts


def _names(*, user: User, by: str, pks: list[int]) -> list[tuple[int, str]]:
    """(pk, name) of the rows, ordered by the name the page shows."""
    if by == BY_ORGANIZATION:
        labels = label_columns("short_name", "name")
        named = [
            (pk, first_filled(texts))
            for pk, *texts in Organization.objects.visible_to(user)
            .filter(pk__in=pks)
            .values_list("pk", *labels)
        ]
    else:
        labels = label_columns("name")
        named = [
            (pk, first_filled(texts))
            for pk, *texts in Body.objects.visible_to(user).filter(pk__in=pks).values_list("pk", *labels)
        ]
    return sorted(named, key=lambda pair: (sort_key(pair[1]), pair[0]))
