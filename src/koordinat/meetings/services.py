"""Every change to meetings, minutes and instructions: checked, atomic, audited."""

import datetime
from calendar import monthrange
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from koordinat.core import audit, clock
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version, saved_version
from koordinat.core.translation import Texts, assign_texts, texts_of
from koordinat.directory.models import Body, Organization, Person
from koordinat.directory.services import refuse_abolished
from koordinat.execution import services as execution_services
from koordinat.plans.models import LegalAct, Measure, Plan

from . import notifications, permissions
from .models import (
    AgendaItem,
    Instruction,
    InstructionExecutor,
    Meeting,
    MeetingSeries,
    Minutes,
    MinutesComment,
    Participant,
)

FREQUENCY_DAYS: dict[str, int] = {MeetingSeries.Frequency.WEEKLY: 7}
FREQUENCY_MONTHS: dict[str, int] = {MeetingSeries.Frequency.MONTHLY: 1, MeetingSeries.Frequency.QUARTERLY: 3}


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


# Meetings ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitee:
    """One line of the participant list: a person, an organisation, or a person for an organisation."""

    person: Person | None = None
    organization: Organization | None = None
    role: str = Participant.Role.MEMBER
    delegation: str = ""


def _check_participants(body: Body, invitees: Sequence[Invitee]) -> None:
    """Members of the meeting must belong to the body; anyone else comes as invited."""
    people = set(body.members.values_list("pk", flat=True))
    organizations = set(body.member_organizations.values_list("pk", flat=True))
    for invitee in invitees:
        if invitee.person is None and invitee.organization is None:
            raise ValidationError({"participants": _("Each participant is a person or an organisation.")})
        if invitee.role != Participant.Role.MEMBER:
            continue
        if invitee.person is not None and invitee.person.pk not in people and invitee.organization is None:
            raise ValidationError(
                {
                    "participants": _("%(name)s is not a member of %(body)s; invite them as a guest instead.")
                    % {"name": invitee.person.full_name, "body": body.name}
                }
            )
        if invitee.organization is not None and invitee.organization.pk not in organizations:
            raise ValidationError(
                {
                    "participants": _(
                        "%(name)s is not a member organisation of %(body)s; invite it as a guest instead."
                    )
                    % {"name": invitee.organization.name, "body": body.name}
                }
            )


def _save_participants(meeting: Meeting, invitees: Sequence[Invitee]) -> None:
    meeting.participants.all().delete()
    Participant.objects.bulk_create(
        Participant(
            meeting=meeting,
            person=invitee.person,
            organization=invitee.organization,
            role=invitee.role,
            delegation=invitee.delegation.upper(),
        )
        for invitee in invitees
    )


def default_invitees(body: Body) -> list[Invitee]:
    """Everyone the body counts as a member: its people, and its member organisations."""
    return [Invitee(person=person) for person in body.members.order_by("last_name", "first_name")] + [
        Invitee(organization=organization) for organization in body.member_organizations.order_by("name")
    ]


def _meeting_fields(meeting: Meeting) -> dict[str, Any]:
    data: dict[str, Any] = {
        name: getattr(meeting, name)
        for name in ("number", "starts_at", "ends_at", "online_url", "chair_id", "secretary_id", "status")
    }
    for name in ("title", "place"):
        data.update({f"{name}_{code}": value for code, value in texts_of(meeting, name).items()})
    return data


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime | None) -> None:
    if ends_at is not None and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting cannot end before it starts.")})


def _require_officers(
    *, actor: Any, meeting: Meeting | None, body: Body, changed: list[str], action: str
) -> None:
    """A meeting's chair and secretary other than the expected ones are the coordination office's to set."""
    if changed:
        audit.require(
            permissions.can_substitute_officers,
            actor,
            meeting,
            action=action,
            record=meeting or body,
            data={"controls": changed},
        )


def _check_officers(chair: Person | None, secretary: Person | None) -> None:
    """The chair approves what the secretary records: never the same person."""
    if chair is not None and secretary is not None and chair.pk == secretary.pk:
        raise ValidationError(
            {
                "secretary": _(
                    "%(name)s chairs the meeting and cannot also be its secretary: the chair approves what the secretary records."
                )
                % {"name": chair.full_name}
            }
        )


@dates_in_range
def meeting_create(
    *,
    actor: Any,
    body: Body,
    title: Texts,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    place: Texts | None = None,
    online_url: str = "",
    chair: Person | None = None,
    secretary: Person | None = None,
    second_language: str = "",
    participants: Sequence[Invitee] | None = None,
    series: MeetingSeries | None = None,
) -> Meeting:
    """Plan a meeting; the body's chair, secretary and members come by default.

    A chair or secretary other than the body's (a substitute) is set only by the coordination office."""
    audit.require(permissions.can_create_meeting, actor, body, action="meeting.create", record=body)
    substitutes = [
        name
        for name, person, usual in (
            ("chair", chair, body.chair_id),
            ("secretary", secretary, body.secretary_id),
        )
        if person is not None and person.pk != usual
    ]
    _require_officers(actor=actor, meeting=None, body=body, changed=substitutes, action="meeting.create")
    chair, secretary = chair or body.chair, secretary or body.secretary
    invitees = default_invitees(body) if participants is None else list(participants)
    with transaction.atomic():
        Body.objects.select_for_update().filter(pk=body.pk).first()  # numbers are handed out one at a time
        _check_times(starts_at, ends_at)
        _check_officers(chair, secretary)
        _check_participants(body, invitees)
        number = (Meeting.objects.filter(body=body).aggregate(last=Max("number"))["last"] or 0) + 1
        meeting = Meeting(
            body=body,
            number=number,
            starts_at=starts_at,
            ends_at=ends_at,
            online_url=online_url,
            chair=chair,
            secretary=secretary,
            second_language=second_language,
            series=series,
        )
        assign_texts(meeting, "title", title)
        assign_texts(meeting, "place", place or {})
        meeting.full_clean()
        meeting.save()
        _save_participants(meeting, invitees)
        audit.record(
            actor=actor,
            action="meeting.create",
            target=meeting,
            data={"fields": _meeting_fields(meeting), "participants": len(invitees)},
        )
    return meeting


@dates_in_range
def meeting_update(
    *,
    actor: Any,
    meeting: Meeting,
    version: int,
    title: Texts,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None,
    place: Texts,
    online_url: str,
    chair: Person | None,
    secretary: Person | None,
    second_language: str,
    participants: Sequence[Invitee] | None = None,
) -> Meeting:
    """Change a meeting; only the coordination office changes its chair and secretary."""
    audit.require(permissions.can_manage_meeting, actor, meeting, action="meeting.update", record=meeting)
    saved = saved_version(meeting, version)
    changed = [
        name
        for name, person, was in (
            ("chair", chair, saved.chair_id),
            ("secretary", secretary, saved.secretary_id),
        )
        if (person.pk if person else None) != was
    ]
    _require_officers(
        actor=actor, meeting=meeting, body=meeting.body, changed=changed, action="meeting.update"
    )
    with transaction.atomic():
        current: Meeting = lock_version(meeting, version)
        before = _meeting_fields(current)
        _check_times(starts_at, ends_at)
        _check_officers(chair, secretary)
        if participants is not None:
            _check_participants(current.body, participants)
        current.starts_at, current.ends_at, current.online_url = starts_at, ends_at, online_url
        current.chair, current.secretary, current.second_language = chair, secretary, second_language
        assign_texts(current, "title", title)
        assign_texts(current, "place", place)
        current.version += 1
        current.full_clean()
        current.save()
        if participants is not None:
            _save_participants(current, participants)
        audit.record(
            actor=actor,
            action="meeting.update",
            target=current,
            data={"changes": audit.diff(before, _meeting_fields(current))},
        )
    return current


def _add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, monthrange(year, month)[1]))


@dates_in_range
def meeting_series_create(
    *,
    actor: Any,
    body: Body,
    title: Texts,
    frequency: str,
    first_starts_at: datetime.datetime,
    count: int,
    place: Texts | None = None,
    online_url: str = "",
) -> MeetingSeries:
    """A recurring series: `count` planned meetings, every week, month or quarter from the first."""
    audit.require(permissions.can_create_meeting, actor, body, action="meeting_series.create", record=body)
    if not 1 <= count <= 60:
        raise ValidationError({"count": _("A series holds between 1 and 60 meetings.")})
    with transaction.atomic():
        series = MeetingSeries(body=body, frequency=frequency)
        assign_texts(series, "title", title)
        series.full_clean()
        series.save()
        for index in range(count):
            if frequency in FREQUENCY_DAYS:
                starts_at = first_starts_at + datetime.timedelta(days=FREQUENCY_DAYS[frequency] * index)
            else:
                starts_at = _add_months(first_starts_at, FREQUENCY_MONTHS[frequency] * index)
            meeting_create(
                actor=actor,
                body=body,
                title=title,
                starts_at=starts_at,
                place=place,
                online_url=online_url,
                series=series,
            )
        audit.record(
            actor=actor,
            action="meeting_series.create",
            target=body,
            data={"series": series.pk, "count": count},
        )
    return series


def meeting_held(*, actor: Any, meeting: Meeting, version: int, present: Sequence[int]) -> Meeting:
    """Record that the meeting took place and who was there (participant ids)."""
    audit.require(permissions.can_manage_meeting, actor, meeting, action="meeting.held", record=meeting)
    with transaction.atomic():
        current: Meeting = lock_version(meeting, version)
        if current.status == Meeting.Status.CANCELLED:
            raise ValidationError(_("This meeting was cancelled."))
        if current.starts_at > clock.now():
            raise ValidationError(_("A meeting that has not started yet cannot be recorded as held."))
        current.status = Meeting.Status.HELD
        current.version += 1
        current.save()
        chosen = set(present)
        for participant in current.participants.all():
            participant.present = participant.pk in chosen
            participant.save(update_fields=["present"])
        audit.record(actor=actor, action="meeting.held", target=current, data={"present": len(chosen)})
    return current


def meeting_cancel(*, actor: Any, meeting: Meeting, version: int) -> Meeting:
    audit.require(permissions.can_manage_meeting, actor, meeting, action="meeting.cancel", record=meeting)
    with transaction.atomic():
        current: Meeting = lock_version(meeting, version)
        if current.status == Meeting.Status.HELD:
            raise ValidationError(_("A meeting that was held cannot be cancelled."))
        current.status = Meeting.Status.CANCELLED
        current.version += 1
        current.save()
        audit.record(actor=actor, action="meeting.cancel", target=current)
    return current


def meeting_invite(*, actor: Any, meeting: Meeting) -> int:
    """E-mail every participant with an address an invitation and its calendar (.ics) file."""
    audit.require(permissions.can_manage_meeting, actor, meeting, action="meeting.invite", record=meeting)
    with transaction.atomic():
        addresses = notifications.participant_addresses(meeting)
        if not addresses:
            raise ValidationError(_("No participant of this meeting has an e-mail address in the directory."))
        audit.record(
            actor=actor, action="meeting.invite", target=meeting, data={"recipients": len(addresses)}
        )
        transaction.on_commit(lambda: notifications.send_invitations(meeting.pk))
    return len(addresses)


# Agenda -------------------------------------------------------------------------------------------


def _editable_minutes(meeting: Meeting) -> None:
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and not minutes.is_editable:
        raise ValidationError(
            _("The minutes of this meeting are %(status)s; the agenda and decisions can no longer change.")
            % {"status": minutes.get_status_display()}
        )


def agenda_item_save(
    *,
    actor: Any,
    meeting: Meeting,
    title: Texts,
    item: AgendaItem | None = None,
    speakers: Sequence[Person] = (),
    measures: Sequence[Measure] = (),
    plans: Sequence[Plan] = (),
    instructions: Sequence[Instruction] = (),
    discussion: Texts | None = None,
    decision: Texts | None = None,
) -> AgendaItem:
    """Add a question to the agenda, or change one: its speakers, links, what was discussed and decided."""
    audit.require(permissions.can_manage_meeting, actor, meeting, action="agenda.save", record=meeting)
    with transaction.atomic():
        Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
        _editable_minutes(meeting)
        if item is None:
            position = (meeting.agenda.aggregate(last=Max("position"))["last"] or 0) + 1
            item = AgendaItem(meeting=meeting, position=position)
        assign_texts(item, "title", title)
        assign_texts(item, "discussion", discussion or texts_of(item, "discussion"))
        assign_texts(item, "decision", decision or texts_of(item, "decision"))
        item.full_clean()
        item.save()
        item.speakers.set(speakers)
        item.measures.set(measures)
        item.plans.set(plans)
        item.instructions.set(instructions)
        audit.record(
            actor=actor,
            action="agenda.save",
            target=meeting,
            data={
                "agenda_item": item.position,
                "title": item.title,
                "measures": sorted(measure.pk for measure in measures),
            },
        )
    return item


# Minutes --------------------------------------------------------------------------------------------


@dates_in_range
def minutes_start(*, actor: Any, meeting: Meeting, number: str, date: datetime.date) -> Minutes:
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


def _instruction_rules(
    *, executors: Sequence[Organization], control_date: datetime.date | None, not_before: datetime.date | None
) -> datetime.date:
    """Refuse an instruction without executors or control date, or due before it was given."""
    errors: dict[str, str] = {}
    if not executors:
        errors["executors"] = _("Name at least one executor: the first one leads.")
    if control_date is None:
        errors["control_date"] = _("Give the control date.")
    elif not_before is not None and control_date < not_before:
        errors["control_date"] = _("The control date %(date)s is before the meeting (%(meeting)s).") % {
            "date": formats.date_format(control_date),
            "meeting": formats.date_format(not_before),
        }
    if len({organization.pk for organization in executors}) != len(executors):
        errors["executors"] = _("Each executor is named once.")
    if errors:
        raise ValidationError(errors)
    for organization in executors:
        refuse_abolished(organization, "executors")
    assert control_date is not None  # refused above
    return control_date


def _save_executors(instruction: Instruction, executors: Sequence[Organization]) -> None:
    instruction.executors.all().delete()
    InstructionExecutor.objects.bulk_create(
        InstructionExecutor(
            instruction=instruction,
            organization=organization,
            role=InstructionExecutor.Role.LEAD if position == 0 else InstructionExecutor.Role.CO,
            position=position,
        )
        for position, organization in enumerate(executors)
    )


def _instruction_fields(instruction: Instruction) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": instruction.number,
        "control_date": instruction.control_date,
        "controller_id": instruction.controller_id,
        "executors": list(
            instruction.executors.order_by("position").values_list("organization_id", flat=True)
        ),
    }
    data.update({f"text_{code}": value for code, value in texts_of(instruction, "text").items()})
    return data


@dates_in_range
def instruction_save(
    *,
    actor: Any,
    minutes: Minutes,
    number: str,
    text: Texts,
    control_date: datetime.date | None,
    controller: Organization,
    executors: Sequence[Organization],
    instruction: Instruction | None = None,
    version: int | None = None,
    agenda_item: AgendaItem | None = None,
    measures: Sequence[Measure] = (),
    plans: Sequence[Plan] = (),
) -> Instruction:
    """Write an instruction into minutes still being drafted; it goes under control when they are approved."""
    meeting = minutes.meeting
    audit.require(permissions.can_manage_meeting, actor, meeting, action="instruction.save", record=meeting)
    with transaction.atomic():
        current_minutes: Minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if not current_minutes.is_editable:
            raise ValidationError(
                _("The minutes are %(status)s; their instructions can no longer change.")
                % {"status": current_minutes.get_status_display()}
            )
        due = _instruction_rules(
            executors=executors, control_date=control_date, not_before=_day(meeting.starts_at)
        )
        number = number.strip()
        taken = Instruction.objects.filter(minutes=current_minutes, number=number)
        if instruction is not None:
            taken = taken.exclude(pk=instruction.pk)
        if not number or taken.exists():
            raise ValidationError(
                {
                    "number": _("Give each instruction its own number in the minutes, e.g. 3.2.")
                    if not number
                    else _("The minutes already have an instruction %(number)s.") % {"number": number}
                }
            )
        if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
            raise ValidationError({"agenda_item": _("That question is on another meeting's agenda.")})
        if instruction is None:
            current = Instruction(source=Instruction.Source.MINUTES, minutes=current_minutes)
            before: dict[str, Any] = {}
        else:
            current = lock_version(instruction, version or 0)
            before = _instruction_fields(current)
            current.version += 1
        current.number, current.control_date, current.controller = number, due, controller
        current.agenda_item = agenda_item
        assign_texts(current, "text", text)
        current.full_clean()
        current.save()
        _save_executors(current, executors)
        current.measures.set(measures)
        current.plans.set(plans)
        audit.record(
            actor=actor,
            action="instruction.save",
            target=meeting,
            data={"instruction": current.pk, "changes": audit.diff(before, _instruction_fields(current))},
        )
    return current


def minutes_circulate(*, actor: Any, minutes: Minutes, version: int) -> Minutes:
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


def minutes_comment(*, actor: Any, minutes: Minutes, text: str) -> MinutesComment:
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


def minutes_approve(*, actor: Any, minutes: Minutes, version: int) -> Minutes:
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
            note=_("Instructions of minutes No. %(number)s of %(body)s")
            % {"number": current.number, "body": meeting.body.name},
        )
        audit.record(
            actor=actor,
            action="minutes.approve",
            target=meeting,
            data={"number": current.number, "instructions": len(instructions)},
        )
    return current


def minutes_publish(*, actor: Any, minutes: Minutes, version: int) -> Minutes:
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
    return current


# Instructions of acts and letters ---------------------------------------------------------------------


@dates_in_range
def instruction_register(
    *,
    actor: Any,
    number: str,
    text: Texts,
    control_date: datetime.date | None,
    controller: Organization,
    executors: Sequence[Organization],
    legal_act: LegalAct | None = None,
    letter_reference: str = "",
    measures: Sequence[Measure] = (),
    plans: Sequence[Plan] = (),
) -> Instruction:
    """An instruction given by a legal act or a letter goes under control as soon as it is registered."""
    audit.require(permissions.can_create_meeting, actor, None, action="instruction.register", record=None)
    if (legal_act is None) == (not letter_reference.strip()):
        raise ValidationError(
            {"legal_act": _("Name the legal act or the letter that gives the instruction, one of the two.")}
        )
    today = clock.today()
    with transaction.atomic():
        due = _instruction_rules(executors=executors, control_date=control_date, not_before=today)
        if not number.strip():
            raise ValidationError({"number": _("Give the instruction's number in its act or letter.")})
        instruction = Instruction(
            source=Instruction.Source.LEGAL_ACT if legal_act else Instruction.Source.LETTER,
            legal_act=legal_act,
            letter_reference=letter_reference.strip(),
            number=number.strip(),
            control_date=due,
            controller=controller,
        )
        assign_texts(instruction, "text", text)
        instruction.full_clean()
        instruction.save()
        _save_executors(instruction, executors)
        instruction.measures.set(measures)
        instruction.plans.set(plans)
        execution_services.instructions_under_control(
            actor=actor, instructions=[instruction], body=None, opened_on=today, note=instruction.reference
        )
        audit.record(
            actor=actor,
            action="instruction.register",
            target=instruction,
            data=_instruction_fields(instruction),
        )
    return instruction
