"""Who may change which part of the registry.

Coordinators and administrators keep the whole registry; an executor or head keeps the entry
of their own organisation (and its sub-units) and its people; a body secretary keeps their body.
"""

from typing import Any

import rules

from koordinat.accounts.permissions import is_office_manager, is_organization_staff

from .models import Body, Membership, Organization, Person


@rules.predicate
def is_own_organization(user: Any, organization: Organization | None) -> bool:
    return organization is not None and organization.pk in user.organization_ids()


@rules.predicate
def employs_person(user: Any, person: Person | None) -> bool:
    if person is None:
        return False
    current = Membership.objects.current().filter(person=person, organization_id__in=user.organization_ids())
    return current.exists()


@rules.predicate
def is_body_secretary(user: Any, body: Body | None) -> bool:
    return body is not None and user.person_id is not None and body.secretary_id == user.person_id


can_view_directory = rules.is_authenticated & rules.is_active
can_create_organization = is_office_manager
can_edit_organization = is_office_manager | (is_organization_staff & is_own_organization)
can_abolish_organization = is_office_manager
can_create_person = is_office_manager | is_organization_staff
can_edit_person = is_office_manager | (is_organization_staff & employs_person)
can_create_body = is_office_manager
can_edit_body = is_office_manager | is_body_secretary

rules.add_perm("directory.view", can_view_directory)
rules.add_perm("directory.add_organization", can_create_organization)
rules.add_perm("directory.change_organization", can_edit_organization)
rules.add_perm("directory.abolish_organization", can_abolish_organization)
rules.add_perm("directory.add_person", can_create_person)
rules.add_perm("directory.change_person", can_edit_person)
rules.add_perm("directory.add_body", can_create_body)
rules.add_perm("directory.change_body", can_edit_body)
