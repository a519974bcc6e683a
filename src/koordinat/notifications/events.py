"""What changed for whom: the audit events of execution and meetings turned into notices.

`on_audit_event` hears every event `core.audit.record` writes (core.extensions.audit_recorded) and,
for the actions below, queues `tasks.notify_event` after the service's transaction commits: the
person acting waits for none of it, and a job run twice writes nothing twice (the key is the event).
Nobody is told of what they did themselves."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import Q
from django_tasks import task

from koordinat.accounts.models import Role, User
from koordinat.core.models import AuditEvent
from koordinat.core.translation import in_each_language
from koordinat.execution.models import ControlItem, Extension, Report
from koordinat.meetings.models import Instruction, Meeting, Minutes

from . import targets
from .kinds import Kind
from .services import Notice, notify


def on_audit_event(*, event: AuditEvent) -> None:
    if event.action in HANDLERS:
        event_id = event.pk
        transaction.on_commit(lambda: notify_event_job.enqueue(event_id=event_id))


@task()
def notify_event_job(event_id: int) -> int:
    """The job that writes an event's notices after the change committed."""
    return notify_event(event_id)


def notify_event(event_id: int) -> int:
    """The notices one audit event gives rise to, written once."""
    event = AuditEvent.objects.filter(pk=event_id).first()
    if event is None or event.action not in HANDLERS:
        return 0
    notices = (
        Notice(
            recipient_id=recipient_id,
            kind=kind,
            key=f"event:{event.pk}",
            target=target,
            params=params,
        )
        for kind, recipient_ids, target, params in HANDLERS[event.action](event)
        for recipient_id in sorted(set(recipient_ids) - {event.actor_id})
    )
    return notify(notices)


# One handler per action: (kind, recipient ids, target, params) for each notice it gives rise to.
Announcement = tuple[str, Iterable[int], str, dict[str, Any]]


def staff(organization_ids: Iterable[int], *roles: str) -> list[int]:
    """The active users acting for these organisations in one of these roles."""
    return list(
        User.objects.filter(
            organization_id__in=list(organization_ids), role__in=roles, is_active=True
        ).values_list("pk", flat=True)
    )


def controllers(item: ControlItem) -> list[int]:
    """Who reviews for the controller: its named responsible person, else its coordinators."""
    if item.controller_person_id:
        named = list(
            User.objects.filter(person_id=item.controller_person_id, is_active=True).values_list(
                "pk", flat=True
            )
        )
        if named:
            return named
    return staff([item.controller_id], Role.COORDINATOR)


SHORT = 90


def shortened(reference: str, text: str) -> str:
    """How a notice names an item: its reference and the start of its text, cut at a word."""
    if not text:
        return reference
    if len(text) <= SHORT and " ".join(text.split()) == text:
        return f"{reference}. {text}"  # what textwrap.shorten gives, without its cost (the ladder's many)
    return f"{reference}. {textwrap.shorten(text, width=SHORT, placeholder='…')}"


def _item(item: ControlItem) -> dict[str, str]:
    return in_each_language(lambda: shortened(item.reference, item.text))


def _name(instance: Any) -> dict[str, str]:
    return in_each_language(lambda: str(instance))


def _report(event: AuditEvent) -> Report | None:
    report_id = event.data.get("report")
    return (
        Report.objects.select_related("item__measure__plan", "item__instruction__minutes", "organization")
        .filter(pk=report_id)
        .first()
    )


def _report_params(report: Report, event: AuditEvent) -> dict[str, Any]:
    return {
        "item": _item(report.item),
        "organization": _name(report.organization),
        "comment": event.data.get("comment", ""),
        "date": report.due_date.isoformat(),
    }


def to_the_organisation(kind: str, role: str) -> Callable[[AuditEvent], Iterator[Announcement]]:
    """A handler telling the report's own organisation's people of `role` about it: the focal
    points of a report returned (by the controller, or given back by the head) or accepted, the
    head of a report waiting for approval."""

    def announce(event: AuditEvent) -> Iterator[Announcement]:
        report = _report(event)
        if report:
            target = targets.path("execution:report", report.pk)
            yield kind, staff([report.organization_id], role), target, _report_params(report, event)

    return announce


def report_sent(event: AuditEvent) -> Iterator[Announcement]:
    """Sent to the controller (by the focal point, or by the head approving it): the controller reviews."""
    report = _report(event)
    if report:
        target = targets.path("execution:report", report.pk)
        yield Kind.REVIEW_WAITING, controllers(report.item), target, _report_params(report, event)


def _extension(event: AuditEvent) -> Extension | None:
    return (
        Extension.objects.select_related("item__measure__plan", "item__instruction__minutes", "organization")
        .filter(pk=event.data.get("extension"))
        .first()
    )


def extension_requested(event: AuditEvent) -> Iterator[Announcement]:
    extension = _extension(event)
    if extension:
        params = {
            "item": _item(extension.item),
            "organization": _name(extension.organization),
            "date": extension.new_date.isoformat(),
        }
        yield (
            Kind.EXTENSION_WAITING,
            controllers(extension.item),
            targets.path("execution:item", extension.item_id),
            params,
        )


def extension_decided(event: AuditEvent) -> Iterator[Announcement]:
    extension = _extension(event)
    if extension:
        params = {
            "item": _item(extension.item),
            "date": extension.new_date.isoformat(),
            "decision": "approved" if event.data.get("approve") else "refused",
            "comment": extension.comment,
        }
        yield (
            Kind.EXTENSION_DECIDED,
            [extension.requested_by_id],
            targets.path("execution:item", extension.item_id),
            params,
        )


def _instruction_text(instruction: Instruction) -> dict[str, str]:
    return in_each_language(lambda: shortened(instruction.reference, instruction.text))


def _instructions(instructions: Iterable[Instruction]) -> Iterator[Announcement]:
    """Each instruction's executing organisations' focal points: it is theirs to do."""
    for instruction in instructions:
        control = getattr(instruction, "control", None)
        params: dict[str, Any] = {
            "item": _instruction_text(instruction),
            "date": instruction.control_date.isoformat() if instruction.control_date else "",
        }
        target = (
            targets.path("execution:item", control.pk)
            if control
            else targets.path("meetings:instruction", instruction.pk)
        )
        for executor in instruction.executors.all():
            yield (
                Kind.INSTRUCTION_ASSIGNED,
                staff([executor.organization_id], Role.EXECUTOR),
                target,
                {**params, "organization": _name(executor.organization)},
            )


def _instruction_rows() -> Any:
    return Instruction.objects.select_related("minutes", "legal_act", "control").prefetch_related(
        "executors__organization"
    )


def instruction_registered(event: AuditEvent) -> Iterator[Announcement]:
    yield from _instructions(_instruction_rows().filter(pk=event.target_id))


def minutes_approved(event: AuditEvent) -> Iterator[Announcement]:
    yield from _instructions(_instruction_rows().filter(minutes__meeting_id=event.target_id))


def minutes_circulated(event: AuditEvent) -> Iterator[Announcement]:
    """Circulated minutes wait for the chair's approval."""
    meeting = Meeting.objects.filter(pk=event.target_id).select_related("body").first()
    minutes = Minutes.objects.filter(meeting_id=event.target_id).first()
    if meeting is None or minutes is None or meeting.chair_id is None:
        return
    chair = User.objects.filter(Q(person_id=meeting.chair_id), is_active=True).values_list("pk", flat=True)
    params = {"number": minutes.number, "meeting": in_each_language(lambda: str(meeting))}
    yield Kind.MINUTES_WAITING, list(chair), targets.path("meetings:meeting", meeting.pk), params


HANDLERS: dict[str, Callable[[AuditEvent], Iterable[Announcement]]] = {
    "report.returned": to_the_organisation(Kind.REPORT_RETURNED, Role.EXECUTOR),
    "report.head_returned": to_the_organisation(Kind.REPORT_RETURNED, Role.EXECUTOR),
    "report.accepted": to_the_organisation(Kind.REPORT_ACCEPTED, Role.EXECUTOR),
    "report.to_head": to_the_organisation(Kind.APPROVAL_WAITING, Role.HEAD),
    "report.submitted": report_sent,
    "report.resubmitted": report_sent,
    "report.head_approved": report_sent,
    "extension.request": extension_requested,
    "extension.decide": extension_decided,
    "instruction.register": instruction_registered,
    "minutes.approve": minutes_approved,
    "minutes.circulate": minutes_circulated,
}
