"""What the dialogue's pages read. Public reads show only accepted submissions of published plans and
published answers; office reads take the user."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from koordinat.accounts.permissions import is_administrator, is_coordinator
from koordinat.core.translation import translated_columns
from koordinat.directory.selectors import organization_scope
from koordinat.events.models import Event
from koordinat.events.permissions import speaks_for_an_organisation
from koordinat.plans.models import Measure, Plan

from .models import Answer, Citizen, Submission, on_published_target
from .routing import working_days_between


def _public_rows() -> QuerySet[Submission]:
    return (
        Submission.objects.public()
        .select_related("citizen", "organization", "plan", "measure", "event")
        .order_by("-moderated_at", "-pk")
    )


def with_public_answers(rows: QuerySet[Submission]) -> list[Submission]:
    """The rows with `public_answer` (the published answer or None): one more query, when there are any."""
    found = list(rows)
    if not found:
        return found
    answers = {
        answer.submission_id: answer
        for answer in Answer.objects.filter(
            submission__in=[row.pk for row in found], status=Answer.Status.PUBLISHED
        ).only("submission_id", "published_at", "text_az", "text_ru", "text_en")
    }
    for row in found:
        row.public_answer = answers.get(row.pk)  # type: ignore[attr-defined]
    return found


def _accepted_off_events() -> QuerySet[Submission]:
    return Submission.objects.filter(status=Submission.Status.ACCEPTED, event__isnull=True)


def _cards_on_published_page() -> QuerySet[Submission]:
    """The accepted submissions as a published plan's or measure's public page shows them (the
    callers check the publication on the instance the page read): only the card's columns, no join
    to the plan or an event. That page is drawn cold at national scale, and the full public query
    planned six tables for a panel mostly empty."""
    return (
        _accepted_off_events()
        .select_related("citizen", "organization")
        .only(
            "kind",
            "text",
            "language",
            "moderated_at",
            "answer_due",
            "answered_at",
            "citizen__name",
            "citizen__organization_name",
            *translated_columns("organization__name"),
        )
        .order_by("-moderated_at", "-pk")
    )


def public_for_measure(*, measure: Measure) -> list[Submission]:
    """On a measure its public page has just read (`public_measure_get`): its plan's publication is
    checked on the instance, not joined again."""
    if not measure.plan.is_published:
        return []
    return with_public_answers(_cards_on_published_page().filter(measure_id=measure.pk))


def has_public_on_measure() -> Exists:
    """Whether the measure of the outer query's row (OuterRef "pk") has any `public_for_measure`."""
    return Exists(_accepted_off_events().filter(measure_id=OuterRef("pk")))


def public_for_plan(*, plan: Plan) -> list[Submission]:
    """Submissions on a plan as a whole (not on one of its measures), of a plan its public page has
    just read (`public_plan_get`): its publication is checked on the instance, not joined again."""
    if not plan.is_published:
        return []
    return with_public_answers(
        _cards_on_published_page().filter(plan_id=plan.pk, target=Submission.Target.PLAN)
    )


def has_public_on_plan() -> Exists:
    """Whether the plan of the outer query's row (OuterRef "pk") has any `public_for_plan`: read with
    the plan, so that its page asks nothing more of a plan without."""
    return Exists(_accepted_off_events().filter(plan_id=OuterRef("pk"), target=Submission.Target.PLAN))


def public_get(*, pk: int) -> Submission:
    found = with_public_answers(_public_rows().filter(pk=pk))
    if not found:
        raise Submission.DoesNotExist
    return found[0]


def moderation_log() -> QuerySet[Submission]:
    """Every decision on plans and events still published, newest first: date, reference, decision and
    reason; the page shows a rejected submission's text never."""
    return (
        Submission.objects.filter(status__in=[Submission.Status.ACCEPTED, Submission.Status.REJECTED])
        .filter(on_published_target())
        .select_related("plan", "measure", "event")
        .only(
            "pk",
            "kind",
            "status",
            "reason",
            "reason_text",
            "moderated_at",
            "target",
            "plan__code",
            "measure__number",
            "event__title",
        )
        .order_by("-moderated_at", "-pk")
    )


def citizen_submissions(*, citizen: Citizen) -> QuerySet[Submission]:
    return (
        Submission.objects.filter(citizen=citizen)
        .select_related("plan", "measure", "event", "organization")
        .order_by("-created_at", "-pk")
    )


def citizen_submission_get(*, citizen: Citizen, pk: int) -> Submission:
    return Submission.objects.select_related("plan", "measure", "event").get(citizen=citizen, pk=pk)


# The office


def moderation_queue(*, user: Any) -> QuerySet[Submission]:
    """Pending submissions the user may decide on: all for an administrator; for a coordinator, those
    on plans their organisation coordinates; for a coordinator or body secretary, those on events
    their organisation organises."""
    rows = Submission.objects.filter(status=Submission.Status.PENDING).select_related(
        "plan", "measure", "event", "citizen"
    )
    if not (user.is_authenticated and user.is_active):
        return rows.none()
    if not is_administrator(user):
        rows = rows.filter(_moderated_by_scope(user))
    return rows.order_by("created_at", "pk")


def answers_owed(*, user: Any) -> QuerySet[Submission]:
    """Accepted submissions routed to the user's organisation (or its units), unanswered first, by due date."""
    if not (user.is_authenticated and user.is_active):
        return Submission.objects.none()
    return (
        Submission.objects.filter(
            status=Submission.Status.ACCEPTED, organization_id__in=organization_scope(user)
        )
        .select_related("plan", "measure", "event", "organization")
        .order_by(F("answered_at").asc(nulls_first=True), "answer_due", "pk")
    )


def _moderated_by_scope(user: Any) -> Q:
    """What the user's side moderates (see permissions.can_moderate): its coordinators the plans it
    coordinates; its coordinators and secretaries the events it organises."""
    scope = organization_scope(user)
    mine = Q(pk__in=[])
    if is_coordinator(user):
        mine |= Q(plan__coordinator_id__in=scope)
    if speaks_for_an_organisation(user):
        organised = Event.organizers.through.objects.filter(organization_id__in=scope).values("event_id")
        mine |= Q(event_id__in=organised)
    return mine


def office_visible(*, user: Any) -> QuerySet[Submission]:
    """What an office user may open: what they moderate or answer; administrators everything. A pending
    or rejected submission's text is internal to its moderators."""
    if not (user.is_authenticated and user.is_active):
        return Submission.objects.none()
    rows = Submission.objects.exclude(status=Submission.Status.WITHDRAWN).select_related(
        "plan", "measure", "event", "organization", "citizen", "moderated_by"
    )
    if is_administrator(user):
        return rows
    scope = organization_scope(user)
    moderated = rows.filter(_moderated_by_scope(user)).values("pk")
    return rows.filter(
        Q(pk__in=moderated)
        | Q(plan__coordinator_id__in=scope)
        | Q(organization_id__in=scope, status=Submission.Status.ACCEPTED)
    )


def for_item(*, measure_id: int) -> list[Submission]:
    """The accepted submissions on a measure, for its item's page in the office."""
    return list(
        Submission.objects.filter(measure_id=measure_id, status=Submission.Status.ACCEPTED)
        .select_related("organization")
        .order_by(F("answered_at").asc(nulls_first=True), "answer_due", "pk")
    )


def days_late(submission: Submission, today: datetime.date) -> int:
    """Working days past the due date: of the answer when it was published, else of today."""
    if submission.answer_due is None:
        return 0
    end = timezone.localdate(submission.answered_at) if submission.answered_at else today
    return working_days_between(submission.answer_due, end)


@dataclass
class OnTime:
    """An organisation's answers to citizens due in a period."""

    due: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0  # due, still unanswered

    @property
    def share(self) -> int | None:
        """Per cent answered on time of those due; None when none was due."""
        return round(100 * self.on_time / self.due) if self.due else None


def on_time(
    *, organization_ids: list[int], start: datetime.date, end: datetime.date, today: datetime.date
) -> dict[int, OnTime]:
    """Per organisation, of the accepted submissions due from `start` to `end` (and by today): how many
    were answered by their date, late, or not yet (one not yet due and not answered is not counted):
    one query."""
    rows = (
        Submission.objects.filter(
            status=Submission.Status.ACCEPTED,
            organization_id__in=organization_ids,
            answer_due__gte=start,
            answer_due__lte=end,
        )
        .filter(Q(answer_due__lt=today) | Q(answered_at__isnull=False))
        .values("organization_id")
        .annotate(
            due=Count("pk"),
            on_time=Count("pk", filter=Q(answered_at__date__lte=F("answer_due"))),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
        )
    )
    found = {}
    for row in rows:
        found[row["organization_id"]] = OnTime(
            due=row["due"],
            on_time=row["on_time"],
            late=row["answered"] - row["on_time"],
            overdue=row["due"] - row["answered"],
        )
    return found


# Open data: the public lists whole, read a chunk at a time


def public_submission_rows() -> QuerySet[Submission]:
    """Accepted submissions of published plans as the public pages list them, without their citizen:
    the files name no one."""
    return (
        Submission.objects.public()
        .select_related("organization", "plan", "measure")
        .defer("citizen", "moderated_by", "reason", "reason_text")
        .order_by("-moderated_at", "-pk")
    )


def public_answers(*, submission_ids: list[int]) -> dict[int, Answer]:
    """The published answers of these submissions (a draft never): one query."""
    return {
        answer.submission_id: answer
        for answer in Answer.objects.filter(submission__in=submission_ids, status=Answer.Status.PUBLISHED)
    }


def public_recently_answered(*, limit: int) -> list[Submission]:
    """For the feed: public submissions whose answer was published, latest first, with `public_answer`."""
    rows = public_submission_rows().filter(answered_at__isnull=False).order_by("-answered_at", "-pk")[:limit]
    return with_public_answers(rows)


def public_for_event(*, event_id: int) -> list[Submission]:
    """The accepted submissions on a published event with their published answers: two queries."""
    return with_public_answers(_public_rows().filter(event_id=event_id))


def for_event(*, event_id: int) -> list[Submission]:
    """The accepted submissions on an event, for its office page: unanswered first, by due date."""
    return list(
        Submission.objects.filter(event_id=event_id, status=Submission.Status.ACCEPTED)
        .select_related("organization")
        .order_by(F("answered_at").asc(nulls_first=True), "answer_due", "pk")
    )
