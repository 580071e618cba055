"""The one mapping between the 1–5 anchored competency levels and 0–100 scores.

It is the scoring engine's straight line, ``level = 1 + 4 × score / 100``
(`talentloop.scoring.calibration.fixed_level`): 0 → 1, 25 → 2, 50 → 3, 75 → 4, 100 → 5. A score meets a level when
the line reaches it, so a role that needs level 4 needs 75, and a score's level is the highest level it meets. The
report, the growth path and the AI–human agreement figures use these functions, never their own arithmetic.
"""

from __future__ import annotations

import math

from talentloop.scoring.calibration import LEVEL_MAX, LEVEL_MIN, fixed_level

LEVELS = (1, 2, 3, 4, 5)


def level_required_score(level: int) -> float:
    """The lowest 0–100 score that meets ``level`` (1–5)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    return 100.0 * (level - LEVEL_MIN) / (LEVEL_MAX - LEVEL_MIN)


def score_level(score: float) -> int:
    """The highest 1–5 level that ``score`` (0–100) meets."""
    if not 0.0 <= score <= 100.0:
        raise ValueError(f"score must be between 0 and 100, not {score!r}")
    return math.floor(fixed_level(score) + 1e-9)
