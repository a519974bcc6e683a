"""Every change to the registry: checked, atomic and written to the audit chain."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koordinat.core import audit
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version, saved_version
from koordinat.core.text import fold
from koordinat.core.translation import Texts, assign_texts, language_codes, texts_of

from . import permissions
from .models import Body, Membership, Organization, Person

ORGANIZATION_FIELDS = [
    "kind",
    "parent_id",
    "country",
    "abolished_on",
    "successor_id",
    "reports_need_head_approval",
]
PERSON_FIELDS = ["email", "phone"]
BODY_FIELDS = ["kind", "parent_id", "chair_id", "secretary_id", "is_public"]


def _snapshot(instance: models.Model, fields: list[str], translated: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(instance, name) for name in fields}
    for field in translated:
        for code, text in texts_of(instance, field).items():
            data[f"{field}_{code}"] = text
    return data


def _date_text(day: datetime.date | None) -> str:
    return formats.date_format(day) if day else ""


def _require_controls_kept(
    rule: Any, actor: Any, target: models.Model, *, saved: models.Model, proposed: dict[str, Any], action: str
) -> list[str]:
    """Refuse (and record) a change of control fields (attribute → proposed value) that `rule` does not
    allow the actor; returns the controls changed, named as the model names them."""
    controls = sorted(
        name.removesuffix("_id") for name, value in proposed.items() if getattr(saved, name) != value
    )
    if controls:
        audit.require(rule, actor, target, action=action, data={"controls": controls})
    return controls


def refuse_abolished(organization: Organization | None, field: str) -> None:
    """New work (a parent, an executor, a coordinator) cannot go to an abolished organisation."""
    if organization is not None and organization.is_abolished:
        raise ValidationError(
            {
                field: _("%(name)s was abolished on %(date)s and cannot be given new work.")
                % {"name": organization.name, "date": _date_text(organization.abolished_on)}
            }
        )


# Organisations -------------------------------------------------------------------------------


def _organization_search_text(organization: Organization) -> str:
    parts = [
        *texts_of(organization, "name").values(),
        *texts_of(organization, "short_name").values(),
        *texts_of(organization, "abbreviation").values(),
    ]
    return fold(" | ".join(part for part in parts if part))


def _check_organization_rules(organization: Organization) -> None:
    errors: dict[str, str] = {}
    parent = organization.parent
    ancestor = parent
    while ancestor is not None:
        if organization.pk is not None and ancestor.pk == organization.pk:
            errors["parent"] = _(
                "%(parent)s is a sub-unit of %(name)s; an organisation cannot be placed under itself."
            ) % {
                "parent": parent.name if parent else "",
                "name": organization.name,
            }
            break
        ancestor = ancestor.parent
    siblings = Organization.objects.filter(parent=parent).exclude(pk=organization.pk)
    for code in language_codes():
        name = getattr(organization, f"name_{code}")
        if not name:
            continue
        folded = fold(name)
        if any(fold(other) == folded for other in siblings.values_list(f"name_{code}", flat=True)):
            if parent is None:
                message = _("An organisation named “%(name)s” already exists at the top level.") % {
                    "name": name
                }
            else:
                message = _("An organisation named “%(name)s” already exists under %(parent)s.") % {
                    "name": name,
                    "parent": parent.name,
                }
            errors[f"name_{code}"] = message
    if organization.successor_id is not None and organization.successor_id == organization.pk:
        errors["successor"] = _("An organisation cannot be its own successor.")
    if errors:
        raise ValidationError(errors)


def organization_create(
    *,
    actor: Any,
    name: Texts,
    kind: str | None = None,
    short_name: Texts | None = None,
    abbreviation: Texts | None = None,
    parent: Organization | None = None,
    country: str = "AZ",
    reports_need_head_approval: bool | None = None,
) -> Organization:
    """The coordination office registers organisations; an organisation's own staff add its sub-units.

    A sub-unit takes its parent's kind and head-approval setting (None); only the office chooses others."""
    if parent is None:
        audit.require(permissions.can_create_organization, actor, None, action="organization.create")
        reports_need_head_approval = bool(reports_need_head_approval)
    else:
        audit.require(permissions.can_edit_organization, actor, parent, action="organization.create")
        kind = parent.kind if kind is None else kind
        if reports_need_head_approval is None:
            reports_need_head_approval = parent.reports_need_head_approval
        _require_controls_kept(
            permissions.can_change_organization_controls,
            actor,
            parent,
            saved=parent,
            proposed={"kind": kind, "reports_need_head_approval": reports_need_head_approval},
            action="organization.create",
        )
    if not kind:
        raise ValidationError({"kind": _("Choose the kind of organisation.")})
    with transaction.atomic():
        refuse_abolished(parent, "parent")
        organization = Organization(
            kind=kind,
            parent=parent,
            country=country.upper(),
            reports_need_head_approval=reports_need_head_approval,
        )
        assign_texts(organization, "name", name)
        assign_texts(organization, "short_name", short_name or {})
        assign_texts(organization, "abbreviation", abbreviation or {})
        _check_organization_rules(organization)
        organization.search_text = _organization_search_text(organization)
        organization.full_clean()
        organization.save()
        audit.record(
            actor=actor,
            action="organization.create",
            target=organization,
            data={
                "fields": _snapshot(organization, ORGANIZATION_FIELDS, ["name", "short_name", "abbreviation"])
            },
        )
    return organization


def organization_update(
    *,
    actor: Any,
    organization: Organization,
    version: int,
    kind: str,
    name: Texts,
    short_name: Texts,
    abbreviation: Texts,
    parent: Organization | None,
    country: str,
    reports_need_head_approval: bool | None = None,
) -> Organization:
    """Change an organisation; `reports_need_head_approval` None keeps the current setting.

    Its kind, its parent and the head's approval of its reports are controls over the organisation:
    its own staff change its names and country, only the coordination office changes those."""
    audit.require(permissions.can_edit_organization, actor, organization, action="organization.update")
    proposed: dict[str, Any] = {"kind": kind, "parent_id": parent.pk if parent else None}
    if reports_need_head_approval is not None:
        proposed["reports_need_head_approval"] = reports_need_head_approval
    _require_controls_kept(
        permissions.can_change_organization_controls,
        actor,
        organization,
        saved=saved_version(organization, version),
        proposed=proposed,
        action="organization.update",
    )
    with transaction.atomic():
        current: Organization = lock_version(organization, version)
        before = _snapshot(current, ORGANIZATION_FIELDS, ["name", "short_name", "abbreviation"])
        if parent is not None and parent.pk != current.parent_id:
            refuse_abolished(parent, "parent")
        current.kind, current.parent, current.country = kind, parent, country.upper()
        if reports_need_head_approval is not None:
            current.reports_need_head_approval = reports_need_head_approval
        assign_texts(current, "name", name)
        assign_texts(current, "short_name", short_name)
        assign_texts(current, "abbreviation", abbreviation)
        _check_organization_rules(current)
        current.search_text = _organization_search_text(current)
        current.version += 1
        current.full_clean()
        current.save()
        changes = audit.diff(
            before, _snapshot(current, ORGANIZATION_FIELDS, ["name", "short_name", "abbreviation"])
        )
        audit.record(actor=actor, action="organization.update", target=current, data={"changes": changes})
    return current


@dates_in_range
def organization_abolish(
    *,
    actor: Any,
    organization: Organization,
    version: int,
    on: datetime.date,
    successor: Organization | None = None,
) -> Organization:
    """A reorganised body keeps its history; its successor is recorded and its people stay findable."""
    audit.require(permissions.can_abolish_organization, actor, organization, action="organization.abolish")
    with transaction.atomic():
        current: Organization = lock_version(organization, version)
        if current.is_abolished:
            raise ValidationError(
                {
                    "on": _("This organisation was already abolished on %(date)s.")
                    % {"date": _date_text(current.abolished_on)}
                }
            )
        refuse_abolished(successor, "successor")
        if successor is not None and successor.pk == current.pk:
            raise ValidationError({"successor": _("An organisation cannot be its own successor.")})
        count = current.children.filter(abolished_on__isnull=True).count()
        if count:
            raise ValidationError(
                {
                    "on": ngettext(
                        "Abolish or move its %(count)d active sub-unit first.",
                        "Abolish or move its %(count)d active sub-units first.",
                        count,
                    )
                    % {"count": count}
                }
            )
        current.abolished_on, current.successor = on, successor
        current.version += 1
        current.save()
        audit.record(
            actor=actor,
            action="organization.abolish",
            target=current,
            data={"abolished_on": on, "successor_id": successor.pk if successor else None},
        )
    return current


# People ----------------------------------------------------------------------------------------


def _person_search_text(person: Person) -> str:
    parts = [*texts_of(person, "last_name").values(), *texts_of(person, "first_name").values(), person.email]
    return fold(" | ".join(part for part in parts if part))


@dates_in_range
def person_create(
    *,
    actor: Any,
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
    actor: Any,
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
    actor: Any,
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
    actor: Any,
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
def membership_end(*, actor: Any, membership: Membership, end_date: datetime.date) -> Membership:
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


# Collegial bodies ------------------------------------------------------------------------------


def _body_search_text(body: Body) -> str:
    parts = [*texts_of(body, "name").values(), *texts_of(body, "area").values()]
    return fold(" | ".join(part for part in parts if part))


def _check_body_rules(body: Body, members: Iterable[Person], *, kept: Iterable[str] = ()) -> None:
    """`kept`: the officers (chair, secretary) this change leaves as they were; dropping one of them from
    the members is the members' error, so a secretary, who is not offered the officers, sees it there."""
    errors: dict[str, Any] = {}
    member_ids = {person.pk for person in members}
    if body.chair_id is not None and body.chair_id not in member_ids:
        name = body.chair.full_name if body.chair else ""
        if "chair" in kept:
            errors.setdefault("members", []).append(
                _("%(name)s chairs the body and stays among its members.") % {"name": name}
            )
        else:
            errors["chair"] = _(
                "The chair must be one of the body's members; add %(name)s to the members first."
            ) % {"name": name}
    if body.secretary_id is not None and body.secretary_id not in member_ids:
        name = body.secretary.full_name if body.secretary else ""
        if "secretary" in kept:
            errors.setdefault("members", []).append(
                _("%(name)s is the body's secretary and stays among its members.") % {"name": name}
            )
        else:
            errors["secretary"] = _(
                "The secretary must be one of the body's members; add %(name)s to the members first."
            ) % {"name": name}
    if body.secretary_id is not None and body.secretary_id == body.chair_id:
        errors["secretary"] = _(
            "%(name)s chairs the body and cannot also be its secretary: the chair approves what the secretary records."
        ) % {"name": body.secretary.full_name if body.secretary else ""}
    ancestor = body.parent
    while ancestor is not None:
        if body.pk is not None and ancestor.pk == body.pk:
            errors["parent"] = _("A body cannot be placed under itself or under one of its own sub-bodies.")
            break
        ancestor = ancestor.parent
    if errors:
        raise ValidationError(errors)


def _refuse_new_abolished_members(before: set[int], organizations: Iterable[Organization]) -> None:
    for organization in organizations:
        if organization.pk not in before:
            refuse_abolished(organization, "member_organizations")


def body_create(
    *,
    actor: Any,
    kind: str,
    name: Texts,
    area: Texts | None = None,
    parent: Body | None = None,
    chair: Person | None = None,
    secretary: Person | None = None,
    member_organizations: Iterable[Organization] = (),
    members: Iterable[Person] = (),
    is_public: bool = False,
) -> Body:
    audit.require(permissions.can_create_body, actor, None, action="body.create")
    member_organizations, members = list(member_organizations), list(members)
    with transaction.atomic():
        body = Body(kind=kind, parent=parent, chair=chair, secretary=secretary, is_public=is_public)
        assign_texts(body, "name", name)
        assign_texts(body, "area", area or {})
        _check_body_rules(body, members)
        _refuse_new_abolished_members(set(), member_organizations)
        body.search_text = _body_search_text(body)
        body.full_clean()
        body.save()
        body.member_organizations.set(member_organizations)
        body.members.set(members)
        audit.record(
            actor=actor,
            action="body.create",
            target=body,
            data={
                "fields": _snapshot(body, BODY_FIELDS, ["name", "area"]),
                "member_organizations": sorted(org.pk for org in member_organizations),
                "members": sorted(person.pk for person in members),
            },
        )
    return body


def body_update(
    *,
    actor: Any,
    body: Body,
    version: int,
    kind: str,
    name: Texts,
    area: Texts,
    parent: Body | None,
    chair: Person | None,
    secretary: Person | None,
    member_organizations: Iterable[Organization],
    members: Iterable[Person],
    is_public: bool | None = None,
) -> Body:
    """Change a body; `is_public` None keeps the current setting.

    The secretary keeps the body's names, area and members; its kind, parent, chair, secretary and
    publicity are changed only by the coordination office."""
    audit.require(permissions.can_edit_body, actor, body, action="body.update")
    proposed: dict[str, Any] = {
        "kind": kind,
        "parent_id": parent.pk if parent else None,
        "chair_id": chair.pk if chair else None,
        "secretary_id": secretary.pk if secretary else None,
    }
    if is_public is not None:
        proposed["is_public"] = is_public
    controls = _require_controls_kept(
        permissions.can_change_body_controls,
        actor,
        body,
        saved=saved_version(body, version),
        proposed=proposed,
        action="body.update",
    )
    member_organizations, members = list(member_organizations), list(members)
    with transaction.atomic():
        current: Body = lock_version(body, version)
        before = _snapshot(current, BODY_FIELDS, ["name", "area"])
        before_orgs = set(current.member_organizations.values_list("pk", flat=True))
        before_members = set(current.members.values_list("pk", flat=True))
        current.kind, current.parent, current.chair, current.secretary = kind, parent, chair, secretary
        if is_public is not None:
            current.is_public = is_public
        assign_texts(current, "name", name)
        assign_texts(current, "area", area)
        _check_body_rules(current, members, kept={"chair", "secretary"} - set(controls))
        _refuse_new_abolished_members(before_orgs, member_organizations)
        current.search_text = _body_search_text(current)
        current.version += 1
        current.full_clean()
        current.save()
        current.member_organizations.set(member_organizations)
        current.members.set(members)
        after_orgs = {org.pk for org in member_organizations}
        after_members = {person.pk for person in members}
        data: dict[str, Any] = {
            "changes": audit.diff(before, _snapshot(current, BODY_FIELDS, ["name", "area"]))
        }
        for label, old, new in (
            ("member_organizations", before_orgs, after_orgs),
            ("members", before_members, after_members),
        ):
            if old != new:
                data[label] = {"added": sorted(new - old), "removed": sorted(old - new)}
        audit.record(actor=actor, action="body.update", target=current, data=data)
    return current
