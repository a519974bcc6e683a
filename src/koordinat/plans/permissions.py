"""Who may register, change, import and publish plans: the coordination office."""

from typing import Any

import rules

from koordinat.accounts.permissions import is_administrator, is_coordinator, is_office_manager
from koordinat.directory.selectors import organization_scope

can_manage_plans = is_office_manager


@rules.predicate
def coordinates_plan(user: Any, plan: Any) -> bool:
    """The user acts for the plan's coordinating organisation (or an organisation above it)."""
    return bool(
        user.is_authenticated and plan is not None and plan.coordinator_id in organization_scope(user)
    )


# The plan's owning side decides what the public sees of it; administrators may act for anyone.
can_publish_plan = is_administrator | (is_coordinator & coordinates_plan)
