"""Role predicates every app builds its rules from."""

from typing import Any

import rules

from .models import Role


@rules.predicate
def is_administrator(user: Any) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.has_role(Role.ADMINISTRATOR)))


@rules.predicate
def is_coordinator(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.COORDINATOR))


@rules.predicate
def is_organization_staff(user: Any) -> bool:
    """Executors and heads speak for their own organisation."""
    return bool(user.is_authenticated and user.has_role(Role.EXECUTOR, Role.HEAD))


is_office_manager = is_administrator | is_coordinator

# Lifting a sign-in lockout before its cool-off ends is an administrator's act.
can_unlock_sign_in = rules.is_active & is_administrator
