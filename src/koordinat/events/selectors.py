"""Reads of events: the organisers' own (the office pages) and what the public sees (published events
only, never a registrant's name or address)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from koordinat.accounts.models import User
from koordinat.directory.models import Body, Organization
from koordinat.directory.selectors import organization_scope
from koordinat.plans.models import Measure, Plan

from . import permissions
from .models import AgendaItem, Event, Proposal, Registration

# Office reads ------------------------------------------------------------------------------------


def event_list(*, user: User) -> QuerySet[Event]:
    """The events the user keeps: their organisation's (an administrator's: all), newest first."""
    events = Event.objects.select_related("district").annotate(
        confirmed=Count("registrations", filter=Q(registrations__confirmed_at__isnull=False))
    )
    if permissions.is_administrator(user):
        return events
    if not permissions.speaks_for_an_organisation(user):
        return events.none()
    mine = Event.organizers.through.objects.filter(organization_id__in=organization_scope(user)).values(
        "event_id"
    )
    return events.filter(pk__in=mine)


def event_get(*, user: User, pk: int) -> Event:
    """One of the user's events with everything its page shows; DoesNotExist for anyone else's."""
    return (
        event_list(user=user)
        .select_related("council")
        .prefetch_related(
            "organizers",
            "partners",
            Prefetch("agenda", queryset=AgendaItem.objects.select_related("measure__plan")),
            Prefetch("proposals", queryset=Proposal.objects.select_related("measure__plan")),
        )
        .get(pk=pk)
    )


def event_registrations(*, event: Event) -> QuerySet[Registration]:
    """For the organisers only (the page checks): who registered, confirmed or not."""
    return event.registrations.order_by("created_at", "pk")


def measure_find(*, code: str, number: str) -> Measure | None:
    """The measure an organiser names by its plan's code and its number; None when there is none."""
    return (
        Measure.objects.select_related("plan").filter(plan__code=code.strip(), number=number.strip()).first()
    )


def organizer_options(*, user: User) -> QuerySet[Organization]:
    return Organization.objects.visible_to(user).active().order_by("name")


def partner_options(*, user: User) -> QuerySet[Organization]:
    return (
        Organization.objects.visible_to(user)
        .active()
        .filter(kind=Organization.Kind.CIVIL_SOCIETY_ORGANISATION)
        .order_by("name")
    )


def council_options(*, user: User) -> QuerySet[Body]:
    return Body.objects.visible_to(user).filter(kind=Body.Kind.PUBLIC_COUNCIL).order_by("name")


# Public reads ------------------------------------------------------------------------------------


def _published_measure() -> Exists:
    return Exists(Plan.objects.published().filter(pk=OuterRef("measure__plan_id")))


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(is_published=True).select_related("district")


def public_event_list(
    *, now: datetime.datetime, district_id: int | None = None, kind: str = "", when: str = ""
) -> QuerySet[Event]:
    """Published events, filtered; upcoming ones soonest first, past ones latest first."""
    events = public_events()
    if district_id:
        events = events.filter(district_id=district_id)
    if kind:
        events = events.filter(kind=kind)
    if when == "upcoming":
        return events.filter(starts_at__gte=now).order_by("starts_at", "pk")
    if when == "past":
        return events.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    return events.order_by("-starts_at", "-pk")


def public_event_get(*, pk: int) -> Event:
    """A published event with what its page shows: agenda items and proposals marked `measure_public`
    when their measure's plan is published (only those link to the portal)."""

    def items(model: Any) -> QuerySet[Any]:
        return model.objects.select_related("measure__plan").annotate(measure_public=_published_measure())

    return (
        public_events()
        .select_related("council")
        .prefetch_related(
            Prefetch("organizers", queryset=Organization.objects.order_by("name")),
            Prefetch("partners", queryset=Organization.objects.order_by("name")),
            Prefetch("agenda", queryset=items(AgendaItem)),
            Prefetch("proposals", queryset=items(Proposal)),
        )
        .get(pk=pk)
    )


def public_district_events(*, district_id: int, limit: int = 20) -> list[Event]:
    return list(public_events().filter(district_id=district_id).order_by("-starts_at", "-pk")[:limit])


def public_measure_events(*, measure_id: int, limit: int = 20) -> list[Event]:
    """Published events with the measure on their agenda."""
    on_agenda = AgendaItem.objects.filter(measure_id=measure_id).values("event_id")
    return list(public_events().filter(pk__in=on_agenda).order_by("-starts_at", "-pk")[:limit])


def public_upcoming_events(*, now: datetime.datetime, limit: int = 5) -> list[Event]:
    return list(
        public_events()
        .filter(starts_at__gte=now)
        .exclude(status=Event.Status.CANCELLED)
        .order_by("starts_at", "pk")[:limit]
    )


def public_event_district_ids() -> QuerySet[Any]:
    return Event.objects.filter(is_published=True).values("district_id")


def public_council_ids() -> QuerySet[Any]:
    """Public councils the public may look up: marked public, or with a published event."""
    with_events = Event.objects.filter(is_published=True, council__isnull=False).values("council_id")
    return Body.objects.filter(
        Q(is_public=True) | Q(pk__in=with_events), kind=Body.Kind.PUBLIC_COUNCIL
    ).values("pk")


def public_council_events(*, council_id: int) -> list[Event]:
    return list(public_events().filter(council_id=council_id).order_by("-starts_at", "-pk"))


def confirmed_count(*, event: Event) -> int:
    return event.registrations.filter(confirmed_at__isnull=False).count()


# Open data: the same published events, whole lists read a chunk at a time -------------------------


def public_event_rows() -> QuerySet[Event]:
    """Published events as their pages show them, newest first: organisers and partners by name, the
    council; never a registration."""
    return (
        public_events()
        .select_related("council")
        .prefetch_related(
            Prefetch("organizers", queryset=Organization.objects.order_by("name")),
            Prefetch("partners", queryset=Organization.objects.order_by("name")),
        )
        .order_by("-starts_at", "-pk")
    )


def public_agenda_items() -> QuerySet[AgendaItem]:
    """The agenda of every published event, marked `measure_public` as on the event's page."""
    return (
        AgendaItem.objects.filter(event__is_published=True)
        .select_related("measure__plan")
        .annotate(measure_public=_published_measure())
        .order_by("-event__starts_at", "-event_id", "position", "pk")
    )


def public_event_proposals() -> QuerySet[Proposal]:
    """Proposals of published events that were held: the page shows them only then."""
    return (
        Proposal.objects.filter(event__is_published=True, event__status=Event.Status.HELD)
        .select_related("measure__plan")
        .annotate(measure_public=_published_measure())
        .order_by("-event__starts_at", "-event_id", "position", "pk")
    )


def public_councils() -> QuerySet[Body]:
    """The public councils the public may look up, with the authority each advises and its member
    organisations (names only), by name."""
    return (
        Body.objects.filter(pk__in=public_council_ids())
        .select_related("advises")
        .prefetch_related(Prefetch("member_organizations", queryset=Organization.objects.order_by("name")))
        .order_by("name", "pk")
    )


def public_recently_published_events(*, limit: int) -> list[Event]:
    """For the feed: the latest published events, by when they were published."""
    return list(public_events().filter(published_at__isnull=False).order_by("-published_at", "-pk")[:limit])
