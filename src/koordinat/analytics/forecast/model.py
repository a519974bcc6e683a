"""The model: scikit-learn's logistic regression on standardised features, kept as plain numbers.

Training uses scikit-learn; scoring uses only the stored coefficients, means and scales, so a score
and its reasons can be recomputed by hand: z = (x − mean) / scale, logit = intercept + Σ coef·z,
probability = 1 / (1 + e^−logit), and each feature's contribution is coef·z.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from .features import FEATURES

MIN_ROWS = 20  # fewer finished examples than this, or only one outcome among them: no model


class NotEnoughHistory(Exception):
    """The history holds too few finished items, or only one outcome, to fit a model."""


@dataclass
class Fitted:
    names: list[str]
    coefficients: list[float]
    intercept: float
    means: list[float]
    scales: list[float]

    def standardised(self, values: Sequence[Sequence[float]]) -> np.ndarray:
        return (np.asarray(values, dtype=float) - np.asarray(self.means)) / np.asarray(self.scales)

    def probabilities(self, values: Sequence[Sequence[float]]) -> np.ndarray:
        if not len(values):
            return np.zeros(0)
        logits = self.intercept + self.standardised(values) @ np.asarray(self.coefficients)
        return 1 / (1 + np.exp(-logits))

    def contributions(self, values: Sequence[float]) -> list[float]:
        """Each feature's push on the logit: its coefficient times its standardised value."""
        z = self.standardised([values])[0]
        return [float(c * v) for c, v in zip(self.coefficients, z, strict=True)]


def fit(values: Sequence[Sequence[float]], labels: Sequence[int]) -> Fitted:
    """Standardise each feature (a constant one keeps scale 1) and fit an L2-regularised logistic
    regression (C = 1, scikit-learn's default), unweighted so the probabilities stay calibrated."""
    positives = sum(labels)
    if len(labels) < MIN_ROWS or positives in (0, len(labels)):
        raise NotEnoughHistory(
            f"{len(labels)} finished examples, {positives} of them late: at least {MIN_ROWS} "
            "with both outcomes are needed."
        )
    matrix = np.asarray(values, dtype=float)
    means = matrix.mean(axis=0)
    scales = matrix.std(axis=0)
    scales[scales == 0] = 1.0
    regression = LogisticRegression(C=1.0, max_iter=1000)
    regression.fit((matrix - means) / scales, np.asarray(labels))
    return Fitted(
        names=[feature.name for feature in FEATURES],
        coefficients=[float(c) for c in regression.coef_[0]],
        intercept=float(regression.intercept_[0]),
        means=[float(m) for m in means],
        scales=[float(s) for s in scales],
    )


# Metrics -----------------------------------------------------------------------------------------


def auc(scores: Sequence[float], labels: Sequence[int]) -> float | None:
    """The chance that a late item scores above an on-time one (ties count half); None with one
    outcome only. The Mann–Whitney statistic over average ranks."""
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return None
    order = sorted(range(len(scores)), key=lambda index: scores[index])
    ranks = [0.0] * len(scores)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    positive_ranks = sum(rank for rank, label in zip(ranks, labels, strict=True) if label)
    return (positive_ranks - positives * (positives + 1) / 2) / (positives * negatives)


def brier(probabilities: Sequence[float], labels: Sequence[int]) -> float | None:
    """Mean squared difference between the probability and the outcome (0 is perfect)."""
    if not labels:
        return None
    return sum((p - y) ** 2 for p, y in zip(probabilities, labels, strict=True)) / len(labels)


def precision_at(scores: Sequence[float], labels: Sequence[int], share: float = 0.1) -> float | None:
    """Of the top `share` by score (at least one item; ties kept in their given order), the share late."""
    if not labels:
        return None
    top = max(1, math.ceil(share * len(labels)))
    order = sorted(range(len(scores)), key=lambda index: -scores[index])[:top]
    return sum(labels[index] for index in order) / top
