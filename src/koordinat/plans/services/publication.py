"""Publishing a plan on the public portal, and withdrawing it: the plan's coordinator decides."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.models import lock_version
from koordinat.core.public import public_changed

from .. import permissions
from ..models import PUBLISHABLE_STATUSES, Plan


def plan_publish(*, actor: User, plan: Plan, version: int) -> Plan:
    """The plan, its numbered measures and the public entries its controllers gave them appear on
    the portal (while the plan is in force or completed). Only an approved plan can be published."""
    audit.require(permissions.can_publish_plan, actor, plan, action="plan.publish")
    with transaction.atomic():
        current = lock_version(plan, version)
        if current.visibility == Plan.Visibility.PUBLIC:
            raise ValidationError(_("The plan %(code)s is already published.") % {"code": current.code})
        if current.status not in PUBLISHABLE_STATUSES:
            raise ValidationError(
                _("A plan that is %(status)s cannot be published: approve it first.")
                % {"status": current.get_status_display()}
            )
        current.visibility = Plan.Visibility.PUBLIC
        current.published_at, current.published_by = clock.now(), actor
        current.version += 1
        current.save(update_fields=["visibility", "published_at", "published_by", "version", "updated_at"])
        audit.record(actor=actor, action="plan.publish", target=current, data={})
        public_changed()
    return current


def plan_unpublish(*, actor: User, plan: Plan, version: int, reason: str) -> Plan:
    """The plan leaves the portal at once: its pages answer 404, its measures' public entries are kept
    for when it is published again."""
    audit.require(permissions.can_publish_plan, actor, plan, action="plan.unpublish")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the plan is withdrawn from the portal.")})
    with transaction.atomic():
        current = lock_version(plan, version)
        if current.visibility != Plan.Visibility.PUBLIC:
            raise ValidationError(_("The plan %(code)s is not published.") % {"code": current.code})
        current.visibility = Plan.Visibility.INTERNAL
        current.published_at, current.published_by = None, None
        current.version += 1
        current.save(update_fields=["visibility", "published_at", "published_by", "version", "updated_at"])
        audit.record(actor=actor, action="plan.unpublish", target=current, data={"reason": reason.strip()})
        public_changed()
    return current
