"""Classical test theory statistics, as small pure functions over NumPy arrays.

Every function returns ``None`` when the statistic is undefined (fewer than two learners,
or a variance of zero) instead of dividing by zero: the report prints "undefined".
Variances are population variances (divide by N), as in the textbook KR-20 formula; Cronbach's
alpha is a ratio of variances, so the choice of N or N-1 does not change it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

UPPER_LOWER_FRACTION = 0.27
"""Kelley's 27 %: the share of learners in each of the upper and lower groups."""


@dataclass(frozen=True)
class Reliability:
    """Internal consistency of a quiz: which coefficient was used and its value."""

    method: Literal["kr20", "alpha"]
    """``"kr20"`` (KR-20) when every item is scored 0 or full points, else ``"alpha"``
    (Cronbach's alpha): an identifier, so the report names it in its own language."""
    value: float | None
    """None when undefined (fewer than two items or learners, or no spread in totals)."""


def difficulty(points: Sequence[float], max_points: float) -> float | None:
    """Proportion correct: mean points over maximum points (1.0 means everyone got it)."""
    if not points or max_points <= 0:
        return None
    return float(np.mean(points)) / max_points


def pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    """Pearson's r, or None when either side has no spread."""
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.size < 2:
        return None
    da, db = a - a.mean(), b - b.mean()
    denominator = float(np.sqrt((da * da).sum() * (db * db).sum()))
    if denominator <= 1e-12:
        return None
    return float((da * db).sum()) / denominator


def item_rest_correlation(item: Sequence[float], totals: Sequence[float]) -> float | None:
    """Corrected point-biserial: r of the item with the total *minus this item*.

    Correlating with the plain total counts the item on both sides and inflates r, most for
    short quizzes; the rest score avoids that. For a 0/full item this is the point-biserial.
    """
    rest = np.asarray(totals, dtype=float) - np.asarray(item, dtype=float)
    return pearson(item, rest)


def upper_lower_index(
    item: Sequence[float],
    totals: Sequence[float],
    max_points: float,
    fraction: float = UPPER_LOWER_FRACTION,
) -> float | None:
    """Mean proportion correct in the top 27 % by total minus that in the bottom 27 %.

    Each group has ``round(fraction * n)`` learners (at least one). Ties in the total keep the
    given order (learner id), so the result is deterministic. None with fewer than 2 learners.
    """
    n = len(totals)
    if n < 2 or max_points <= 0:
        return None
    size = max(1, int(fraction * n + 0.5))
    order = sorted(range(n), key=lambda index: -totals[index])
    upper = [item[index] / max_points for index in order[:size]]
    lower = [item[index] / max_points for index in order[-size:]]
    return float(np.mean(upper) - np.mean(lower))


def reliability(matrix: Sequence[Sequence[float]], maxima: Sequence[float]) -> Reliability:
    """KR-20 when every score is 0 or its item's maximum, Cronbach's alpha otherwise.

    ``matrix`` has one row per learner and one column per item. For dichotomous items KR-20
    and alpha agree; the name says which assumption holds.
    """
    scores = np.asarray(matrix, dtype=float)
    tops = np.asarray(maxima, dtype=float)
    dichotomous = bool(np.all((scores == 0) | (scores == tops)))
    method: Literal["kr20", "alpha"] = "kr20" if dichotomous else "alpha"
    if scores.ndim != 2 or scores.shape[0] < 2 or scores.shape[1] < 2:
        return Reliability(method, None)
    k = scores.shape[1]
    total_variance = float(scores.sum(axis=1).var())
    if total_variance <= 1e-12:
        return Reliability(method, None)
    if dichotomous:
        p = (scores / tops).mean(axis=0)
        item_variance = float((tops * tops * p * (1 - p)).sum())
    else:
        item_variance = float(scores.var(axis=0).sum())
    return Reliability(method, k / (k - 1) * (1 - item_variance / total_variance))
