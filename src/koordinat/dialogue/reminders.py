"""The daily reminders of answers owed to citizens, on the same ladder and through the same notices as
reports (notifications.reminders, decision 61): the answering organisation's focal points and head
from the first step, before the due date, on it and after it, each step once."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db import transaction

from koordinat.accounts.models import Role, User
from koordinat.core.calendar import default_calendar
from koordinat.core.dates import dates_in_range
from koordinat.notifications import targets
from koordinat.notifications.kinds import Kind
from koordinat.notifications.reminders import step_name, steps_on
from koordinat.notifications.services import Notice, notify
from koordinat.plans.reminders import default_ladder

from .models import Submission


def _notices(day: datetime.date) -> Iterator[Notice]:
    calendar = default_calendar([day.year - 1, day.year, day.year + 1])
    steps = steps_on(day, default_ladder(), calendar)
    if not steps:
        return
    owed = list(
        Submission.objects.awaiting_answer()
        .filter(answer_due__in=list(steps))
        .values("pk", "organization_id", "answer_due")
        .order_by("pk")
    )
    staff: dict[int, list[int]] = defaultdict(list)
    for pk, organization_id in User.objects.filter(
        is_active=True,
        organization_id__in={row["organization_id"] for row in owed},
        role__in=[Role.EXECUTOR, Role.HEAD],
    ).values_list("pk", "organization_id"):
        staff[organization_id].append(pk)
    path = targets.path("dialogue_office:submission", 987654321)
    for row in owed:
        due_date = row["answer_due"]
        assert due_date is not None  # awaiting an answer: accepted, so routed with a due date
        offset = steps[due_date]
        kind = Kind.ANSWER_OVERDUE if offset > 0 else Kind.ANSWER_DUE
        due = due_date.isoformat()
        key = f"ladder:answer:{row['pk']}:{step_name(offset)}:{due}"
        params: dict[str, Any] = {"item": f"D-{row['pk']}", "date": due}
        target = path.replace("987654321", str(row["pk"]))
        for recipient in staff.get(row["organization_id"], []):
            yield Notice(recipient, kind, key, target, params)


@dates_in_range
def send_answer_reminders(*, day: datetime.date) -> dict[str, Any]:
    """The daily job: the day's reminders of answers owed (none on a day off); run again, it writes
    nothing more."""
    with transaction.atomic():
        offered = notify(_notices(day))
    return {"day": day.isoformat(), "answer_reminders": offered}
