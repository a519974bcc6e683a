"""When a report and an item's completion count as on time: the one rule that deadline discipline,
the dashboards and the register's filters share (decision 62).

A report is on time when it was first sent on or before its due date; it counts once its due date
has passed (`last_due_day`). A completion falls due on the item's control date (an extended date
counts as the control date): the executor that answers for it — the lead, or on an organisation's
own figures that organisation — completed on time when its accepted status is "completed" with a
completion day on or before the control date. Cancelled items owe no completion.
"""

import datetime

from django.db.models import F, Q

from .models import Assignment, ControlItem, ExecutionStatus

REPORT_ON_TIME = Q(first_submitted_at__date__lte=F("due_date"))
REPORT_LATE = Q(first_submitted_at__isnull=True) | Q(first_submitted_at__date__gt=F("due_date"))

COMPLETED_ON_TIME = Q(execution_status=ExecutionStatus.COMPLETED, completed_on__lte=F("item__control_date"))
COMPLETED_LATE = (
    ~Q(execution_status=ExecutionStatus.COMPLETED)
    | Q(completed_on__isnull=True)
    | Q(completed_on__gt=F("item__control_date"))
)


def last_due_day(end: datetime.date, today: datetime.date) -> datetime.date:
    """The last day of a period whose reports and control dates are judged: a period still running
    is judged only on what fell due before today."""
    return min(end, today - datetime.timedelta(days=1))


def report_due(start: datetime.date, last_due: datetime.date) -> Q:
    """Reports due from `start` to `last_due` (a condition on Report)."""
    return Q(due_date__gte=start, due_date__lte=last_due)


def completion_due(start: datetime.date, last_due: datetime.date) -> Q:
    """Assignments whose item's control date fell from `start` to `last_due`, the item not cancelled
    (a condition on Assignment)."""
    return Q(item__control_date__gte=start, item__control_date__lte=last_due) & ~Q(
        item__control_status=ControlItem.Status.CANCELLED
    )


def answering(organization_id: int | None) -> Q:
    """The assignment that answers for an item's completion: the organisation's own when the figures
    are an organisation's, the lead executor's otherwise (a condition on Assignment)."""
    if organization_id:
        return Q(organization_id=organization_id)
    return Q(role=Assignment.Role.LEAD)
