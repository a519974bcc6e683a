"""A person's calendar feed (RFC 5545): the control dates of items their organisation executes or
controls (not yet executed), the reports it has still to send, and the meetings they or their organisation attend.

The feed is read by calendar programs without a session, so its address carries a secret
(`CalendarToken`); it shows what the token's owner may see and nothing else, in their language."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import clock, ical
from koordinat.directory.selectors import organization_scope
from koordinat.execution.models import Assignment, ControlItem, Report, ReportingCycle
from koordinat.meetings.documents import meeting_event
from koordinat.meetings.models import Meeting, Participant

from . import targets
from .models import CalendarToken
from .services import calendar_digest

# The feed starts this long before today: calendar programs keep what they have already read.
LOOKBACK = datetime.timedelta(days=92)


def owner(token: str) -> User | None:
    """The active user whose calendar address carries this secret; None for a revoked or forged one."""
    found = CalendarToken.objects.filter(digest=calendar_digest(token)).select_related("user").first()
    if found is None or not found.user.is_active:
        return None
    return found.user


def _control_items(user: User, since: datetime.date) -> Iterator[ical.Event]:
    mine = organization_scope(user)
    executed = Assignment.objects.filter(organization_id__in=mine).values("item_id")
    items = (
        ControlItem.objects.visible_to(user)
        .filter(
            Q(controller_id__in=mine) | Q(pk__in=executed),
            control_status__in=ControlItem.RUNNING_STATUSES,
            control_date__gte=since,
        )
        .select_related("measure__plan", "instruction__minutes", "instruction__legal_act")
        .order_by("control_date", "pk")
    )
    for item in items.iterator(chunk_size=2000):
        assert item.control_date is not None
        yield ical.Event(
            uid=f"control-{item.pk}@{ical.host()}",
            sequence=item.version,
            start=item.control_date,
            summary=_("Control date: %(item)s") % {"item": item},
            url=targets.absolute(targets.path("execution:item", item.pk), translation.get_language()),
        )


def _reports_due(user: User, since: datetime.date) -> Iterator[ical.Event]:
    reports = (
        Report.objects.visible_to(user)
        .filter(
            organization_id__in=organization_scope(user),
            status__in=(*Report.EDITABLE_STATUSES, Report.Status.AWAITING_APPROVAL),
            cycle__status=ReportingCycle.Status.OPEN,
            due_date__gte=since,
        )
        .select_related("item__measure__plan", "item__instruction__minutes", "item__instruction__legal_act")
        .order_by("due_date", "pk")
    )
    for report in reports.iterator(chunk_size=2000):
        yield ical.Event(
            uid=f"report-{report.pk}@{ical.host()}",
            sequence=report.version,
            start=report.due_date,
            summary=_("Report due: %(item)s") % {"item": report.item},
            url=targets.absolute(targets.path("execution:report", report.pk), translation.get_language()),
        )


def _meetings(user: User, since: datetime.date) -> Iterator[ical.Event]:
    invited = Q(organization_id__in=organization_scope(user))
    if user.person_id:
        invited |= Q(person_id=user.person_id)
    attending = Participant.objects.filter(invited).values("meeting_id")
    mine = Q(pk__in=attending)
    if user.person_id:
        mine |= Q(chair_id=user.person_id) | Q(secretary_id=user.person_id)
    meetings = (
        Meeting.objects.visible_to(user)
        .filter(
            mine,
            starts_at__gte=datetime.datetime.combine(
                since, datetime.time.min, tzinfo=timezone.get_current_timezone()
            ),
        )
        .select_related("body")
        .order_by("starts_at", "pk")
    )
    language = translation.get_language()
    for meeting in meetings.iterator(chunk_size=2000):
        event = meeting_event(meeting, language)
        yield ical.Event(
            **{
                **event.__dict__,
                "url": targets.absolute(targets.path("meetings:meeting", meeting.pk), language),
            }
        )


def feed(user: User) -> str:
    """The user's calendar, in their language."""
    since = clock.today() - LOOKBACK
    with translation.override(user.language):

        def events() -> Iterator[Any]:
            yield from _control_items(user, since)
            yield from _reports_due(user, since)
            yield from _meetings(user, since)

        return ical.calendar(events(), product="Calendar", name=_("Koordinat: control dates and meetings"))
