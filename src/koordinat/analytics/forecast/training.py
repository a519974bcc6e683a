"""Which rows the model learns from, and how one open item is scored and explained.

A training row is an item as it stood on a past day (a snapshot every STEP_DAYS back from the
training day, at most a year before its control date), labelled by whether it then missed the
control date it had that day. Only snapshots whose control date had passed by the training day
are taken (or whose work was done by it, as known that day): an item still running on the
training day has no outcome yet, and taking only the early finishers among them would teach the
model that far dates are always kept.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from .features import FEATURES, Row, outcome, row
from .history import History, ItemFacts
from .model import Fitted, fit

STEP_DAYS = 14
LOOKBACK_DAYS = 730
HORIZON_DAYS = 365
MAX_ROWS = 100_000  # larger histories are sampled (seeded), so a national retraining stays in minutes
SEED = 16
SHOWN_REASONS = 4


@dataclass
class TrainingSet:
    rows: list[Row]
    labels: list[int]

    @property
    def positives(self) -> int:
        return sum(self.labels)


def may_have_finished(item: ItemFacts, as_of: int) -> bool:
    """Cheap pre-filter: a control date before `as_of` or a completion known by then."""
    dates = [item.current_date, *(old for _, old, _ in item.dates), *(new for _, _, new in item.dates)]
    return item.done_by(as_of) is not None or any(day is not None and day < as_of for day in dates)


def training_set(history: History, as_of: datetime.date) -> TrainingSet:
    known_on = as_of.toordinal()
    days = [known_on - STEP_DAYS * step for step in range(1, LOOKBACK_DAYS // STEP_DAYS + 1)]
    chosen: list[tuple[ItemFacts, int, int]] = []
    for pk in sorted(history.items):
        item = history.items[pk]
        if not may_have_finished(item, known_on):
            continue
        for day in days:
            if not item.running(day):
                continue
            control = item.control_date(day)
            assert control is not None
            if control - day > HORIZON_DAYS:
                continue
            label = outcome(item, control, known_on)
            if label is not None:
                chosen.append((item, day, label))
    if len(chosen) > MAX_ROWS:
        chosen = [chosen[index] for index in sorted(random.Random(SEED).sample(range(len(chosen)), MAX_ROWS))]
    return TrainingSet(
        rows=[row(history, item, day, explained=False) for item, day, _ in chosen],
        labels=[label for _, _, label in chosen],
    )


def train(history: History, as_of: datetime.date) -> tuple[Fitted, TrainingSet]:
    """Fit on what was known at the end of `as_of` (raises NotEnoughHistory)."""
    found = training_set(history, as_of)
    return fit([each.values for each in found.rows], found.labels), found


def open_rows(history: History, as_of: datetime.date) -> list[Row]:
    """The items running at the end of `as_of` whose control date has not passed."""
    day = as_of.toordinal()
    return [row(history, item, day) for _, item in sorted(history.items.items()) if item.running(day)]


def explain(fitted: Fitted, scored: Row) -> list[dict[str, Any]]:
    """The features that push this item's risk up and whose words say so, strongest first.

    A feature is a reason when its contribution (coefficient × standardised value) is positive
    and its value lies on the side its words describe: above its mean and above zero for "high"
    features (late reports, missing inputs, moves), below its mean for days left. A contribution
    that comes from an unexpected sign (say, fewer moves than usual counted as risky) still moves
    the probability but is not put into words, which would read as nonsense."""
    reasons: list[dict[str, Any]] = []
    z_values = fitted.standardised([scored.values])[0]
    for feature, value, z, contribution in zip(
        FEATURES, scored.values, z_values, fitted.contributions(scored.values), strict=True
    ):
        side = (value > 0 and z > 0) if feature.risky_when == "high" else z < 0
        if contribution > 0 and side:
            reasons.append(
                {"key": feature.name, "params": scored.params[feature.name], "weight": round(contribution, 4)}
            )
    reasons.sort(key=lambda reason: -reason["weight"])
    return reasons[:SHOWN_REASONS]
