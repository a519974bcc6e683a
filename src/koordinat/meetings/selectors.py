"""Reads of meetings and instructions; each starts from `visible_to(user)`."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Case, Count, OuterRef, Prefetch, QuerySet, Subquery, When

from koordinat.accounts.models import User
from koordinat.accounts.permissions import is_office_manager
from koordinat.core.rows import Rows, first_filled, label_columns
from koordinat.core.selectors import within
from koordinat.directory.models import Body, Organization, Person
from koordinat.directory.selectors import by_name, by_person_name
from koordinat.plans.models import Measure, Plan

from .models import AgendaItem, Instruction, InstructionExecutor, Meeting, Participant


@dataclass(frozen=True)
class MeetingFilters:
    body_id: int | None = None
    status: str = ""


@dataclass(frozen=True, slots=True)
class MeetingRow:
    """One line of the meeting register, its texts already in the page's language."""

    pk: int
    starts_at: datetime.datetime
    title: str
    number: int
    status: str
    body_name: str
    minutes_status: str | None
    instruction_count: int


def meeting_list(*, user: User | AnonymousUser, filters: MeetingFilters) -> Rows[MeetingRow]:
    """The meeting register's rows, read as values: only the columns it shows, newest first."""
    qs = Meeting.objects.visible_to(user)
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
    title, body_name = label_columns("title"), label_columns("body__name")

    def row(values: Mapping[str, Any]) -> MeetingRow:
        return MeetingRow(
            pk=values["pk"],
            starts_at=values["starts_at"],
            title=first_filled(values[column] for column in title),
            number=values["number"],
            status=values["status"],
            body_name=first_filled(values[column] for column in body_name),
            minutes_status=values["minutes__status"],
            instruction_count=values["instruction_count"] or 0,
        )

    return Rows(
        qs.order_by("-starts_at", "pk"),
        columns=["pk", "starts_at", "number", "status", "minutes__status", *title, *body_name],
        row=row,
        instruction_count=Subquery(counts.values("n")),
    )


def _instructions(user: User | AnonymousUser) -> QuerySet[Instruction]:
    executors = InstructionExecutor.objects.select_related("organization").order_by("position")
    return (
        Instruction.objects.visible_to(user)
        .select_related("controller", "control")
        .prefetch_related(Prefetch("executors", queryset=executors))
    )


def meeting_get(*, user: User | AnonymousUser, pk: int) -> Meeting:
    agenda = AgendaItem.objects.prefetch_related(
        Prefetch("speakers", queryset=Person.objects.order_by(*by_person_name(), "pk")),
        "measures__plan",
        "plans",
        "instructions__minutes",
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


def instruction_get(*, user: User | AnonymousUser, pk: int) -> Instruction:
    return (
        _instructions(user)
        .select_related("minutes__meeting__body", "agenda_item", "legal_act")
        .prefetch_related("measures__plan", "plans")
        .get(pk=pk)
    )


def measure_meetings(*, user: User | AnonymousUser, measure: Measure) -> QuerySet[AgendaItem]:
    """The agenda questions where the measure was discussed, newest meeting first: only what the
    measure's page shows of them (a meeting carries long texts in three languages)."""
    return (
        within(AgendaItem.objects.filter(measures=measure), "meeting", Meeting.objects.visible_to(user))
        .select_related("meeting__body")
        .only("position", "title", "meeting__starts_at", "meeting__number", "meeting__body__name")
        .order_by("-meeting__starts_at", "position")
    )


def measure_instructions(*, user: User | AnonymousUser, measure: Measure) -> QuerySet[Instruction]:
    """The instructions about a measure with their reference and control status: only what the
    measure's page shows of them."""
    return (
        Instruction.objects.visible_to(user)
        .filter(measures=measure)
        .select_related("minutes", "legal_act", "control")
        .only(
            "number",
            "text",
            "control_date",
            "letter_reference",
            "minutes__number",
            "legal_act__kind",
            "legal_act__number",
            "legal_act__date",
            "control__control_status",
        )
        .order_by("-control_date", "pk")
    )


def manageable_bodies(*, user: User) -> QuerySet[Body]:
    """The bodies whose meetings the user keeps: all for the office, their own for a secretary."""
    qs = Body.objects.visible_to(user).order_by(*by_name())
    if is_office_manager(user):
        return qs
    return qs.filter(secretary_id=user.person_id) if user.person_id else qs.none()


def keeps_any_body(*, user: User | AnonymousUser, visible: list[Any]) -> bool:
    """Whether the user keeps the meetings of some body; `visible` are the bodies the page already
    shows them (its filter's choices): the office keeps every one, so it asks nothing more."""
    if not user.is_authenticated:
        return False
    if is_office_manager(user):
        return bool(visible)
    return manageable_bodies(user=user).exists()


def instruction_controller_default(*, user: User, meeting: Meeting) -> Organization | None:
    """Who controls an instruction of this meeting unless the secretary says otherwise: the coordinator of
    the plan the body keeps (the one in force, else the latest), else the secretary's own organisation."""
    coordinator_id = (
        Plan.objects.visible_to(user)
        .filter(owning_body_id=meeting.body_id)
        .order_by(Case(When(status=Plan.Status.IN_FORCE, then=0), default=1), "-period_start", "-pk")
        .values_list("coordinator_id", flat=True)
        .first()
    )
    if coordinator_id is not None:
        return Organization.objects.filter(pk=coordinator_id).first()
    return user.organization


# The public's reads: meetings of public bodies whose minutes were published (`minutes_publish`),
# the same for every reader. No participants, speakers, chair or secretary: the public reads the body,
# the date, the agenda and the decisions.

PUBLIC = AnonymousUser()


def public_meetings(*, body_id: int | None = None) -> Rows[MeetingRow]:
    return meeting_list(user=PUBLIC, filters=MeetingFilters(body_id=body_id))


def public_meeting_get(*, pk: int) -> Meeting:
    executors = InstructionExecutor.objects.select_related("organization").order_by("position")
    decisions = (
        Instruction.objects.visible_to(PUBLIC)
        .prefetch_related(Prefetch("executors", queryset=executors))
        .order_by("pk")
    )
    return (
        Meeting.objects.visible_to(PUBLIC)
        .select_related("body", "minutes")
        .prefetch_related(
            Prefetch("agenda", queryset=AgendaItem.objects.order_by("position")),
            Prefetch("minutes__instructions", queryset=decisions),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True, slots=True)
class PublicMeetingRow:
    """A meeting of a public body with published minutes, as an open-data row: what its portal page
    shows, texts in the page's language."""

    pk: int
    body_id: int
    body_name: str
    number: int
    title: str
    starts_at: datetime.datetime
    place: str
    minutes_number: str
    minutes_date: datetime.date
    published_at: datetime.datetime | None


def public_meeting_rows() -> Rows[PublicMeetingRow]:
    title, body_name, place = label_columns("title"), label_columns("body__name"), label_columns("place")
    columns = ["pk", "body_id", "number", "starts_at", "minutes__number", "minutes__date"]

    def row(values: Mapping[str, Any]) -> PublicMeetingRow:
        return PublicMeetingRow(
            pk=values["pk"],
            body_id=values["body_id"],
            body_name=first_filled(values[column] for column in body_name),
            number=values["number"],
            title=first_filled(values[column] for column in title),
            starts_at=values["starts_at"],
            place=first_filled(values[column] for column in place),
            minutes_number=values["minutes__number"],
            minutes_date=values["minutes__date"],
            published_at=values["minutes__published_at"],
        )

    return Rows(
        Meeting.objects.visible_to(PUBLIC).order_by("-starts_at", "pk"),
        columns=[*columns, "minutes__published_at", *title, *body_name, *place],
        row=row,
    )


@dataclass(frozen=True, slots=True)
class PublicDecisionRow:
    """An instruction given in published minutes of a public body (the portal's "decisions")."""

    pk: int
    meeting_id: int
    number: str
    text: str
    control_date: datetime.date


def public_decisions() -> Rows[PublicDecisionRow]:
    text = label_columns("text")

    def row(values: Mapping[str, Any]) -> PublicDecisionRow:
        return PublicDecisionRow(
            pk=values["pk"],
            meeting_id=values["minutes__meeting_id"],
            number=values["number"],
            text=first_filled(values[column] for column in text),
            control_date=values["control_date"],
        )

    return Rows(
        Instruction.objects.visible_to(PUBLIC)
        .filter(minutes__meeting__in=Meeting.objects.visible_to(PUBLIC))
        .order_by("minutes__meeting_id", "pk"),
        columns=["pk", "minutes__meeting_id", "number", "control_date", *text],
        row=row,
    )


def public_decision_executors(*, instruction_ids: list[int]) -> dict[int, list[str]]:
    """The executors of these decisions by decision, lead first, by the names the portal shows: one query."""
    names: dict[int, list[str]] = {}
    columns = label_columns("short_name", "name", prefix="organization__")
    for instruction_id, *texts in (
        InstructionExecutor.objects.filter(
            instruction_id__in=instruction_ids, instruction__minutes__status="published"
        )
        .order_by("instruction_id", "position")
        .values_list("instruction_id", *columns)
    ):
        names.setdefault(instruction_id, []).append(first_filled(texts))
    return names
