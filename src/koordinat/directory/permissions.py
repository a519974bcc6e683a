"""Who may change which part of the registry.

Coordinators and administrators keep the whole registry. An executor or head keeps the record of
their own organisation (and its sub-units): its names, its positions, and the people who work only
there. A body secretary keeps their body's records. The settings that control an organisation or a
body (its kind, its parent, the head's approval of reports; a body's chair, secretary and
publicity) are the coordination office's alone.
"""

from typing import Any

import rules

from koordinat.accounts.permissions import is_office_manager, is_organization_staff

from .models import Body, Membership, Organization, Person
from .selectors import organization_scope


@rules.predicate
def is_own_organization(user: Any, organization: Organization | None) -> bool:
    return organization is not None and organization.pk in organization_scope(user)


@rules.predicate
def holds_a_current_position(user: Any, person: Person | None) -> bool:
    return person is not None and Membership.objects.current().filter(person=person).exists()


@rules.predicate
def works_only_in_own_organization(user: Any, person: Person | None) -> bool:
    """Every current position of the person is in the user's organisation or its sub-units.

    Someone who also works elsewhere, or holds no current position, is kept by the coordination office."""
    if person is None:
        return False
    current = set(
        Membership.objects.current().filter(person=person).values_list("organization_id", flat=True)
    )
    return bool(current) and current <= organization_scope(user)


@rules.predicate
def is_body_secretary(user: Any, body: Body | None) -> bool:
    return body is not None and user.person_id is not None and body.secretary_id == user.person_id


can_create_organization = is_office_manager
can_edit_organization = is_office_manager | (is_organization_staff & is_own_organization)
can_change_organization_controls = is_office_manager
can_abolish_organization = is_office_manager
can_create_person = is_office_manager | is_organization_staff
can_manage_positions = is_office_manager | (is_organization_staff & is_own_organization)
can_give_position = is_office_manager | (is_organization_staff & holds_a_current_position)
can_edit_person = is_office_manager | (is_organization_staff & works_only_in_own_organization)
can_create_body = is_office_manager
can_edit_body = is_office_manager | is_body_secretary
can_change_body_controls = is_office_manager
