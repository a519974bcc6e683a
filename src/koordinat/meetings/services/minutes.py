"""Minutes: started, circulated for comments, approved and published."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version
from koordinat.core.public import public_changed
from koordinat.core.translation import in_each_language, texts_of
from koordinat.execution import services as execution_services

from .. import notifications, permissions
from ..models import Meeting, Minutes, MinutesComment
from ._common import _day


@dates_in_range
def minutes_start(*, actor: User, meeting: Meeting, number: str, date: datetime.date) -> Minutes:
    """Open the minutes of a meeting that was held; decisions and instructions are written into them."""
    audit.require(permissions.can_manage_meeting, actor, meeting, action="minutes.start", record=meeting)
    with transaction.atomic():
        current = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if current.status != Meeting.Status.HELD:
            raise ValidationError(
                _("Minutes are written for a meeting that was held; record the meeting as held first.")
            )
        if Minutes.objects.filter(meeting=current).exists():
            raise ValidationError(_("This meeting already has its minutes."))
        if date < _day(current.starts_at):
            raise ValidationError({"date": _("The minutes cannot be dated before the meeting.")})
        if not number.strip():
            raise ValidationError({"number": _("Give the number of the minutes.")})
        minutes = Minutes.objects.create(meeting=current, number=number.strip(), date=date, recorded_by=actor)
        audit.record(actor=actor, action="minutes.start", target=current, data={"number": minutes.number})
    return minutes


def minutes_circulate(*, actor: User, minutes: Minutes, version: int) -> Minutes:
    """Send the draft to the body's members for comments."""
    meeting = minutes.meeting
    audit.require(permissions.can_manage_meeting, actor, meeting, action="minutes.circulate", record=meeting)
    with transaction.atomic():
        current: Minutes = lock_version(minutes, version)
        if current.status != Minutes.Status.DRAFT:
            raise ValidationError(
                _("Only draft minutes are circulated; these are %(status)s.")
                % {"status": current.get_status_display()}
            )
        current.status, current.circulated_at = Minutes.Status.CIRCULATED, clock.now()
        current.version += 1
        current.save()
        audit.record(actor=actor, action="minutes.circulate", target=meeting, data={"number": current.number})
        transaction.on_commit(lambda: notifications.send_minutes_for_comments(current.pk))
    return current


def minutes_comment(*, actor: User, minutes: Minutes, text: str) -> MinutesComment:
    audit.require(
        permissions.can_comment_minutes, actor, minutes, action="minutes.comment", record=minutes.meeting
    )
    with transaction.atomic():
        current = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if current.status != Minutes.Status.CIRCULATED:
            raise ValidationError(_("Comments are taken while the minutes are circulated to members."))
        if not text.strip():
            raise ValidationError({"text": _("Write the comment.")})
        comment = MinutesComment.objects.create(
            minutes=current, author=actor, text=text.strip(), created_at=clock.now()
        )
        audit.record(
            actor=actor, action="minutes.comment", target=current.meeting, data={"comment": comment.pk}
        )
    return comment


def minutes_approve(*, actor: User, minutes: Minutes, version: int) -> Minutes:
    """The chair approves: every question has its decision, and the instructions go under control.

    Whoever recorded the minutes (started them, or keeps them as the meeting's or the body's secretary)
    does not approve them."""
    meeting = minutes.meeting
    audit.require(permissions.approves_minutes, actor, minutes, action="minutes.approve", record=meeting)
    if permissions.recorded(actor, minutes):
        audit.refused(actor=actor, action="minutes.approve", target=meeting, data={"recorded_by_actor": True})
        raise PermissionDenied(
            _(
                "You recorded these minutes, so you cannot also approve them: minutes are approved by someone other than the person who recorded them."
            )
        )
    with transaction.atomic():
        current: Minutes = lock_version(minutes, version)
        if not current.is_editable:
            raise ValidationError(
                _("These minutes are already %(status)s.") % {"status": current.get_status_display()}
            )
        agenda = list(meeting.agenda.order_by("position"))
        if not agenda:
            raise ValidationError(_("The minutes record no question and no decision; add the agenda first."))
        undecided = [
            item for item in agenda if not any(text.strip() for text in texts_of(item, "decision").values())
        ]
        if undecided:
            raise ValidationError(
                _("No decision is recorded for question %(number)d, “%(title)s”.")
                % {"number": undecided[0].position, "title": undecided[0].title}
            )
        instructions = list(current.instructions.select_related("controller").prefetch_related("executors"))
        for instruction in instructions:
            if not instruction.executors.all():  # the prefetched rows
                raise ValidationError(
                    _("Instruction %(number)s has no executor.") % {"number": instruction.number}
                )
        current.status, current.approved_at, current.approved_by = Minutes.Status.APPROVED, clock.now(), actor
        current.version += 1
        current.save()
        execution_services.instructions_under_control(
            actor=actor,
            instructions=instructions,
            body=meeting.body,
            opened_on=current.date,
            note=in_each_language(
                lambda: (
                    _("Instructions of minutes No. %(number)s of %(body)s")
                    % {"number": current.number, "body": meeting.body.name}
                )
            ),
        )
        audit.record(
            actor=actor,
            action="minutes.approve",
            target=meeting,
            data={"number": current.number, "instructions": len(instructions)},
        )
    return current


def minutes_publish(*, actor: User, minutes: Minutes, version: int) -> Minutes:
    """Approved minutes of a public body go on the public side."""
    meeting = minutes.meeting
    audit.require(permissions.can_manage_meeting, actor, meeting, action="minutes.publish", record=meeting)
    with transaction.atomic():
        current: Minutes = lock_version(minutes, version)
        if current.status != Minutes.Status.APPROVED:
            raise ValidationError(_("Only approved minutes are published."))
        if not meeting.body.is_public:
            raise ValidationError(
                _("%(body)s is not a public body; its minutes stay internal.") % {"body": meeting.body.name}
            )
        current.status, current.published_at = Minutes.Status.PUBLISHED, clock.now()
        current.version += 1
        current.save()
        audit.record(actor=actor, action="minutes.publish", target=meeting, data={"number": current.number})
        public_changed()  # the meeting and its decisions appear on the portal
    return current
