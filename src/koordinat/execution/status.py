"""An item's one status line, decided here and nowhere else.

Pages used to show the control status beside a separate "overdue" flag, so an item executed and
awaiting removal from control could read "executed" and "overdue" at once. The line below is the one
answer to "where does this item stand": its cases exclude each other, and `ControlItemQuerySet`
filters (`late`, `due_within`) select exactly the items whose line says so.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext, ngettext

from .models import ControlItem

Status = ControlItem.Status
SOON = 7  # days: "due in N days" from here on


@dataclass(frozen=True, slots=True)
class StatusLine:
    code: str  # on_control, extended, due, overdue, undated, executed, removed, cancelled
    text: str
    colour: str  # a GOV.UK tag colour
    days_overdue: int = 0


def status_line(
    *, control_status: str, control_date: datetime.date | None, needs_date: bool, today: datetime.date
) -> StatusLine:
    """Where an item stands today, in the page's language. `needs_date`: open without a control date
    though its period gives none to infer (see `ControlItem.needs_control_date`)."""
    if control_status == Status.EXECUTED:
        return StatusLine("executed", gettext("executed, awaiting removal from control"), "turquoise")
    if control_status == Status.REMOVED:
        return StatusLine("removed", gettext("removed from control"), "green")
    if control_status == Status.CANCELLED:
        return StatusLine("cancelled", gettext("cancelled"), "grey")
    if control_date is None:
        if needs_date:
            return StatusLine("undated", gettext("needs a control date"), "yellow")
        return StatusLine("on_control", gettext("on control, reported every cycle"), "blue")
    days = (control_date - today).days
    if days < 0:
        late = -days
        text = ngettext("overdue by %(days)s day", "overdue by %(days)s days", late) % {"days": late}
        return StatusLine("overdue", text, "red", days_overdue=late)
    if days <= SOON:
        text = (
            gettext("due today")
            if days == 0
            else ngettext("due in %(days)s day", "due in %(days)s days", days) % {"days": days}
        )
        return StatusLine("due", text, "orange")
    if control_status == Status.EXTENDED:
        return StatusLine("extended", gettext("on control, date extended"), "purple")
    return StatusLine("on_control", gettext("on control"), "blue")


def item_status(item: ControlItem, today: datetime.date) -> StatusLine:
    """The status line of an item read as a model (its page, the measure's panel); reads its measure."""
    return status_line(
        control_status=item.control_status,
        control_date=item.control_date,
        needs_date=item.needs_control_date,
        today=today,
    )


def lateness(line: StatusLine, control_date: datetime.date | None) -> str:
    """The worklists' lateness column, read from the item's status line so the two never disagree:
    "overdue by N days" and "due in N days" as the line says them, "on time" for an item running with
    a control date further off, the line itself otherwise (executed, no control date)."""
    if line.code in ("on_control", "extended") and control_date is not None:
        return gettext("on time")
    return line.text
