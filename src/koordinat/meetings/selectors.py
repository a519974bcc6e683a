"""Reads of meetings and instructions; each starts from `visible_to(user)`."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from koordinat.accounts.permissions import is_office_manager
from koordinat.directory.models import Body
from koordinat.plans.models import Measure

from .models import AgendaItem, Instruction, InstructionExecutor, Meeting, Participant


@dataclass(frozen=True)
class MeetingFilters:
    body_id: int | None = None
    status: str = ""


def meeting_list(*, user: Any, filters: MeetingFilters) -> QuerySet[Meeting]:
    qs = Meeting.objects.visible_to(user).select_related("body", "minutes")
    if filters.body_id:
        qs = qs.filter(body_id=filters.body_id)
    if filters.status:
        qs = qs.filter(status=filters.status)
    # Counted per row of the page (a correlated subquery), not by grouping every meeting: the page's
    # query and its paginator's count then read only what they show.
    counts = (
        Instruction.objects.filter(minutes__meeting=OuterRef("pk"))
        .order_by()
        .values("minutes")
        .annotate(n=Count("*"))
    )
    return (
        qs.annotate(instruction_count=Coalesce(Subquery(counts.values("n")), 0))
        # The register's columns only: a meeting, its body and minutes carry long texts in three
        # languages that building fifty rows would otherwise read and convert.
        .only("starts_at", "title", "number", "status", "body__name", "minutes__status")
        .order_by("-starts_at", "pk")
    )


def _instructions(user: Any) -> QuerySet[Instruction]:
    executors = InstructionExecutor.objects.select_related("organization").order_by("position")
    return (
        Instruction.objects.visible_to(user)
        .select_related("controller", "control")
        .prefetch_related(Prefetch("executors", queryset=executors))
    )


def meeting_get(*, user: Any, pk: int) -> Meeting:
    agenda = AgendaItem.objects.prefetch_related(
        "speakers", "measures__plan", "plans", "instructions__minutes"
    )
    participants = Participant.objects.select_related("person", "organization")
    return (
        Meeting.objects.visible_to(user)
        .select_related("body", "chair", "secretary", "minutes__approved_by", "minutes__recorded_by__person")
        .prefetch_related(
            Prefetch("agenda", queryset=agenda.order_by("position")),
            Prefetch("participants", queryset=participants),
            Prefetch("minutes__instructions", queryset=_instructions(user).order_by("pk")),
            "minutes__comments__author",
        )
        .get(pk=pk)
    )


def instruction_get(*, user: Any, pk: int) -> Instruction:
    return (
        _instructions(user)
        .select_related("minutes__meeting__body", "agenda_item", "legal_act")
        .prefetch_related("measures__plan", "plans")
        .get(pk=pk)
    )


def measure_meetings(*, user: Any, measure: Measure) -> QuerySet[AgendaItem]:
    """The agenda questions where the measure was discussed, newest meeting first."""
    meetings = Meeting.objects.visible_to(user)
    return (
        AgendaItem.objects.filter(measures=measure, meeting__in=meetings)
        .select_related("meeting__body")
        .order_by("-meeting__starts_at", "position")
    )


def measure_instructions(*, user: Any, measure: Measure) -> QuerySet[Instruction]:
    return (
        _instructions(user)
        .filter(measures=measure)
        .select_related("minutes__meeting__body", "legal_act")
        .order_by("-control_date", "pk")
    )


def manageable_bodies(*, user: Any) -> QuerySet[Body]:
    """The bodies whose meetings the user keeps: all for the office, their own for a secretary."""
    qs = Body.objects.visible_to(user).order_by("name", "pk")
    if is_office_manager(user):
        return qs
    return qs.filter(secretary_id=user.person_id) if user.person_id else qs.none()
