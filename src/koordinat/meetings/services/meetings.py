"""Meetings and their series: planned, changed, held or cancelled, and their invitations."""

import datetime
from calendar import monthrange
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version, saved_version
from koordinat.core.translation import Texts, assign_texts, texts_of
from koordinat.directory.models import Body, Organization, Person
from koordinat.directory.selectors import by_person_name, by_short_name

from .. import notifications, permissions
from ..models import Meeting, MeetingSeries, Participant

FREQUENCY_DAYS: dict[str, int] = {MeetingSeries.Frequency.WEEKLY: 7}


FREQUENCY_MONTHS: dict[str, int] = {MeetingSeries.Frequency.MONTHLY: 1, MeetingSeries.Frequency.QUARTERLY: 3}


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
    return [Invitee(person=person) for person in body.members.order_by(*by_person_name(), "pk")] + [
        Invitee(organization=organization)
        for organization in body.member_organizations.order_by(*by_short_name())
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
    *, actor: User, meeting: Meeting | None, body: Body, changed: list[str], action: str
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
    actor: User,
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
    actor: User,
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
    actor: User,
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


REASON_LENGTH = Participant._meta.get_field("absence_reason").max_length or 300


def meeting_held(
    *,
    actor: User,
    meeting: Meeting,
    version: int,
    present: Sequence[int],
    absence_reasons: Mapping[int, str] | None = None,
) -> Meeting:
    """Record that the meeting took place, who was there (participant ids) and why the absent were
    absent (by participant id, when known); a reason given for someone present is not kept."""
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
        reasons = absence_reasons or {}
        if any(len(reason.strip()) > REASON_LENGTH for reason in reasons.values()):
            raise ValidationError(
                {
                    "absence_reasons": _("A reason for absence has at most %(length)d characters.")
                    % {"length": REASON_LENGTH}
                }
            )
        absent_with_reason = 0
        for participant in current.participants.all():
            participant.present = participant.pk in chosen
            participant.absence_reason = (
                "" if participant.present else reasons.get(participant.pk, "").strip()
            )
            absent_with_reason += bool(participant.absence_reason)
            participant.save(update_fields=["present", "absence_reason"])
        audit.record(
            actor=actor,
            action="meeting.held",
            target=current,
            data={"present": len(chosen), "absence_reasons": absent_with_reason},
        )
    return current


def meeting_cancel(*, actor: User, meeting: Meeting, version: int) -> Meeting:
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


def meeting_invite(*, actor: User, meeting: Meeting) -> int:
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
