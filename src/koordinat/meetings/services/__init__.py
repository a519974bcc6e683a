"""Every change to meetings, minutes and instructions: checked, atomic, audited."""

from .agenda import agenda_item_save
from .instructions import instruction_register, instruction_save
from .meetings import (
    FREQUENCY_DAYS,
    FREQUENCY_MONTHS,
    Invitee,
    default_invitees,
    meeting_cancel,
    meeting_create,
    meeting_held,
    meeting_invite,
    meeting_series_create,
    meeting_update,
)
from .minutes import minutes_approve, minutes_circulate, minutes_comment, minutes_publish, minutes_start

__all__ = [
    "FREQUENCY_DAYS",
    "FREQUENCY_MONTHS",
    "Invitee",
    "agenda_item_save",
    "default_invitees",
    "instruction_register",
    "instruction_save",
    "meeting_cancel",
    "meeting_create",
    "meeting_held",
    "meeting_invite",
    "meeting_series_create",
    "meeting_update",
    "minutes_approve",
    "minutes_circulate",
    "minutes_comment",
    "minutes_publish",
    "minutes_start",
]
