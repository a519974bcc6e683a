"""People and their positions (memberships) in organisations."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version
from koordinat.core.text import fold
from koordinat.core.translation import Texts, assign_texts, texts_of

from .. import permissions
from ..models import Membership, Organization, Person
from ._common import _date_text, _snapshot
from .organizations import refuse_abolished

PERSON_FIELDS = ["email", "phone"]


def _person_search_text(person: Person) -> str:
    parts = [*texts_of(person, "last_name").values(), *texts_of(person, "first_name").values(), person.email]
    return fold(" | ".join(part for part in parts if part))


@dates_in_range
def person_create(
    *,
    actor: User,
    last_name: Texts,
    first_name: Texts,
    patronymic: Texts | None = None,
    email: str = "",
    phone: str = "",
    organization: Organization | None = None,
    position: Texts | None = None,
    start_date: datetime.date | None = None,
) -> Person:
    """A person enters the registry with their first position, so executors can add their own staff."""
    audit.require(permissions.can_create_person, actor, None, action="person.create")
    if organization is not None:
        audit.require(permissions.can_manage_positions, actor, organization, action="person.create")
    elif not permissions.is_office_manager(actor):
        raise ValidationError({"organization": _("Choose the organisation this person works in.")})
    with transaction.atomic():
        person = Person(email=email.strip().lower(), phone=phone.strip())
        assign_texts(person, "last_name", last_name)
        assign_texts(person, "first_name", first_name)
        assign_texts(person, "patronymic", patronymic or {})
        person.search_text = _person_search_text(person)
        person.full_clean()
        person.save()
        audit.record(
            actor=actor,
            action="person.create",
            target=person,
            data={"fields": _snapshot(person, PERSON_FIELDS, ["last_name", "first_name", "patronymic"])},
        )
        if organization is not None:
            _membership_insert(
                actor=actor,
                person=person,
                organization=organization,
                position=position or {},
                start_date=start_date,
                end_date=None,
            )
    return person


def person_update(
    *,
    actor: User,
    person: Person,
    version: int,
    last_name: Texts,
    first_name: Texts,
    patronymic: Texts,
    email: str,
    phone: str,
) -> Person:
    """An organisation's staff change only people whose current positions are all in their organisation."""
    audit.require(permissions.can_edit_person, actor, person, action="person.update")
    with transaction.atomic():
        current: Person = lock_version(person, version)
        before = _snapshot(current, PERSON_FIELDS, ["last_name", "first_name", "patronymic"])
        current.email, current.phone = email.strip().lower(), phone.strip()
        assign_texts(current, "last_name", last_name)
        assign_texts(current, "first_name", first_name)
        assign_texts(current, "patronymic", patronymic)
        current.search_text = _person_search_text(current)
        current.version += 1
        current.full_clean()
        current.save()
        changes = audit.diff(
            before, _snapshot(current, PERSON_FIELDS, ["last_name", "first_name", "patronymic"])
        )
        audit.record(actor=actor, action="person.update", target=current, data={"changes": changes})
    return current


def _membership_insert(
    *,
    actor: User,
    person: Person,
    organization: Organization,
    position: Texts,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
) -> Membership:
    refuse_abolished(organization, "organization")
    membership = Membership(
        person=person, organization=organization, start_date=start_date, end_date=end_date
    )
    assign_texts(membership, "position", position)
    membership.full_clean()
    membership.save()
    audit.record(
        actor=actor,
        action="membership.create",
        target=person,
        data={
            "model": "directory.membership",
            "fields": _snapshot(membership, ["organization_id", "start_date", "end_date"], ["position"]),
        },
    )
    return membership


@dates_in_range
def membership_add(
    *,
    actor: User,
    person: Person,
    organization: Organization,
    position: Texts,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> Membership:
    """A position in the actor's own organisation (or a sub-unit). An organisation's staff give one only
    to someone who already holds a current position: a person with none is the coordination office's
    to place, so that adding a position never hands a person over to whoever added it."""
    audit.require(
        permissions.can_manage_positions, actor, organization, action="membership.create", record=person
    )
    audit.require(permissions.can_give_position, actor, person, action="membership.create")
    with transaction.atomic():
        return _membership_insert(
            actor=actor,
            person=person,
            organization=organization,
            position=position,
            start_date=start_date,
            end_date=end_date,
        )


@dates_in_range
def membership_end(*, actor: User, membership: Membership, end_date: datetime.date) -> Membership:
    """Record when a position ends; an end already recorded only moves earlier, so ending never reopens."""
    audit.require(
        permissions.can_manage_positions,
        actor,
        membership.organization,
        action="membership.end",
        record=membership.person,
    )
    with transaction.atomic():
        current = Membership.objects.select_for_update().get(pk=membership.pk)
        if current.start_date and end_date < current.start_date:
            raise ValidationError({"end_date": _("The end date cannot be before the start date.")})
        if current.end_date is not None and end_date > current.end_date:
            raise ValidationError(
                {
                    "end_date": _("This position ended on %(date)s; its end cannot be moved later.")
                    % {"date": _date_text(current.end_date)}
                }
            )
        previous, current.end_date = current.end_date, end_date
        current.version += 1
        current.save()
        audit.record(
            actor=actor,
            action="membership.end",
            target=current.person,
            data={
                "model": "directory.membership",
                "fields": {"organization_id": current.organization_id},
                "changes": {"end_date": [previous, end_date]},
            },
        )
    return current
