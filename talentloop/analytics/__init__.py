"""Analytics (floor 7): question discrimination, AI–human agreement, the pass predictor and fairness audits.

This slice is the tested core only: `statistics` (pure Python, no Django) and `prediction` (scikit-learn, no
Django). Pages, stored audits and the pipeline data that feed them come later.
"""
