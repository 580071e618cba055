"""Discrimination statistics against values worked out by hand (the arithmetic is in the comments)."""

import math

import pytest

from talentloop.analytics.statistics.discrimination import (
    MINIMUM_AUC,
    MINIMUM_PER_OUTCOME,
    Z_95,
    DiscriminationVerdict,
    Interval,
    area_under_curve,
    discrimination,
    fisher_interval,
    hanley_mcneil_interval,
    point_biserial,
)

# Six candidates: scores 1…6; those scoring 3, 5 and 6 passed.
SCORES = [1, 2, 3, 4, 5, 6]
OUTCOMES = [False, False, True, False, True, True]


def test_the_95_percent_quantile():
    assert pytest.approx(1.959963984540054, abs=1e-15) == Z_95


def test_point_biserial_by_hand():
    # Mean passed (3+5+6)/3 = 14/3, mean not passed (1+2+4)/3 = 7/3, difference 7/3.
    # Mean 3.5; population variance (6.25+2.25+0.25+0.25+2.25+6.25)/6 = 35/12; p = q = 1/2, √(pq) = 1/2.
    # r = (7/3) · (1/2) / √(35/12), so r² = (49/36) / (35/12) = 7/15 and r = √(7/15) = 0.683130…
    result = point_biserial(SCORES, OUTCOMES)
    assert result.r == pytest.approx(math.sqrt(7 / 15), abs=1e-12)
    assert result.r == pytest.approx(0.6831300510639732, abs=1e-12)
    assert result.examples == 6
    # Fisher z: atanh(0.683130) = ½ ln(1.683130 / 0.316870) = ½ ln 5.311738 = 0.834960; SE = 1/√(6−3) = 0.577350;
    # 1.959964 × 0.577350 = 1.131586; z ∈ [−0.296626, 1.966545]; tanh → [−0.288222, 0.961586].
    assert result.interval is not None
    assert result.interval.low == pytest.approx(-0.288222, abs=1e-6)
    assert result.interval.high == pytest.approx(0.961586, abs=1e-6)


def test_point_biserial_is_pearson_with_the_outcome_coded_one_and_zero():
    # The same number as Pearson's r of the scores with 0/1 (the scoring package's statistic).
    from talentloop.scoring.agreement import pearson

    result = point_biserial(SCORES, OUTCOMES)
    assert result.r == pytest.approx(pearson(SCORES, [float(o) for o in OUTCOMES]), abs=1e-12)


def test_point_biserial_undefined_cases_answer_none():
    assert point_biserial([1, 2, 3], [True, True, True]).r is None  # one outcome only
    assert point_biserial([4, 4, 4, 4], [True, False, True, False]).r is None  # a constant score
    small = point_biserial([1, 2, 3], [False, True, True])
    assert small.r is not None and small.interval is None  # Fisher z needs n ≥ 4
    perfect = point_biserial([1, 1, 2, 2], [False, False, True, True])
    assert perfect.r == 1.0
    assert perfect.interval == Interval(low=1.0, high=1.0)  # r = 1: no width


def test_fisher_interval_needs_four():
    assert fisher_interval(0.5, 3) is None
    assert fisher_interval(-1.0, 10) == Interval(-1.0, -1.0)


def test_area_under_curve_with_ties_by_hand():
    # Passed 3, 4, 4, 5; not passed 1, 3, 4: 4 × 3 = 12 pairs.
    # 3 beats 1, ties 3, loses to 4 → 1.5; each 4 beats 1 and 3, ties 4 → 2.5 (twice: 5); 5 beats all → 3.
    # AUC = (1.5 + 5 + 3) / 12 = 9.5 / 12 = 19/24 = 0.791667.
    scores = [3, 1, 4, 3, 4, 5, 4]
    outcomes = [True, False, True, False, True, True, False]
    result = area_under_curve(scores, outcomes)
    assert result.auc == pytest.approx(19 / 24, abs=1e-15)
    assert (result.passed, result.not_passed) == (4, 3)
    # Hanley–McNeil: A = 19/24, A² = 361/576 = 0.626736, Q₁ = A/(2−A) = 19/29 = 0.655172,
    # Q₂ = 2A²/(1+A) = 361/516 = 0.699612, A(1−A) = 95/576 = 0.164931.
    # SE² = (0.164931 + 3 × (0.655172 − 0.626736) + 2 × (0.699612 − 0.626736)) / 12
    #     = (0.164931 + 0.085309 + 0.145752) / 12 = 0.395992 / 12 = 0.032999; SE = 0.181657.
    # 1.959964 × 0.181657 = 0.356042 → [0.435625, 1.147709], clipped to [0.435625, 1].
    assert result.interval is not None
    assert result.interval.low == pytest.approx(0.435625, abs=1e-6)
    assert result.interval.high == 1.0


def test_area_under_curve_matches_the_count_of_every_pair():
    scores = [0.2, 0.5, 0.5, 0.9, 0.1, 0.5, 0.7, 0.7, 0.3]
    outcomes = [True, True, False, True, False, False, True, False, True]
    positives = [s for s, o in zip(scores, outcomes, strict=True) if o]
    negatives = [s for s, o in zip(scores, outcomes, strict=True) if not o]
    pairs = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    assert area_under_curve(scores, outcomes).auc == pairs / (len(positives) * len(negatives))


def test_area_under_curve_perfect_and_undefined():
    perfect = area_under_curve([1, 2, 3, 4], [False, False, True, True])
    assert perfect.auc == 1.0
    assert perfect.interval == Interval(1.0, 1.0)  # Q₁ = Q₂ = A² = 1: no variance
    assert area_under_curve([1, 2], [True, True]).auc is None
    assert area_under_curve([1, 2], [True, True]).interval is None


def test_hanley_mcneil_at_one_half():
    # A = 0.5, 10 and 10: Q₁ = 1/3, Q₂ = 1/3, A² = 1/4; SE² = (1/4 + 9/12 + 9/12)/100 = 1.75/100; SE = 0.132288.
    # 1.959964 × 0.132288 = 0.259279 → [0.240721, 0.759279].
    interval = hanley_mcneil_interval(0.5, 10, 10)
    assert interval.low == pytest.approx(0.240721, abs=1e-6)
    assert interval.high == pytest.approx(0.759279, abs=1e-6)


def _verdict_data(passed_below_counts):
    """Not passed score 1…10; a passed candidate with c of them below scores c + 0.5."""
    scores = [float(value) for value in range(1, 11)] + [count + 0.5 for count in passed_below_counts]
    outcomes = [False] * 10 + [True] * len(passed_below_counts)
    return scores, outcomes


def test_verdict_thresholds():
    assert MINIMUM_PER_OUTCOME == 10
    assert MINIMUM_AUC == 0.60


def test_a_question_that_separates_discriminates():
    scores, outcomes = _verdict_data([10] * 10)  # every passed candidate above every other: AUC 1
    result = discrimination(scores, outcomes)
    assert (result.examples, result.passed, result.not_passed) == (20, 10, 10)
    assert result.area_under_curve.auc == 1.0
    assert result.verdict is DiscriminationVerdict.DISCRIMINATES


def test_an_auc_of_065_on_ten_and_ten_does_not_discriminate():
    # 2+3+5+6+7+7+8+8+9+10 = 65 wins of 100: AUC 0.65 ≥ 0.60, but Hanley–McNeil gives
    # Q₁ = 0.481481, Q₂ = 0.512121, SE² = (0.2275 + 9 × 0.058981 + 9 × 0.089621)/100 = 0.015649, SE = 0.125097,
    # low = 0.65 − 1.959964 × 0.125097 = 0.404815 ≤ 0.5: not shown to discriminate.
    scores, outcomes = _verdict_data([2, 3, 5, 6, 7, 7, 8, 8, 9, 10])
    result = discrimination(scores, outcomes)
    assert result.area_under_curve.auc == pytest.approx(0.65, abs=1e-15)
    assert result.area_under_curve.interval is not None
    assert result.area_under_curve.interval.low == pytest.approx(0.404815, abs=1e-6)
    assert result.verdict is DiscriminationVerdict.DOES_NOT_DISCRIMINATE


def test_a_reversed_question_does_not_discriminate():
    scores, outcomes = _verdict_data([0] * 10)  # every passed candidate below: AUC 0
    result = discrimination(scores, outcomes)
    assert result.area_under_curve.auc == 0.0
    assert result.point_biserial.r is not None and result.point_biserial.r < 0
    assert result.verdict is DiscriminationVerdict.DOES_NOT_DISCRIMINATE


def test_nine_passed_is_too_few():
    scores, outcomes = _verdict_data([10] * 9)
    result = discrimination(scores, outcomes)
    assert (result.passed, result.not_passed) == (9, 10)
    assert result.area_under_curve.auc == 1.0
    assert result.verdict is DiscriminationVerdict.TOO_FEW


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="differ in length: 2 and 1"):
        discrimination([1, 2], [True])
    with pytest.raises(ValueError, match="not a finite number"):
        area_under_curve([1, float("nan")], [True, False])
