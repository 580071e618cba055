"""The scoring engine: pure Python, no Django. Text pipeline, key-point matching, structure and delivery features,
and versioned scorers (`rubric_scorer.v1`) whose every point won or lost is tied to evidence in the answer."""
