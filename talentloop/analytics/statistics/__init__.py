"""The statistics behind analytics, in pure Python: no Django, no NumPy, deterministic.

- `discrimination`: does a question's AI score separate candidates who later passed from those who did not
  (point-biserial r with a Fisher-z interval, AUC with a Hanley–McNeil interval, a verdict).
- `calibration`: the reliability curve and Brier score of predicted probabilities.
- `fairness`: selection rates, impact ratios and the four-fifths flag per group, with exact fractions.
"""
