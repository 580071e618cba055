"""Writes owned by assessments, one module per concern (scores; ratings and calibrations; re-scoring)."""
