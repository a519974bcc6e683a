"""Deadline discipline of executing organisations: the figures and the rules behind each.

Every figure counts one organisation's own assignments and reports (not its sub-units'), over
reports and control dates that fell due inside the period and before today, so a period still
running is judged only on what was already due. Figures are counted only for the organisations
the reader may see.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from koordinat.directory.models import Organization
from koordinat.execution.models import Assignment, ControlItem, ExecutionStatus, Extension, Report
from koordinat.execution.timeliness import (
    COMPLETED_ON_TIME,
    REPORT_LATE,
    REPORT_ON_TIME,
    completion_due,
    last_due_day,
    report_due,
)

RULES = {
    "on_time_submission": _(
        "Reports due in the period (due date passed) whose first submission came on or before the due date, "
        "out of all such reports."
    ),
    "on_time_completion": _(
        "Assignments whose control date fell in the period and has passed, completed on or before it "
        "(extended dates count as the control date), out of all such assignments."
    ),
    "overdue_now": _(
        "Assignments on items still under control whose control date has passed and that are not completed."
    ),
    "average_delay": _(
        "For reports due in the period that were sent late or not at all: the average number of days between "
        "the due date and the first submission (or today, if still not sent)."
    ),
    "extensions": _("Extension requests the organisation made in the period."),
}


@dataclass
class Discipline:
    organization_id: int
    reports_due: int = 0
    reports_on_time: int = 0
    completions_due: int = 0
    completed_on_time: int = 0
    overdue_now: int = 0
    late_delays: list[int] = field(default_factory=list)
    extensions: int = 0

    @property
    def on_time_submission_rate(self) -> float | None:
        return self.reports_on_time / self.reports_due if self.reports_due else None

    @property
    def on_time_completion_rate(self) -> float | None:
        return self.completed_on_time / self.completions_due if self.completions_due else None

    @property
    def average_delay_days(self) -> float | None:
        return sum(self.late_delays) / len(self.late_delays) if self.late_delays else None

    @property
    def late_reports(self) -> int:
        return len(self.late_delays)


def discipline(
    *,
    user: Any,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
    organization_ids: list[int] | None = None,
) -> dict[int, Discipline]:
    """The figures for every organisation the reader may see with something due in [start, end] (or
    only those asked for)."""
    organizations = Organization.objects.visible_to(user)
    if organization_ids is not None:
        organizations = organizations.filter(pk__in=organization_ids)
    return figures_of(organizations=organizations, start=start, end=end, today=today)


def figures_of(
    *, organizations: QuerySet[Organization], start: datetime.date, end: datetime.date, today: datetime.date
) -> dict[int, Discipline]:
    """The figures of the organisations given, whoever reads them: the caller has decided they may be
    shown (a reader's visible ones, or one the public portal looks up)."""
    last_due = last_due_day(end, today)
    figures: dict[int, Discipline] = defaultdict(lambda: Discipline(organization_id=0))

    def row(organization_id: int) -> Discipline:
        found = figures[organization_id]
        found.organization_id = organization_id
        return found

    chosen = organizations.values("pk")
    reports = Report.objects.filter(report_due(start, last_due), organization__in=chosen)
    assignments = Assignment.objects.filter(organization__in=chosen)
    extensions = Extension.objects.filter(
        requested_at__date__gte=start, requested_at__date__lte=end, organization__in=chosen
    )

    for organization_id, due, on_time in (
        reports.values("organization_id")
        .annotate(due=Count("pk"), on_time=Count("pk", filter=REPORT_ON_TIME))
        .values_list("organization_id", "due", "on_time")
    ):
        found = row(organization_id)
        found.reports_due, found.reports_on_time = due, on_time
    late = reports.filter(REPORT_LATE)
    for organization_id, due_date, submitted_at in late.values_list(
        "organization_id", "due_date", "first_submitted_at"
    ).iterator(chunk_size=5000):
        sent = submitted_at.date() if submitted_at else today
        row(organization_id).late_delays.append((sent - due_date).days)

    completions = assignments.filter(completion_due(start, last_due))
    for organization_id, due, on_time in (
        completions.values("organization_id")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=COMPLETED_ON_TIME),
        )
        .values_list("organization_id", "due", "on_time")
    ):
        found = row(organization_id)
        found.completions_due, found.completed_on_time = due, on_time
    overdue = (
        assignments.filter(item__control_status__in=ControlItem.OPEN_STATUSES, item__control_date__lt=today)
        .exclude(execution_status=ExecutionStatus.COMPLETED)
        .values("organization_id")
        .annotate(n=Count("pk"))
        .values_list("organization_id", "n")
    )
    for organization_id, count in overdue:
        row(organization_id).overdue_now = count
    for organization_id, count in (
        extensions.values("organization_id").annotate(n=Count("pk")).values_list("organization_id", "n")
    ):
        row(organization_id).extensions = count
    return dict(figures)


def league(figures: dict[int, Discipline]) -> list[Discipline]:
    """Best first: on-time submission, then on-time completion, then fewest overdue."""

    def key(row: Discipline) -> tuple[Any, ...]:
        return (
            -(row.on_time_submission_rate if row.on_time_submission_rate is not None else -1),
            -(row.on_time_completion_rate if row.on_time_completion_rate is not None else -1),
            row.overdue_now,
            row.organization_id,
        )

    return sorted(figures.values(), key=key)
