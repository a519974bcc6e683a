"""Who moderates and who answers citizens' submissions. Citizens are not office users and hold no
rule here: what a citizen may do with their own submissions is checked by ownership in services."""

from typing import Any

import rules

from koordinat.accounts.permissions import is_administrator, is_coordinator, is_organization_staff
from koordinat.directory.selectors import organization_scope
from koordinat.events.permissions import can_manage_event, speaks_for_an_organisation


@rules.predicate
def coordinates_submission_plan(user: Any, submission: Any) -> bool:
    """The user acts for the coordinating organisation of the submission's plan."""
    plan = getattr(submission, "plan", None)
    return bool(
        user.is_authenticated and plan is not None and plan.coordinator_id in organization_scope(user)
    )


@rules.predicate
def manages_submission_event(user: Any, submission: Any) -> bool:
    """The submission is on an event the user manages (its organisers' coordinators and secretaries)."""
    event = getattr(submission, "event", None)
    return bool(event is not None and can_manage_event(user, event))


@rules.predicate
def acts_for_answering_organization(user: Any, submission: Any) -> bool:
    organization_id = getattr(submission, "organization_id", None)
    return bool(user.is_authenticated and organization_id and organization_id in organization_scope(user))


@rules.predicate
def moderates_any(user: Any) -> bool:
    """Administrators, coordinators, and the body secretaries who hold events."""
    return bool(
        user.is_authenticated
        and (is_administrator(user) or is_coordinator(user) or speaks_for_an_organisation(user))
    )


# The plan's owning side publishes the plan and so moderates what the public says about it; an
# event's organisers publish the event and so moderate what is said on it.
can_moderate = rules.is_active & (
    is_administrator | (is_coordinator & coordinates_submission_plan) | manages_submission_event
)
# Executors and heads speak for their organisation, as they do in reports.
can_answer = rules.is_active & is_organization_staff & acts_for_answering_organization
can_see_moderation_queue = rules.is_active & moderates_any
