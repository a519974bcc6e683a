"""The backtest: train on what was known at the end of a past day, score the items open that day,
and compare with what happened afterwards, beside a naive baseline.

Nothing is written. Training and the features read the history only as of the backtest's day
(see history); the outcomes read it as of the day outcomes are known (today by default). Items
whose control date has not come by then, or that left control undone before their date, have no
outcome and are left out of the figures (and counted).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from . import model, training
from .features import NAMES, outcome
from .history import History
from .model import Fitted, NotEnoughHistory


@dataclass
class Figures:
    auc: float | None
    brier: float | None
    top: float | None  # precision of the top 10 %


@dataclass
class Backtest:
    as_of: datetime.date
    known_on: datetime.date
    training_rows: int = 0
    training_late: int = 0
    not_trained: str = ""
    open_items: int = 0
    evaluated: int = 0
    late: int = 0
    model: Figures | None = None
    baseline: Figures | None = None
    baseline_flagged: int = 0
    fitted: Fitted | None = None


def figures(scores: list[float], probabilities: list[float], labels: list[int]) -> Figures:
    return Figures(
        auc=model.auc(scores, labels),
        brier=model.brier(probabilities, labels),
        top=model.precision_at(scores, labels, 0.1),
    )


def run(*, as_of: datetime.date, known_on: datetime.date, history: History | None = None) -> Backtest:
    history = history or History.load()
    result = Backtest(as_of=as_of, known_on=known_on)
    rows = training.open_rows(history, as_of)
    result.open_items = len(rows)
    labelled = [
        (each, label)
        for each in rows
        if (label := outcome(history.items[each.item_id], each.control_date, known_on.toordinal()))
        is not None
    ]
    labels = [label for _, label in labelled]
    result.evaluated, result.late = len(labels), sum(labels)
    behind = [each.behind() for each, _ in labelled]
    flags = [1.0 if value > 0 else 0.0 for value in behind]
    result.baseline_flagged = int(sum(flags))
    result.baseline = figures(behind, flags, labels)
    found = training.training_set(history, as_of)
    result.training_rows, result.training_late = len(found.labels), found.positives
    try:
        fitted = model.fit([each.values for each in found.rows], found.labels)
    except NotEnoughHistory as error:
        result.not_trained = str(error)
        return result
    result.fitted = fitted
    probabilities = [float(p) for p in fitted.probabilities([each.values for each, _ in labelled])]
    result.model = figures(probabilities, probabilities, labels)
    return result


def shown(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def text(result: Backtest) -> str:
    """The report the command prints (and docs/analytics.md quotes)."""
    undecided = result.open_items - result.evaluated
    lines = [
        f"Backtest of the at-risk forecast as of {result.as_of} (outcomes as known on {result.known_on})",
        f"Training rows: {result.training_rows} snapshots of items whose control date had passed by "
        f"{result.as_of}, {result.training_late} of them missed it",
        f"Scored: {result.open_items} items running on {result.as_of} with a control date not yet passed; "
        f"{result.evaluated} with a known outcome ({result.late} missed their date, "
        f"{undecided} not yet decided or left control undone)",
    ]
    if result.evaluated:
        lines.append(f"Share that missed (the rate to beat): {result.late / result.evaluated:.3f}")
    lines.append("")
    lines.append(f"{'':36}{'AUC':>8}{'Brier':>8}{'Top 10 %':>10}")
    if result.model is not None:
        lines.append(
            f"{'Model (logistic regression)':36}{shown(result.model.auc):>8}{shown(result.model.brier):>8}"
            f"{shown(result.model.top):>10}"
        )
    else:
        lines.append(f"Model: not trained: {result.not_trained}")
    if result.baseline is not None:
        lines.append(
            f"{'Baseline (progress behind time)':36}{shown(result.baseline.auc):>8}"
            f"{shown(result.baseline.brier):>8}{shown(result.baseline.top):>10}"
        )
        lines.append(
            f"Baseline flags {result.baseline_flagged} of {result.evaluated} items as late "
            "(its Brier score uses 1 for flagged, 0 otherwise; its AUC and top 10 % rank by how far behind)"
        )
    if result.fitted is not None:
        lines.append("")
        lines.append("Coefficients on standardised features (positive: more risk):")
        lines.append(f"  {'intercept':26}{result.fitted.intercept:+.3f}")
        for name, coefficient, mean in zip(
            NAMES, result.fitted.coefficients, result.fitted.means, strict=True
        ):
            lines.append(f"  {name:26}{coefficient:+.3f}   (mean {mean:.3f})")
    return "\n".join(lines)
