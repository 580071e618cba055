"""Calibrating the raw 0–100 score to the human 1–5 level scale, and the fixed mapping used until a calibration exists.

`IsotonicCalibration` fits the best monotone (non-decreasing) step-and-ramp from raw scores to the levels human raters
gave, by the pool-adjacent-violators algorithm, and predicts by linear interpolation between its breakpoints, clipping
outside the range it saw (the behaviour of scikit-learn's ``IsotonicRegression(out_of_bounds="clip")``). It is
written in plain Python so the scoring package needs no NumPy, and so its whole learned state is a few floats that
survive a JSON round trip exactly: a stored calibration predicts what the fitted one did, bit for bit.

It follows the scikit-learn estimator contract (STYLE.md): ``__init__`` stores configuration only, ``fit`` returns
``self``, learned state ends in ``_``, ``predict`` changes nothing and raises before ``fit``; there is no randomness.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

CALIBRATION_KIND = "isotonic"
CALIBRATION_FORMAT = 1
LEVEL_MIN = 1.0
LEVEL_MAX = 5.0


class CalibrationNotFittedError(RuntimeError):
    """`predict` or `to_dict` was called before `fit` (or `from_dict`)."""


class CalibrationDataError(ValueError):
    """The data to fit or the stored parameters are unusable; the message says how."""


def fixed_level(score: float) -> float:
    """The documented mapping used where no calibration exists: 0 → 1, 25 → 2, 50 → 3, 75 → 4, 100 → 5.

    A straight line, ``1 + 4 × score / 100``, clipped to the scale. It assumes nothing about how humans rate. The
    product reads levels from scores only through `talentloop.competencies.levels`, which is built on this line.
    """
    clipped = min(100.0, max(0.0, float(score)))
    return LEVEL_MIN + (LEVEL_MAX - LEVEL_MIN) * clipped / 100.0


class IsotonicCalibration:
    """A monotone map from raw score (0–100) to the human level scale (``minimum_level``…``maximum_level``)."""

    def __init__(self, *, minimum_level: float = LEVEL_MIN, maximum_level: float = LEVEL_MAX) -> None:
        self.minimum_level = minimum_level
        self.maximum_level = maximum_level

    def get_params(self) -> dict[str, float]:
        return {"minimum_level": self.minimum_level, "maximum_level": self.maximum_level}

    def fit(self, scores: Sequence[float], levels: Sequence[float]) -> IsotonicCalibration:
        """Learn the map from paired raw scores and human levels. Returns ``self``."""
        if self.minimum_level >= self.maximum_level:
            raise CalibrationDataError("minimum_level must be below maximum_level.")
        if len(scores) != len(levels):
            raise CalibrationDataError(f"{len(scores)} scores but {len(levels)} levels.")
        if not scores:
            raise CalibrationDataError("A calibration needs at least one rated score.")
        pairs = [(float(score), float(level)) for score, level in zip(scores, levels, strict=True)]
        for score, level in pairs:
            if not math.isfinite(score) or not math.isfinite(level):
                raise CalibrationDataError("Scores and levels must be finite numbers.")
        # Equal scores are pooled first (their mean level, weighted by how many), as scikit-learn does.
        pooled: dict[float, list[float]] = {}
        for score, level in pairs:
            pooled.setdefault(score, []).append(level)
        blocks: list[list[float]] = []  # [total level, weight, first score, last score]
        for score in sorted(pooled):
            group = pooled[score]
            blocks.append([math.fsum(group), float(len(group)), score, score])
            while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
                merged = blocks.pop()
                blocks[-1][0] += merged[0]
                blocks[-1][1] += merged[1]
                blocks[-1][3] = merged[3]
        thresholds_scores: list[float] = []
        thresholds_levels: list[float] = []
        for total, weight, first_score, last_score in blocks:
            value = min(self.maximum_level, max(self.minimum_level, total / weight))
            for block_end in (first_score, last_score) if first_score != last_score else (first_score,):
                thresholds_scores.append(block_end)
                thresholds_levels.append(value)
        self.thresholds_scores_ = thresholds_scores
        self.thresholds_levels_ = thresholds_levels
        self.n_samples_ = len(pairs)
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "thresholds_scores_"):
            raise CalibrationNotFittedError("Fit the calibration (or load it with from_dict) before using it.")

    def predict_one(self, score: float) -> float:
        """The calibrated level for one raw score."""
        self._check_fitted()
        xs, ys = self.thresholds_scores_, self.thresholds_levels_
        value = float(score)
        if value <= xs[0]:
            return ys[0]
        if value >= xs[-1]:
            return ys[-1]
        # The first breakpoint at or above the score; the score lies between it and the one before.
        low, high = 0, len(xs) - 1
        while high - low > 1:
            middle = (low + high) // 2
            if xs[middle] <= value:
                low = middle
            else:
                high = middle
        if xs[low] == value:
            return ys[low]
        fraction = (value - xs[low]) / (xs[high] - xs[low])
        return ys[low] + fraction * (ys[high] - ys[low])

    def predict(self, scores: Sequence[float]) -> list[float]:
        """The calibrated level for each raw score."""
        self._check_fitted()
        return [self.predict_one(score) for score in scores]

    def to_dict(self) -> dict[str, Any]:
        """The whole fitted state as plain JSON-able data."""
        self._check_fitted()
        return {
            "kind": CALIBRATION_KIND,
            "format": CALIBRATION_FORMAT,
            "params": self.get_params(),
            "thresholds_scores": list(self.thresholds_scores_),
            "thresholds_levels": list(self.thresholds_levels_),
            "n_samples": self.n_samples_,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> IsotonicCalibration:
        """Rebuild a fitted calibration from `to_dict`'s output; it predicts exactly what the original did."""
        if data.get("kind") != CALIBRATION_KIND or data.get("format") != CALIBRATION_FORMAT:
            raise CalibrationDataError(
                f"Not a stored {CALIBRATION_KIND} calibration (format {CALIBRATION_FORMAT}): "
                f"kind={data.get('kind')!r}, format={data.get('format')!r}."
            )
        try:
            params = data["params"]
            calibration = cls(
                minimum_level=float(params["minimum_level"]), maximum_level=float(params["maximum_level"])
            )
            xs = [float(value) for value in data["thresholds_scores"]]
            ys = [float(value) for value in data["thresholds_levels"]]
            n_samples = int(data["n_samples"])
        except (KeyError, TypeError, ValueError) as error:
            raise CalibrationDataError(f"Stored calibration is incomplete: {error}.") from None
        if not xs or len(xs) != len(ys) or xs != sorted(xs) or ys != sorted(ys):
            raise CalibrationDataError("Stored calibration breakpoints must be non-empty, paired and increasing.")
        calibration.thresholds_scores_ = xs
        calibration.thresholds_levels_ = ys
        calibration.n_samples_ = n_samples
        return calibration
