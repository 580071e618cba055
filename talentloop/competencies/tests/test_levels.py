import pytest

from talentloop.competencies.levels import level_required_score, score_level


@pytest.mark.parametrize(("level", "score"), [(1, 0.0), (2, 25.0), (3, 50.0), (4, 75.0), (5, 100.0)])
def test_level_required_score_is_the_bottom_of_the_band(level: int, score: float) -> None:
    assert level_required_score(level) == score
    assert score_level(score) == level


@pytest.mark.parametrize(("score", "level"), [(0.0, 1), (24.99, 1), (74.9, 3), (75.0, 4), (99.0, 4), (100.0, 5)])
def test_score_level_bands(score: float, level: int) -> None:
    assert score_level(score) == level


@pytest.mark.parametrize("level", [0, 6, -1])
def test_level_required_score_refuses_levels_outside_one_to_five(level: int) -> None:
    with pytest.raises(ValueError, match="level must be one of"):
        level_required_score(level)


@pytest.mark.parametrize("score", [-0.1, 100.1])
def test_score_level_refuses_scores_outside_the_scale(score: float) -> None:
    with pytest.raises(ValueError, match="score must be between 0 and 100"):
        score_level(score)
