"""Analytics (floor 7): question discrimination, AI–human agreement, the pass predictor and fairness audits.

`statistics` (pure Python, no Django) and `prediction` (scikit-learn, no Django) are the computations; the fairness
audit's models, access rules, services and selectors feed them from the company's data (decision 0030).
"""
