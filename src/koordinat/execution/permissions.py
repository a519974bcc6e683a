"""Who may do what in execution control: the controller decides, executors report for their own."""

from typing import Any

import rules

from koordinat.accounts.permissions import (
    is_administrator,
    is_coordinator,
    is_office_manager,
    is_organization_staff,
)
from koordinat.directory.selectors import organization_scope

from .models import ControlItem, Extension, Report


@rules.predicate
def is_controller(user: Any, item: ControlItem) -> bool:
    """The user acts for the item's controlling organisation (or one of its sub-units' parents)."""
    return bool(user.is_authenticated and item.controller_id in organization_scope(user))


@rules.predicate
def is_executor_of(user: Any, item: ControlItem) -> bool:
    ids = organization_scope(user) if user.is_authenticated else set()
    return any(assignment.organization_id in ids for assignment in item.assignments.all())


@rules.predicate
def writes_report(user: Any, report: Report) -> bool:
    return bool(user.is_authenticated and report.organization_id in organization_scope(user))


@rules.predicate
def is_head(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_role("head"))


@rules.predicate
def controls_extension(user: Any, extension: Extension) -> bool:
    return bool(user.is_authenticated and extension.item.controller_id in organization_scope(user))


@rules.predicate
def controls_report(user: Any, report: Report) -> bool:
    return bool(user.is_authenticated and report.item.controller_id in organization_scope(user))


@rules.predicate
def sent_report(user: Any, report: Report) -> bool:
    """The user sent the report to the controller (as focal point, or as the head approving it)."""
    return bool(user.is_authenticated and report.submitted_by_id == user.pk)


@rules.predicate
def asked_for_extension(user: Any, extension: Extension) -> bool:
    return bool(user.is_authenticated and extension.requested_by_id == user.pk)


can_manage_cycles = is_office_manager
# What the organisation has not sent is its own: the controller, observers, administrators and other
# executors read a report only as it was last sent (selectors.report_content).
can_read_working_copy = writes_report
can_edit_report = is_organization_staff & writes_report
can_approve_as_head = is_head & writes_report
# Roles change over time: whoever sent a report or asked for an extension never decides on it.
can_review_report = (is_administrator | (is_coordinator & controls_report)) & ~sent_report
can_request_extension = is_organization_staff & is_executor_of
can_decide_extension = (is_administrator | (is_coordinator & controls_extension)) & ~asked_for_extension
can_close_item = is_administrator | (is_coordinator & is_controller)
can_assign_controller_person = can_close_item
# The controller decides an item's control date where its period gives none (`item_set_control_date`).
can_set_control_date = can_close_item
# What the public reads of a measure (status, summary, evidence) is its controller's decision.
can_publish_measure = can_close_item
