"""Who sees and retries background jobs: administrators only (their errors may name any data)."""

import rules

from koordinat.accounts.permissions import is_administrator

can_manage_jobs = rules.is_active & is_administrator
