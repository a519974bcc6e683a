"""Collegial bodies: working groups, headquarters and councils, their officers and members."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.models import lock_version, saved_version
from koordinat.core.text import fold
from koordinat.core.translation import Texts, assign_texts, texts_of

from .. import permissions
from ..models import Body, Organization, Person
from ._common import _require_controls_kept, _snapshot
from .organizations import refuse_abolished

BODY_FIELDS = ["kind", "parent_id", "chair_id", "secretary_id", "is_public", "advises_id"]


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


def _check_public_council(body: Body, organizations: Iterable[Organization]) -> None:
    """A public council speaks for civil society: its member organisations are civil-society
    organisations only, and only a public council is attached to an authority it advises."""
    errors: dict[str, Any] = {}
    if body.kind == Body.Kind.PUBLIC_COUNCIL:
        for organization in organizations:
            if organization.kind != Organization.Kind.CIVIL_SOCIETY_ORGANISATION:
                errors.setdefault("member_organizations", []).append(
                    _(
                        "%(name)s is not a civil society organisation: a public council's members are "
                        "civil society organisations only."
                    )
                    % {"name": organization.name}
                )
    elif body.advises_id is not None:
        errors["advises"] = _("Only a public council is attached to an authority it advises.")
    if errors:
        raise ValidationError(errors)


def _refuse_new_abolished_members(before: set[int], organizations: Iterable[Organization]) -> None:
    for organization in organizations:
        if organization.pk not in before:
            refuse_abolished(organization, "member_organizations")


def body_create(
    *,
    actor: User,
    kind: str,
    name: Texts,
    area: Texts | None = None,
    parent: Body | None = None,
    chair: Person | None = None,
    secretary: Person | None = None,
    member_organizations: Iterable[Organization] = (),
    members: Iterable[Person] = (),
    is_public: bool = False,
    advises: Organization | None = None,
) -> Body:
    audit.require(permissions.can_create_body, actor, None, action="body.create")
    member_organizations, members = list(member_organizations), list(members)
    with transaction.atomic():
        body = Body(
            kind=kind, parent=parent, chair=chair, secretary=secretary, is_public=is_public, advises=advises
        )
        assign_texts(body, "name", name)
        assign_texts(body, "area", area or {})
        _check_body_rules(body, members)
        _check_public_council(body, member_organizations)
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
    actor: User,
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
    advises: Organization | None = None,
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
        "advises_id": advises.pk if advises else None,
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
        current.advises = advises
        if is_public is not None:
            current.is_public = is_public
        assign_texts(current, "name", name)
        assign_texts(current, "area", area)
        _check_body_rules(current, members, kept={"chair", "secretary"} - set(controls))
        _check_public_council(current, member_organizations)
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
