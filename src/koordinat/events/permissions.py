"""Who manages an event: the coordinators and body secretaries of an organising organisation (or of an
organisation above it), and administrators. Another organisation's staff cannot see or change it."""

from typing import Any

import rules

from koordinat.accounts.models import Role
from koordinat.accounts.permissions import is_administrator
from koordinat.directory.selectors import organization_scope


@rules.predicate
def speaks_for_an_organisation(user: Any) -> bool:
    """A coordinator or body secretary attached to an organisation: the people who hold its events."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organization_id is not None
        and user.has_role(Role.COORDINATOR, Role.BODY_SECRETARY)
    )


@rules.predicate
def organizes_event(user: Any, event: Any) -> bool:
    if event is None or not user.is_authenticated:
        return False
    scope = organization_scope(user)
    organizer_ids = getattr(event, "organizer_ids", None)
    if organizer_ids is None:
        organizer_ids = set(event.organizers.values_list("pk", flat=True))
    return bool(scope & set(organizer_ids))


can_create_event = is_administrator | speaks_for_an_organisation
can_manage_event = is_administrator | (speaks_for_an_organisation & organizes_event)
