"""Who may register, change and import plans: the coordination office."""

import rules

from koordinat.accounts.permissions import is_office_manager

can_view_plans = rules.is_authenticated & rules.is_active
can_manage_plans = is_office_manager

rules.add_perm("plans.view", can_view_plans)
rules.add_perm("plans.manage", can_manage_plans)
