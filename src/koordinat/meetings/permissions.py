"""Who keeps a body's meetings (its secretary and the coordination office), who approves minutes (the chair).

The person who records minutes never approves them: the chair's approval is the check on the record.
A meeting takes its body's chair and secretary; only the coordination office substitutes them.
"""

from typing import Any

import rules

from koordinat.accounts.permissions import is_administrator, is_office_manager
from koordinat.directory.models import Body
from koordinat.directory.selectors import organization_scope

from .models import Meeting, Minutes


@rules.predicate
def is_secretary_of(user: Any, body: Body | None) -> bool:
    return bool(
        user.is_authenticated and body is not None and user.person_id and body.secretary_id == user.person_id
    )


@rules.predicate
def is_meeting_secretary(user: Any, meeting: Meeting) -> bool:
    person = user.person_id if user.is_authenticated else None
    return bool(person and person in (meeting.secretary_id, meeting.body.secretary_id))


@rules.predicate
def chairs(user: Any, minutes: Minutes) -> bool:
    return bool(user.is_authenticated and user.person_id and minutes.meeting.chair_id == user.person_id)


@rules.predicate
def recorded(user: Any, minutes: Minutes) -> bool:
    """The user started these minutes, or keeps them as the meeting's (or the body's) secretary."""
    if not user.is_authenticated:
        return False
    return minutes.recorded_by_id == user.pk or bool(is_meeting_secretary(user, minutes.meeting))


@rules.predicate
def sits_in_body(user: Any, minutes: Minutes) -> bool:
    body = minutes.meeting.body
    if not user.is_authenticated:
        return False
    if user.person_id and body.members.filter(pk=user.person_id).exists():
        return True
    return body.member_organizations.filter(pk__in=organization_scope(user)).exists()


can_create_meeting = is_office_manager | is_secretary_of
# An instruction of an act or a letter belongs to no body's meeting: only the office registers one.
can_register_instruction = is_office_manager
can_manage_meeting = is_office_manager | is_meeting_secretary
can_substitute_officers = is_office_manager
approves_minutes = is_administrator | chairs
can_approve_minutes = approves_minutes & ~recorded
can_comment_minutes = is_office_manager | sits_in_body | chairs
