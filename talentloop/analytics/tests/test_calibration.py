"""The reliability curve and Brier score against values worked out by hand."""

import pytest

from talentloop.analytics.statistics.calibration import ReliabilityBin, bin_index, brier_score, reliability_curve

PROBABILITIES = [0.05, 0.15, 0.12, 0.55, 0.58, 0.95, 1.0, 0.2]
OUTCOMES = [False, False, True, True, False, True, True, False]


def test_reliability_curve_by_hand():
    # Five bins of width 0.2:
    # [0, 0.2): 0.05, 0.15, 0.12 → 3, mean 0.32/3 = 0.106667, observed 1/3
    # [0.2, 0.4): 0.2 (an inner edge opens its bin) → 1, mean 0.2, observed 0
    # [0.4, 0.6): 0.55, 0.58 → 2, mean 0.565, observed 1/2
    # [0.6, 0.8): empty
    # [0.8, 1]: 0.95, 1.0 (the last bin is closed) → 2, mean 0.975, observed 1
    report = reliability_curve(PROBABILITIES, OUTCOMES, bins=5)
    assert report.examples == 8
    assert [(b.lower, b.upper, b.count) for b in report.bins] == [
        (0.0, 0.2, 3),
        (0.2, 0.4, 1),
        (0.4, 0.6, 2),
        (0.6, 0.8, 0),
        (0.8, 1.0, 2),
    ]
    assert report.bins[0].mean_predicted == pytest.approx(0.32 / 3, abs=1e-15)
    assert report.bins[0].observed_rate == pytest.approx(1 / 3, abs=1e-15)
    assert (report.bins[1].mean_predicted, report.bins[1].observed_rate) == (0.2, 0.0)
    assert report.bins[2].mean_predicted == pytest.approx(0.565, abs=1e-15)
    assert report.bins[2].observed_rate == 0.5
    assert report.bins[3] == ReliabilityBin(lower=0.6, upper=0.8, count=0, mean_predicted=None, observed_rate=None)
    assert report.bins[4].mean_predicted == pytest.approx(0.975, abs=1e-15)
    assert report.bins[4].observed_rate == 1.0
    # Brier: 0.05² + 0.15² + 0.88² + 0.45² + 0.58² + 0.05² + 0² + 0.2²
    #      = 0.0025 + 0.0225 + 0.7744 + 0.2025 + 0.3364 + 0.0025 + 0 + 0.04 = 1.3808; / 8 = 0.1726.
    assert report.brier_score == pytest.approx(0.1726, abs=1e-12)
    # ECE: (3 × |0.106667 − 0.333333| + 1 × 0.2 + 2 × 0.065 + 2 × 0.025) / 8 = (0.68 + 0.2 + 0.13 + 0.05) / 8 = 0.1325.
    assert report.expected_calibration_error == pytest.approx(0.1325, abs=1e-12)


def test_bin_index_edges():
    assert [bin_index(p, 10) for p in (0.0, 0.09999, 0.1, 0.3, 0.7, 0.99, 1.0)] == [0, 0, 1, 3, 7, 9, 9]


def test_brier_score_of_the_base_rate():
    # Always predicting the base rate p = 1/4 scores p(1 − p) = 3/16.
    assert brier_score([0.25] * 4, [True, False, False, False]) == pytest.approx(3 / 16, abs=1e-15)


def test_no_predictions():
    report = reliability_curve([], [], bins=2)
    assert report.examples == 0
    assert report.brier_score is None
    assert report.expected_calibration_error is None
    assert [b.count for b in report.bins] == [0, 0]


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="not between 0 and 1"):
        reliability_curve([1.2], [True])
    with pytest.raises(ValueError, match="differ in length: 1 and 2"):
        brier_score([0.5], [True, False])
    with pytest.raises(ValueError, match="at least one bin"):
        reliability_curve([0.5], [True], bins=0)
