"""Organisations: registered, changed and abolished; no new work for an abolished one."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.dates import dates_in_range
from koordinat.core.models import lock_version, saved_version
from koordinat.core.text import fold
from koordinat.core.translation import Texts, assign_texts, language_codes, texts_of

from .. import permissions
from ..models import Organization
from ._common import _date_text, _require_controls_kept, _snapshot

ORGANIZATION_FIELDS = [
    "kind",
    "parent_id",
    "country",
    "abolished_on",
    "successor_id",
    "reports_need_head_approval",
]


def refuse_abolished(organization: Organization | None, field: str) -> None:
    """New work (a parent, an executor, a coordinator) cannot go to an abolished organisation."""
    if organization is not None and organization.is_abolished:
        raise ValidationError(
            {
                field: _("%(name)s was abolished on %(date)s and cannot be given new work.")
                % {"name": organization.name, "date": _date_text(organization.abolished_on)}
            }
        )


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
    actor: User,
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
    actor: User,
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
    actor: User,
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
