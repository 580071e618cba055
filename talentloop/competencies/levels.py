"""The one mapping between the 1–5 anchored competency levels and 0–100 scores.

A level is a band of 20 points: level 1 is 0–19, level 2 is 20–39, … level 5 is 80–100. A score meets a required
level when it reaches the bottom of that level's band, so a role that needs level 4 needs 60. The report, the growth
path and any fixed AI-to-human mapping use these two functions, never their own arithmetic.
"""

from __future__ import annotations

LEVELS = (1, 2, 3, 4, 5)
BAND_WIDTH = 20.0


def level_required_score(level: int) -> float:
    """The lowest 0–100 score that meets ``level`` (1–5)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    return BAND_WIDTH * (level - 1)


def score_level(score: float) -> int:
    """The 1–5 level whose band holds ``score`` (0–100)."""
    if not 0.0 <= score <= 100.0:
        raise ValueError(f"score must be between 0 and 100, not {score!r}")
    return min(5, int(score // BAND_WIDTH) + 1)
