"""The forecast's named features of one item on one day, each computed from what was known that day.

Each feature has a name (its key in the stored model and in the reasons), the side of its mean on
which its words explain a risk ("high": the more, the riskier the words read; "low": the fewer),
and the numbers its words need. `row` reads a `History` only through its "as of" accessors.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from .history import History, ItemFacts

RECENT_REPORTS = 6  # the lead executor's track record: its last six reports due (any item)
LONGEST_HORIZON = 730  # days to the control date beyond two years read as two years


@dataclass(frozen=True)
class Feature:
    name: str
    risky_when: str  # "high" or "low"


FEATURES = (
    Feature("lead_late_share", "high"),  # share of the lead's last reports sent late or not sent
    Feature("progress_behind", "high"),  # share of time elapsed minus the last progress the lead reported
    Feature("lead_report_missing", "high"),  # the lead's last report due on this item not sent
    Feature("co_inputs_missing", "high"),  # co-executors' inputs of the last cycle due not sent
    Feature("date_moves", "high"),  # times the control date was moved already
    Feature("extensions_not_granted", "high"),  # requests for more time pending or refused
    Feature("returned_reports", "high"),  # reports on the item returned for rework
    Feature("days_to_control", "low"),  # days left to the control date
    Feature("is_instruction", "high"),  # an instruction from a meeting rather than a plan's measure
    Feature("co_executors", "high"),  # how many co-executors share the item
)
NAMES = [feature.name for feature in FEATURES]


@dataclass(slots=True)
class Row:
    """One item on one day: its feature values in `NAMES` order and the numbers behind each."""

    item_id: int
    day: int
    control_date: int
    values: list[float]
    params: dict[str, dict[str, Any]] = field(default_factory=dict)

    def behind(self) -> float:
        """The naive baseline's score: time elapsed minus progress (late if above zero)."""
        return self.values[1]


def iso(day: int) -> str:
    return datetime.date.fromordinal(day).isoformat()


def row(history: History, item: ItemFacts, day: int, *, explained: bool = True) -> Row:
    """The features of `item` at the end of `day`; the item must be running then (`item.running`).
    With `explained`, also the numbers each feature's words need (training rows go without)."""
    control = item.control_date(day)
    assert control is not None

    count, late = (0, 0)
    if item.lead is not None and item.lead in history.organizations:
        count, late = history.organizations[item.lead].last(day, RECENT_REPORTS)
    late_share = late / count if count else 0.0

    span = control - item.start
    elapsed = min(1.0, max(0.0, (day - item.start) / span)) if span > 0 else 1.0
    known = bisect_right(item.lead_progress, (day, 101))
    progress = item.lead_progress[known - 1][1] if known else 0

    def unsent(reports: list[tuple[int, int | None]]) -> tuple[int, int]:
        """Of the last due date before `day`: (that day, reports of it not sent by `day`)."""
        position = bisect_left([due for due, _ in reports], day)
        if position == 0:
            return 0, 0
        last_due = reports[position - 1][0]
        missing = sum(
            1 for due, sent in reports[:position] if due == last_due and (sent is None or sent > day)
        )
        return last_due, missing

    lead_due, lead_missing = unsent(item.lead_reports)
    _, co_missing = unsent(item.co_reports)
    moves = sum(1 for changed, old, _ in item.dates if changed <= day and old is not None)
    not_granted = sum(
        1 for asked, granted in item.extension_requests if asked <= day and (granted is None or granted > day)
    )
    returned = bisect_right(item.returned, day)
    days_left = min(control - day, LONGEST_HORIZON)

    values = [
        late_share,
        elapsed - progress / 100,
        float(lead_missing > 0),
        float(co_missing),
        float(moves),
        float(not_granted),
        float(returned),
        float(days_left),
        float(item.is_instruction),
        float(item.co_executors),
    ]
    if not explained:
        return Row(item_id=item.pk, day=day, control_date=control, values=values)
    params: dict[str, dict[str, Any]] = {
        "lead_late_share": {"late": late, "count": count},
        "progress_behind": {
            "progress": progress,
            "left": round(100 * (1 - elapsed)),
            "reported": known > 0,
        },
        "lead_report_missing": {"due": iso(lead_due) if lead_due else ""},
        "co_inputs_missing": {"count": co_missing},
        "date_moves": {"count": moves},
        "extensions_not_granted": {"count": not_granted},
        "returned_reports": {"count": returned},
        "days_to_control": {"days": days_left},
        "is_instruction": {},
        "co_executors": {"count": item.co_executors},
    }
    return Row(item_id=item.pk, day=day, control_date=control, values=values, params=params)


def outcome(item: ItemFacts, control: int, known_on: int) -> int | None:
    """Whether the item missed `control` (1) or not (0), as known at the end of `known_on`; None
    while that cannot be told yet, or when the item left control without being done before its date.

    Missed means: not done (by an accepted report's "completed on") on or before the control date
    the item had on the day it was scored; a later extension does not undo the miss."""
    done = item.done_by(known_on)
    if done is not None and done <= control:
        return 0
    if done is not None:
        return 1
    if control >= known_on:
        return None  # its date has not passed yet
    if item.undated_closure or (item.closed is not None and item.closed <= control):
        return None  # taken off control (or cancelled) undone before its date: neither
    return 1
