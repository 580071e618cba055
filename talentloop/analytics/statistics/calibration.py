"""How far predicted probabilities can be taken at their word: the reliability curve and the Brier score.

The curve cuts [0, 1] into ``bins`` equal-width bins (the last one closed, so a probability of exactly 1 falls in
it; a probability on an inner edge belongs to the bin it opens: 0.2 is in [0.2, 0.3) with ten bins). For each bin it
gives the number of predictions, their mean and the observed rate of the outcome. Every bin is listed, empty ones
with ``None`` means, so a chart keeps its axis. The Brier score is the mean squared difference between the
probability and the outcome (0 is perfect; always predicting the base rate p scores p(1 − p)). The expected
calibration error is the count-weighted mean gap between a bin's mean prediction and its observed rate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ReliabilityBin:
    """One bin of the reliability curve: its edges, how many predictions fell in it, their mean and the outcome rate."""

    lower: float
    upper: float
    count: int
    mean_predicted: float | None
    observed_rate: float | None


@dataclass(frozen=True)
class CalibrationReport:
    """The reliability curve, the Brier score, the expected calibration error and the number of predictions."""

    bins: tuple[ReliabilityBin, ...]
    brier_score: float | None
    expected_calibration_error: float | None
    examples: int


def _check(probabilities: Sequence[float], outcomes: Sequence[bool]) -> None:
    if len(probabilities) != len(outcomes):
        raise ValueError(f"Probabilities and outcomes differ in length: {len(probabilities)} and {len(outcomes)}.")
    for probability in probabilities:
        if not (math.isfinite(probability) and 0 <= probability <= 1):
            raise ValueError(f"Probability {probability!r} is not between 0 and 1.")


def bin_index(probability: float, bins: int) -> int:
    """The bin a probability falls in: ``floor(p × bins)``, with 1.0 in the last bin."""
    return min(int(probability * bins), bins - 1)


def brier_score(probabilities: Sequence[float], outcomes: Sequence[bool]) -> float | None:
    """The mean of (p − y)², y 1 for the outcome and 0 otherwise; ``None`` for no predictions."""
    _check(probabilities, outcomes)
    if not probabilities:
        return None
    return math.fsum(
        (probability - (1.0 if outcome else 0.0)) ** 2
        for probability, outcome in zip(probabilities, outcomes, strict=True)
    ) / len(probabilities)


def reliability_curve(probabilities: Sequence[float], outcomes: Sequence[bool], *, bins: int = 10) -> CalibrationReport:
    """The reliability curve over ``bins`` equal-width bins, with the Brier score and the expected calibration error."""
    if bins < 1:
        raise ValueError(f"A reliability curve needs at least one bin, not {bins}.")
    _check(probabilities, outcomes)
    members: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for probability, outcome in zip(probabilities, outcomes, strict=True):
        members[bin_index(probability, bins)].append((probability, outcome))
    curve = []
    gaps = []
    for index, pairs in enumerate(members):
        mean_predicted: float | None = None
        observed_rate: float | None = None
        if pairs:
            mean_predicted = math.fsum(probability for probability, _ in pairs) / len(pairs)
            observed_rate = sum(1 for _, outcome in pairs if outcome) / len(pairs)
            gaps.append(len(pairs) * abs(mean_predicted - observed_rate))
        curve.append(
            ReliabilityBin(
                lower=index / bins,
                upper=(index + 1) / bins,
                count=len(pairs),
                mean_predicted=mean_predicted,
                observed_rate=observed_rate,
            )
        )
    examples = len(probabilities)
    return CalibrationReport(
        bins=tuple(curve),
        brier_score=brier_score(probabilities, outcomes),
        expected_calibration_error=math.fsum(gaps) / examples if examples else None,
        examples=examples,
    )
