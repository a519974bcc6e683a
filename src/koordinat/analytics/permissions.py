"""Who may make and read the official execution reports: the office's readers of execution control."""

from typing import Any

import rules

from koordinat.accounts.models import Role
from koordinat.accounts.permissions import is_administrator, is_coordinator


@rules.predicate
def is_observer(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.OBSERVER))


# The document quotes every executor's accepted reports across the plan: the office's readers read
# them all (execution.models.ReportQuerySet), an executing organisation's staff do not.
can_produce_official_reports = rules.is_active & (is_administrator | is_coordinator | is_observer)
