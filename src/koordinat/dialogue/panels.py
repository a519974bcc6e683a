"""What the dialogue adds to the pages of the apps below it: the portal's measure, plan, organisation
and home pages (public, the same for every reader), and the office's item and organisation pages."""

import datetime
from typing import Any

from koordinat.accounts.permissions import is_organization_staff
from koordinat.core import clock

from . import permissions, selectors

RECORD_DAYS = 365  # as the portal's on-time record


def _record(organization_id: int) -> selectors.OnTime:
    today = clock.today()
    figures = selectors.on_time(
        organization_ids=[organization_id],
        start=today - datetime.timedelta(days=RECORD_DAYS),
        end=today,
        today=today,
    )
    return figures.get(organization_id) or selectors.OnTime()


def with_lateness(rows: list[Any]) -> list[Any]:
    """Each row with `days_late`: working days its answer was (or is now) past its due date."""
    today = clock.today()
    for row in rows:
        row.days_late = selectors.days_late(row, today)
    return rows


def portal_measure(*, user: Any, obj: Any) -> dict[str, Any]:
    """Read only when the measure's page read that it has something to list (`measure_columns`)."""
    listed = getattr(obj, "has_public_submissions", True)
    rows = with_lateness(selectors.public_for_measure(measure=obj)) if listed else []
    return {"submissions": rows, "ask_plan": obj.plan.code, "ask_measure": obj.number}


def portal_plan(*, user: Any, obj: Any) -> dict[str, Any]:
    """Read only when the plan's page read that it has something to list (`plan_columns`)."""
    listed = getattr(obj, "has_public_submissions", True)
    rows = with_lateness(selectors.public_for_plan(plan=obj)) if listed else []
    return {"submissions": rows, "ask_plan": obj.code, "ask_measure": ""}


def measure_columns() -> dict[str, Any]:
    return {"has_public_submissions": selectors.has_public_on_measure()}


def plan_columns() -> dict[str, Any]:
    return {"has_public_submissions": selectors.has_public_on_plan()}


def portal_organization(*, user: Any, obj: Any) -> dict[str, Any]:
    return {"answers_record": _record(obj.pk), "record_days": RECORD_DAYS}


def portal_home(*, user: Any, obj: Any) -> dict[str, Any]:
    return {}


def item_submissions(*, user: Any, obj: Any) -> dict[str, Any] | None:
    """The citizens' questions and proposals on the item's measure, with their due dates and lateness."""
    if obj.measure_id is None or not user.is_authenticated:
        return None
    rows = selectors.for_item(measure_id=obj.measure_id)
    if not rows:
        return None
    for row in with_lateness(rows):
        row.may_answer = permissions.can_answer(user, row)
    return {"item_submissions": rows}


def portal_event(*, user: Any, obj: Any) -> dict[str, Any]:
    """Below a published event's public page (cached: the same for every reader)."""
    rows = with_lateness(selectors.public_for_event(event_id=obj.pk))
    return {"submissions": rows, "ask_event": obj.pk}


def event_submissions(*, user: Any, obj: Any) -> dict[str, Any] | None:
    """The questions and proposals on the event to answer, on its office page (its managers read it)."""
    if not user.is_authenticated:
        return None
    rows = selectors.for_event(event_id=obj.pk)
    if not rows:
        return None
    for row in with_lateness(rows):
        row.may_answer = permissions.can_answer(user, row)
    return {"item_submissions": rows}


def office_organization(*, user: Any, obj: Any) -> dict[str, Any] | None:
    if not user.is_authenticated:
        return None
    return {"answers_record": _record(obj.pk), "record_days": RECORD_DAYS}


def home_dialogue(*, user: Any, obj: Any) -> dict[str, Any] | None:
    """On the signed-in home page: citizens' submissions waiting for the reader's organisation's answer
    (executors and heads) or for moderation (coordinators and administrators)."""
    if not user.is_authenticated:
        return None
    moderates = permissions.can_see_moderation_queue(user)
    answers = is_organization_staff(user)
    if not (moderates or answers):
        return None
    return {
        "to_moderate": selectors.moderation_queue(user=user).count() if moderates else None,
        "to_answer": selectors.answers_owed(user=user).filter(answered_at__isnull=True).count()
        if answers
        else None,
    }


def register() -> None:
    from koordinat.core import extensions as core
    from koordinat.directory import extensions as directory
    from koordinat.events import extensions as events
    from koordinat.execution import extensions as execution
    from koordinat.portal import extensions as portal

    portal.measure.register(
        template="dialogue/includes/portal_submissions.html", context=portal_measure, columns=measure_columns
    )
    portal.plan.register(
        template="dialogue/includes/portal_submissions.html", context=portal_plan, columns=plan_columns
    )
    portal.organization.register(
        template="dialogue/includes/answers_record.html", context=portal_organization
    )
    core.home.register(template="dialogue/includes/home_dialogue.html", context=home_dialogue, order=120)
    portal.home.register(template="dialogue/includes/portal_home.html", context=portal_home)
    execution.item_page.register(template="dialogue/includes/item_submissions.html", context=item_submissions)
    events.public_event.register(template="dialogue/includes/portal_submissions.html", context=portal_event)
    events.event_page.register(template="dialogue/includes/item_submissions.html", context=event_submissions)
    directory.organization_page.register(
        template="dialogue/includes/answers_record.html", context=office_organization, order=120
    )
