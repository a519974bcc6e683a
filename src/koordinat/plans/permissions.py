"""Who may register, change and import plans: the coordination office."""

from koordinat.accounts.permissions import is_office_manager

can_manage_plans = is_office_manager
