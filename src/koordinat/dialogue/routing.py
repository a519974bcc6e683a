"""Where an accepted submission goes and by when: the one place that knows, per kind of target, which
organisation answers (decision 70)."""

import datetime

from django.conf import settings

from koordinat.core.calendar import default_calendar
from koordinat.directory.models import Organization
from koordinat.plans.models import Executor

from .models import AnswerTerm, Submission

DEFAULT_WORKING_DAYS = 10


def answering_organization(submission: Submission) -> Organization | None:
    """A measure's lead executor (its first executor when none is marked lead); a plan's coordinating
    organisation; an event's first organiser by name (then by id), the order the event's pages list
    its organisers in, so the answer goes where the public sees it going."""
    if submission.target == Submission.Target.EVENT:
        assert submission.event_id is not None
        return (
            Organization.objects.filter(organized_events=submission.event_id).order_by("name", "pk").first()
        )
    if submission.target == Submission.Target.MEASURE:
        assert submission.measure_id is not None
        executors = Executor.objects.filter(measure_id=submission.measure_id).select_related("organization")
        chosen = (
            executors.filter(role=Executor.Role.LEAD).order_by("position", "pk").first()
            or executors.order_by("position", "pk").first()
        )
        if chosen is not None:
            return chosen.organization
    assert submission.plan is not None
    return submission.plan.coordinator


def working_days_to_answer(submission: Submission) -> int:
    """The plan's own term, else (and on an event, which has no plan) the installation's
    (KOORDINAT_ANSWER_WORKING_DAYS, default 10)."""
    term = (
        AnswerTerm.objects.filter(plan_id=submission.plan_id).values_list("working_days", flat=True).first()
        if submission.plan_id is not None
        else None
    )
    if term:
        return term
    return int(getattr(settings, "KOORDINAT_ANSWER_WORKING_DAYS", DEFAULT_WORKING_DAYS))


def answer_due(accepted_on: datetime.date, working_days: int) -> datetime.date:
    calendar = default_calendar([accepted_on.year, accepted_on.year + 1])
    return calendar.add_working_days(accepted_on, working_days)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`):
    how late an answer given on `end` for a date `start` is."""
    if end <= start:
        return 0
    calendar = default_calendar(range(start.year, end.year + 1))
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        count += calendar.is_working_day(day)
    return count
