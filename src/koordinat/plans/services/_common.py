"""What the plan services share: the coordination office's check and a measure's search text."""

from typing import Any

from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit
from koordinat.core.text import fold
from koordinat.core.translation import texts_of

from .. import permissions
from ..models import Measure


def _require_manager(actor: User, action: str, target: Any = None) -> None:
    if not permissions.can_manage_plans(actor):
        audit.refused(actor=actor, action=action, target=target)
        raise audit.Refusal(_("Only the coordination office can change plans."), target=target, recorded=True)


def _measure_search_text(measure: Measure) -> str:
    return fold(" | ".join([measure.number, *texts_of(measure, "text").values()]))
