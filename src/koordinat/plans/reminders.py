"""The reminder ladder a plan's items follow: when, around a control date, who is reminded.

The installation's ladder is settings.KOORDINAT_REMINDER_LADDER; a plan may keep its own
(`Plan.reminder_ladder`, the same JSON). The notifications app sends the reminders
(notifications.reminders); the plan only says which days.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

MAX_DAYS = 60

# The form's fields, by the ladder's keys: a refusal names the field the person filled in.
FIELDS = {
    "before": "reminders_before",
    "overdue": "reminders_overdue",
    "head": "escalate_to_head",
    "controller": "escalate_to_controller",
}


@dataclass(frozen=True)
class Ladder:
    """Working days before a control date (`before`), and after it (`overdue`); the control date
    itself is always a step. From `head` working days overdue the head of the executing
    organisation is told too, from `controller` days the controller."""

    before: tuple[int, ...]
    overdue: tuple[int, ...]
    head: int
    controller: int

    @property
    def offsets(self) -> list[int]:
        """Every step as working days from the control date: [-10, -3, 0, 1, 7]."""
        return sorted({-days for days in self.before} | {0} | set(self.overdue))

    def as_json(self) -> dict[str, Any]:
        return {
            "before": sorted(self.before, reverse=True),
            "overdue": sorted(self.overdue),
            "head": self.head,
            "controller": self.controller,
        }

    @classmethod
    def from_json(cls, value: Mapping[str, Any]) -> Ladder:
        """A ladder from its JSON; a ValidationError naming the form's field for a value out of range."""
        errors: dict[str, str] = {}
        lists: dict[str, tuple[int, ...]] = {}
        for key in ("before", "overdue"):
            days = value.get(key, [])
            if not isinstance(days, list | tuple) or not all(
                isinstance(day, int) and not isinstance(day, bool) and 1 <= day <= MAX_DAYS for day in days
            ):
                errors[FIELDS[key]] = _(
                    "Give numbers of working days from 1 to %(max)d, separated by commas, for example 10, 3."
                ) % {"max": MAX_DAYS}
            elif len(set(days)) != len(days):
                errors[FIELDS[key]] = _("Give each number of working days once.")
            else:
                lists[key] = tuple(days)
        steps: dict[str, int] = {}
        for key in ("head", "controller"):
            days = value.get(key)
            if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
                errors[FIELDS[key]] = _("Give a number of working days overdue from 1 to %(max)d.") % {
                    "max": MAX_DAYS
                }
            else:
                steps[key] = days
        if not errors and steps["controller"] < steps["head"]:
            errors[FIELDS["controller"]] = _(
                "The controller is told after the head: give at least %(days)d working days."
            ) % {"days": steps["head"]}
        if errors:
            raise ValidationError(errors)
        return cls(lists["before"], lists["overdue"], steps["head"], steps["controller"])


def default_ladder() -> Ladder:
    """The installation's ladder (settings.KOORDINAT_REMINDER_LADDER)."""
    try:
        return Ladder.from_json(settings.KOORDINAT_REMINDER_LADDER)
    except ValidationError as error:
        raise ImproperlyConfigured(
            f"KOORDINAT_REMINDER_LADDER is not a valid ladder: {error.messages}"
        ) from error


def ladder_of(value: Mapping[str, Any] | None) -> Ladder:
    """A plan's ladder from its field: its own, or the installation's when it keeps none."""
    return Ladder.from_json(value) if value else default_ladder()
