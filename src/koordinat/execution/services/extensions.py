"""Extensions: an executor asks for a new control date and the controller decides."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from koordinat.accounts.models import User
from koordinat.core import audit, clock
from koordinat.core.dates import dates_in_range
from koordinat.directory.selectors import organization_scope

from .. import permissions
from ..models import ControlDateChange, ControlItem, Extension
from ._common import _date, _require


@dates_in_range
def extension_request(
    *,
    actor: User,
    item: ControlItem,
    new_date: datetime.date,
    reason: str,
    today: datetime.date | None = None,
) -> Extension:
    """An executor asks for a new control date; the item's controller will decide."""
    _require(permissions.can_request_extension, actor, item, action="extension.request", item=item)
    today = today or clock.today()
    with transaction.atomic():
        current = ControlItem.objects.select_for_update().get(pk=item.pk)
        if not current.is_open:
            raise ValidationError(
                _("This item is %(status)s; its control date can no longer change.")
                % {"status": current.get_control_status_display()}
            )
        if new_date <= today:
            raise ValidationError({"new_date": _("Ask for a date after today.")})
        if current.control_date and new_date <= current.control_date:
            raise ValidationError(
                {
                    "new_date": _("Ask for a date after the current control date, %(date)s.")
                    % {"date": _date(current.control_date)}
                }
            )
        if not reason.strip():
            raise ValidationError({"reason": _("Say why more time is needed.")})
        if current.extensions.filter(status=Extension.Status.REQUESTED).exists():
            raise ValidationError(
                _("An extension request for this item is already waiting for the controller.")
            )
        organization_ids = organization_scope(actor)
        organization_id = next(
            a.organization_id
            for a in current.assignments.order_by("position")
            if a.organization_id in organization_ids
        )
        extension = Extension.objects.create(
            item=current,
            organization_id=organization_id,
            requested_by=actor,
            requested_at=clock.now(),
            current_date=current.control_date,
            new_date=new_date,
            reason=reason.strip(),
        )
        audit.record(
            actor=actor,
            action="extension.request",
            target=current,
            data={"extension": extension.pk, "new_date": new_date.isoformat(), "reason": extension.reason},
        )
    return extension


def extension_decide(*, actor: User, extension: Extension, approve: bool, comment: str = "") -> Extension:
    """The controller approves or refuses a new control date; the item's date history keeps both."""
    _require(
        permissions.can_decide_extension, actor, extension, action="extension.decide", item=extension.item
    )
    with transaction.atomic():
        current = Extension.objects.select_for_update().select_related("item").get(pk=extension.pk)
        if current.status != Extension.Status.REQUESTED:
            raise ValidationError(
                _("This request was already decided on %(date)s.")
                % {
                    "date": formats.date_format(timezone.localtime(current.decided_at))
                    if current.decided_at
                    else "—"
                }
            )
        if not approve and not comment.strip():
            raise ValidationError(
                {"comment": _("Say why the request is refused: the executor sees your comment.")}
            )
        current.status = Extension.Status.APPROVED if approve else Extension.Status.REFUSED
        current.decided_by, current.decided_at, current.comment = actor, clock.now(), comment.strip()
        current.save()
        if approve:
            _move_control_date(
                item=current.item, to=current.new_date, actor=actor, reason=current.reason, extension=current
            )
        audit.record(
            actor=actor,
            action="extension.decide",
            target=current.item,
            data={
                "extension": current.pk,
                "approve": approve,
                "new_date": current.new_date.isoformat(),
                "comment": current.comment,
            },
        )
    return current


def _move_control_date(
    *, item: ControlItem, to: datetime.date, actor: User, reason: str, extension: Extension | None
) -> None:
    current = ControlItem.objects.select_for_update().get(pk=item.pk)
    ControlDateChange.objects.create(
        item=current,
        old_date=current.control_date,
        new_date=to,
        reason=reason,
        extension=extension,
        changed_by=actor,
        changed_at=clock.now(),
    )
    current.control_date = to
    if current.control_status == ControlItem.Status.ON_CONTROL:
        current.control_status = ControlItem.Status.EXTENDED
    current.version += 1
    current.save(update_fields=["control_date", "control_status", "version", "updated_at"])
