"""How well a question's AI score separates candidates who later passed a human round from those who did not.

Two statistics, both with a 95 % interval, and the counts behind them:

- **Point-biserial r**: Pearson's r between the score and the outcome coded 1 (passed) / 0 (did not). The interval
  is Fisher's z: ``tanh(atanh(r) ± 1.96 / sqrt(n - 3))``; it needs n ≥ 4.
- **AUC**: the chance that a candidate who passed scored higher than one who did not, ties counting one half (the
  Mann–Whitney U divided by the number of pairs). The interval is Hanley and McNeil's (1982):
  ``SE² = (A(1-A) + (n₁-1)(Q₁-A²) + (n₀-1)(Q₂-A²)) / (n₁ n₀)`` with ``Q₁ = A/(2-A)``, ``Q₂ = 2A²/(1+A)``,
  clipped to [0, 1].

The verdict (`DiscriminationVerdict`) uses the AUC, which does not assume the score is normal:

- ``too_few`` when fewer than `MINIMUM_PER_OUTCOME` (10) candidates passed or fewer than 10 did not: an interval on
  fewer is too wide to act on either way;
- ``discriminates`` when the AUC is at least `MINIMUM_AUC` (0.60) **and** the lower end of its interval is above 0.5;
- ``does_not_discriminate`` otherwise, including a question whose score runs the wrong way (AUC well below 0.5):
  both deserve a look at the question and its rubric.

Everything answers ``None`` where a statistic is undefined (no one in one outcome, a constant score) rather than NaN.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from statistics import NormalDist

#: The two-sided 95 % normal quantile, 1.959963984540054.
Z_95 = NormalDist().inv_cdf(0.975)
#: Fewer passed (or fewer not passed) than this and the verdict is ``too_few``.
MINIMUM_PER_OUTCOME = 10
#: The smallest AUC called discriminating (and its interval must also clear 0.5).
MINIMUM_AUC = 0.60


class DiscriminationVerdict(StrEnum):
    DISCRIMINATES = "discriminates"
    DOES_NOT_DISCRIMINATE = "does_not_discriminate"
    TOO_FEW = "too_few"


@dataclass(frozen=True)
class Interval:
    """A two-sided 95 % confidence interval."""

    low: float
    high: float


@dataclass(frozen=True)
class PointBiserial:
    """Point-biserial r with its Fisher-z interval; ``r`` is ``None`` for a constant score or one outcome only."""

    r: float | None
    interval: Interval | None
    examples: int


@dataclass(frozen=True)
class AreaUnderCurve:
    """The AUC (Mann–Whitney, ties one half) with its Hanley–McNeil interval; ``None`` without both outcomes."""

    auc: float | None
    interval: Interval | None
    passed: int
    not_passed: int


@dataclass(frozen=True)
class Discrimination:
    """Everything a page needs about one question: counts, both statistics and the verdict."""

    examples: int
    passed: int
    not_passed: int
    point_biserial: PointBiserial
    area_under_curve: AreaUnderCurve
    verdict: DiscriminationVerdict


def _check(scores: Sequence[float], outcomes: Sequence[bool]) -> None:
    if len(scores) != len(outcomes):
        raise ValueError(f"Scores and outcomes differ in length: {len(scores)} and {len(outcomes)}.")
    for score in scores:
        if not math.isfinite(score):
            raise ValueError(f"Score {score!r} is not a finite number.")


def point_biserial(scores: Sequence[float], outcomes: Sequence[bool]) -> PointBiserial:
    """Point-biserial r between ``scores`` and ``outcomes`` (True = passed) with a Fisher-z 95 % interval.

    r = (M₁ − M₀) / s · √(p q), s the population standard deviation of all scores, p the share passed; the
    interval is ``None`` below four examples, and (r, r) when r is exactly ±1.
    """
    _check(scores, outcomes)
    n = len(scores)
    passed = [score for score, outcome in zip(scores, outcomes, strict=True) if outcome]
    not_passed = [score for score, outcome in zip(scores, outcomes, strict=True) if not outcome]
    if not passed or not not_passed:
        return PointBiserial(r=None, interval=None, examples=n)
    mean = math.fsum(scores) / n
    spread = math.sqrt(math.fsum((score - mean) ** 2 for score in scores) / n)
    if spread == 0:
        return PointBiserial(r=None, interval=None, examples=n)
    share_passed = len(passed) / n
    difference = math.fsum(passed) / len(passed) - math.fsum(not_passed) / len(not_passed)
    r = max(-1.0, min(1.0, difference / spread * math.sqrt(share_passed * (1 - share_passed))))
    return PointBiserial(r=r, interval=fisher_interval(r, n), examples=n)


def fisher_interval(r: float, n: int) -> Interval | None:
    """The 95 % interval of a correlation by Fisher's z; ``None`` for n < 4, (r, r) for r = ±1."""
    if n < 4:
        return None
    if abs(r) == 1:
        return Interval(low=r, high=r)
    z = math.atanh(r)
    half_width = Z_95 / math.sqrt(n - 3)
    return Interval(low=math.tanh(z - half_width), high=math.tanh(z + half_width))


def area_under_curve(scores: Sequence[float], outcomes: Sequence[bool]) -> AreaUnderCurve:
    """The AUC of ``scores`` for ``outcomes`` (True = passed), ties counting one half, with a Hanley–McNeil interval.

    Counted over sorted scores, so it takes n log n, not n₁ × n₀, comparisons.
    """
    _check(scores, outcomes)
    positives = sorted(score for score, outcome in zip(scores, outcomes, strict=True) if outcome)
    negatives = sorted(score for score, outcome in zip(scores, outcomes, strict=True) if not outcome)
    n1, n0 = len(positives), len(negatives)
    if not n1 or not n0:
        return AreaUnderCurve(auc=None, interval=None, passed=n1, not_passed=n0)
    # For each passed score: negatives strictly below count 1, negatives equal count 1/2 (in half-units to stay whole).
    half_wins = 0
    below = equal_end = 0
    for score in positives:
        while below < n0 and negatives[below] < score:
            below += 1
        equal_end = max(equal_end, below)
        while equal_end < n0 and negatives[equal_end] == score:
            equal_end += 1
        half_wins += 2 * below + (equal_end - below)
    auc = half_wins / (2 * n1 * n0)
    return AreaUnderCurve(auc=auc, interval=hanley_mcneil_interval(auc, n1, n0), passed=n1, not_passed=n0)


def hanley_mcneil_interval(auc: float, passed: int, not_passed: int) -> Interval:
    """The 95 % interval of an AUC by Hanley and McNeil's standard error, clipped to [0, 1]."""
    q1 = auc / (2 - auc)
    q2 = 2 * auc * auc / (1 + auc)
    spread = auc * (1 - auc) + (passed - 1) * (q1 - auc * auc) + (not_passed - 1) * (q2 - auc * auc)
    variance = spread / (passed * not_passed)
    half_width = Z_95 * math.sqrt(max(0.0, variance))
    return Interval(low=max(0.0, auc - half_width), high=min(1.0, auc + half_width))


def discrimination(scores: Sequence[float], outcomes: Sequence[bool]) -> Discrimination:
    """Both statistics, the counts and the verdict for one question (see the module docstring for the thresholds)."""
    correlation = point_biserial(scores, outcomes)
    area = area_under_curve(scores, outcomes)
    if area.passed < MINIMUM_PER_OUTCOME or area.not_passed < MINIMUM_PER_OUTCOME or area.auc is None:
        verdict = DiscriminationVerdict.TOO_FEW
    elif area.auc >= MINIMUM_AUC and area.interval is not None and area.interval.low > 0.5:
        verdict = DiscriminationVerdict.DISCRIMINATES
    else:
        verdict = DiscriminationVerdict.DOES_NOT_DISCRIMINATE
    return Discrimination(
        examples=len(scores),
        passed=area.passed,
        not_passed=area.not_passed,
        point_biserial=correlation,
        area_under_curve=area,
        verdict=verdict,
    )
