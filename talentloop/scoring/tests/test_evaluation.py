import pytest

from talentloop.scoring.evaluation import Half, agreement, half_of, pearson, ranks, spearman


def test_pearson_and_spearman_exact_values():
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0  # no spread
    assert pearson([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert spearman([1, 10, 100], [1, 2, 3]) == pytest.approx(1.0)


def test_ties_share_their_average_rank():
    assert ranks([10, 20, 10, 30]) == [1.5, 3.0, 1.5, 4.0]


def test_split_is_by_question_and_stable():
    assert half_of("100") == half_of("100")
    halves = {half_of(str(number)) for number in range(20)}
    assert halves == {Half.DEVELOPMENT, Half.HELD_OUT}


def test_agreement_averages_per_question_only_where_defined():
    result = agreement(["a", "a", "a", "b", "b", "c"], [0, 50, 100, 10, 20, 5], [0, 100, 50, 20, 10, 0])
    assert (result.answers, result.questions_averaged) == (6, 2)
    assert result.pearson_per_question == pytest.approx((0.5 + -1.0) / 2)
    assert result.spearman_per_question == pytest.approx((0.5 + -1.0) / 2)
