"""Agreement statistics between two raters (the AI and a human, or two humans), in pure Python.

Every function takes two equally long sequences of paired ratings and answers ``None`` where the statistic is not
defined: fewer than two pairs, or a rater who gave the same value every time (a correlation then divides by zero).
Nothing here returns NaN or raises on such data, so a page can show "—" instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

LEVEL_MIN = 1
LEVEL_MAX = 5


def _check_pairs(first: Sequence[float], second: Sequence[float]) -> None:
    if len(first) != len(second):
        raise ValueError(f"Paired ratings differ in length: {len(first)} and {len(second)}.")


def pearson(first: Sequence[float], second: Sequence[float]) -> float | None:
    """Pearson's r, or ``None`` for fewer than two pairs or a constant rater."""
    _check_pairs(first, second)
    n = len(first)
    if n < 2:
        return None
    mean_first = math.fsum(first) / n
    mean_second = math.fsum(second) / n
    deviations_first = [value - mean_first for value in first]
    deviations_second = [value - mean_second for value in second]
    covariance = math.fsum(a * b for a, b in zip(deviations_first, deviations_second, strict=True))
    spread_first = math.fsum(a * a for a in deviations_first)
    spread_second = math.fsum(b * b for b in deviations_second)
    if spread_first == 0 or spread_second == 0:
        return None
    return max(-1.0, min(1.0, covariance / math.sqrt(spread_first * spread_second)))


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing the mean of the ranks they span (the ranking Spearman's rho needs)."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = (start + end) / 2 + 1
        for position in range(start, end + 1):
            result[order[position]] = shared
        start = end + 1
    return result


def spearman(first: Sequence[float], second: Sequence[float]) -> float | None:
    """Spearman's rho (Pearson's r of the tie-averaged ranks), or ``None`` where it is undefined."""
    _check_pairs(first, second)
    if len(first) < 2:
        return None
    return pearson(ranks(first), ranks(second))


def quadratic_weighted_kappa(
    first: Sequence[int], second: Sequence[int], *, minimum: int = LEVEL_MIN, maximum: int = LEVEL_MAX
) -> float | None:
    """Cohen's kappa with quadratic weights on the integer scale ``minimum``…``maximum`` (1–5 by default).

    1 is perfect agreement, 0 what chance gives. ``None`` for fewer than two pairs, or where both raters used one and
    the same level throughout (the expected disagreement is then 0).
    """
    _check_pairs(first, second)
    n = len(first)
    if n < 2:
        return None
    for value in (*first, *second):
        if int(value) != value or not minimum <= value <= maximum:
            raise ValueError(f"Rating {value!r} is not a whole level between {minimum} and {maximum}.")
    size = maximum - minimum + 1
    observed = [[0] * size for _ in range(size)]
    for a, b in zip(first, second, strict=True):
        observed[int(a) - minimum][int(b) - minimum] += 1
    totals_first = [sum(row) for row in observed]
    totals_second = [sum(observed[i][j] for i in range(size)) for j in range(size)]
    disagreement_observed = 0.0
    disagreement_expected = 0.0
    for i in range(size):
        for j in range(size):
            weight = (i - j) ** 2 / (size - 1) ** 2
            disagreement_observed += weight * observed[i][j]
            disagreement_expected += weight * totals_first[i] * totals_second[j] / n
    if disagreement_expected == 0:
        return None
    return 1.0 - disagreement_observed / disagreement_expected


def mean_absolute_error(first: Sequence[float], second: Sequence[float]) -> float | None:
    """The mean of ``|first - second|``, or ``None`` when there are no pairs."""
    _check_pairs(first, second)
    if not first:
        return None
    return math.fsum(abs(a - b) for a, b in zip(first, second, strict=True)) / len(first)


@dataclass(frozen=True)
class Agreement:
    """The four statistics for one set of pairs, with the number of pairs behind them."""

    n: int
    pearson: float | None
    spearman: float | None
    quadratic_weighted_kappa: float | None
    mean_absolute_error: float | None


def agreement(first: Sequence[float], second: Sequence[float]) -> Agreement:
    """All four statistics at once. Kappa needs whole levels: both sides are rounded half up to 1–5 for it."""
    _check_pairs(first, second)
    return Agreement(
        n=len(first),
        pearson=pearson(first, second),
        spearman=spearman(first, second),
        quadratic_weighted_kappa=quadratic_weighted_kappa(
            [level_round(value) for value in first], [level_round(value) for value in second]
        ),
        mean_absolute_error=mean_absolute_error(first, second),
    )


def level_round(value: float) -> int:
    """The nearest whole level on the 1–5 scale, halves rounding up (2.5 → 3), clipped to the scale."""
    return max(LEVEL_MIN, min(LEVEL_MAX, math.floor(value + 0.5)))
