"""Agreement statistics: exact values on hand-worked data, and None (never NaN, never a crash) where undefined."""

import math

import pytest

from talentloop.scoring.agreement import (
    Agreement,
    agreement,
    level_round,
    mean_absolute_error,
    pearson,
    quadratic_weighted_kappa,
    ranks,
    spearman,
)


def test_perfect_agreement_is_one_and_no_error():
    levels = [1, 2, 3, 4, 5]
    assert agreement(levels, levels) == Agreement(
        n=5, pearson=1.0, spearman=1.0, quadratic_weighted_kappa=1.0, mean_absolute_error=0.0
    )


def test_one_swap_of_three_gives_a_half_everywhere():
    # Worked by hand: deviations (-1, 0, 1) and (0, -1, 1) → r = 1 / 2; kappa = 1 - (2/16) / (12/16/3) = 0.5.
    first, second = [1, 2, 3], [2, 1, 3]
    assert pearson(first, second) == pytest.approx(0.5, abs=1e-12)
    assert spearman(first, second) == pytest.approx(0.5, abs=1e-12)
    assert quadratic_weighted_kappa(first, second) == pytest.approx(0.5, abs=1e-12)
    assert mean_absolute_error(first, second) == pytest.approx(2 / 3, abs=1e-12)


def test_spearman_sees_only_order_and_ties_share_ranks():
    assert ranks([10, 10, 20, 5]) == [2.5, 2.5, 4.0, 1.0]
    assert spearman([1, 2, 3, 4], [1, 4, 9, 100]) == 1.0
    # By hand: covariance 151, spreads 5 and 6849 → 151 / sqrt(34245).
    assert pearson([1, 2, 3, 4], [1, 4, 9, 100]) == pytest.approx(151 / math.sqrt(34245), abs=1e-12)


def test_opposite_ratings_give_minus_one_and_negative_kappa():
    first, second = [1, 5], [5, 1]
    assert pearson(first, second) == -1.0
    assert quadratic_weighted_kappa(first, second) == pytest.approx(-1.0, abs=1e-12)


def test_kappa_with_one_constant_rater_is_chance_level():
    # Expected disagreement (1/16 + 1/16) equals the observed one → 0.
    assert quadratic_weighted_kappa([3, 3], [2, 4]) == 0.0


@pytest.mark.parametrize(
    ("first", "second"),
    [([], []), ([3], [4]), ([3, 3, 3], [1, 2, 5]), ([1, 2, 5], [4, 4, 4])],
)
def test_undefined_correlations_are_none(first, second):
    assert pearson(first, second) is None
    assert spearman(first, second) is None


def test_undefined_kappa_and_error_are_none():
    assert quadratic_weighted_kappa([], []) is None
    assert quadratic_weighted_kappa([4], [4]) is None
    assert quadratic_weighted_kappa([2, 2, 2], [2, 2, 2]) is None
    assert mean_absolute_error([], []) is None
    assert mean_absolute_error([4], [2]) == 2.0
    result = agreement([3.0], [3.0])
    assert result == Agreement(n=1, pearson=None, spearman=None, quadratic_weighted_kappa=None, mean_absolute_error=0.0)
    assert not any(isinstance(value, float) and math.isnan(value) for value in vars(result).values())


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="differ in length: 2 and 1"):
        pearson([1, 2], [1])
    with pytest.raises(ValueError, match="not a whole level between 1 and 5"):
        quadratic_weighted_kappa([1, 6], [1, 2])
    with pytest.raises(ValueError, match="not a whole level"):
        quadratic_weighted_kappa([1, 2.5], [1, 2])  # type: ignore[list-item]


def test_agreement_rounds_continuous_levels_for_kappa_only():
    assert [level_round(value) for value in (0.2, 1.49, 2.5, 3.5, 4.6, 7.0)] == [1, 1, 3, 4, 5, 5]
    result = agreement([1.2, 2.6, 4.4], [1, 3, 4])
    assert result.quadratic_weighted_kappa == 1.0
    assert result.mean_absolute_error == pytest.approx((0.2 + 0.4 + 0.4) / 3, abs=1e-12)
