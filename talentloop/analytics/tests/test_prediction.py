"""The pass predictor: refusal on thin history, validation on a seeded synthetic history, the estimator contract."""

import inspect
import pickle

import numpy as np
import pytest
from sklearn.base import clone

from talentloop.analytics.prediction import (
    PREDICTOR_VERSION,
    InsufficientHistoryError,
    PassPredictor,
    PredictorNotFittedError,
    RefusalReason,
    SuggestedAction,
    feature_matrix,
    folds_for,
)

FEATURES = ("dimension:专业知识", "dimension:团队协作", "delivery:语速", "resume:工作年限")


def synthetic_history(examples=200, seed=7):
    """A history where 专业知识 and 团队协作 drive passing, delivery a little, years of work not at all."""
    random = np.random.RandomState(seed)
    matrix = np.column_stack(
        [
            random.normal(3, 0.8, examples),
            random.normal(3, 0.8, examples),
            random.normal(0, 1, examples),
            random.poisson(4, examples).astype(float),
        ]
    )
    log_odds = 1.5 * (matrix[:, 0] - 3) + 1.0 * (matrix[:, 1] - 3) + 0.3 * matrix[:, 2]
    outcomes = random.rand(examples) < 1 / (1 + np.exp(-log_odds))
    return matrix, outcomes


@pytest.fixture(scope="module")
def fitted():
    matrix, outcomes = synthetic_history()
    return PassPredictor(feature_names=FEATURES, random_state=0).fit(matrix, outcomes)


def learned_attributes(predictor):
    return sorted(name for name in vars(predictor) if name.endswith("_"))


# -- refusal ------------------------------------------------------------------------------------------------------


def test_refuses_too_few_examples_with_the_numbers():
    matrix, outcomes = synthetic_history(examples=39)
    predictor = PassPredictor(feature_names=FEATURES)
    with pytest.raises(InsufficientHistoryError) as refusal:
        predictor.fit(matrix, outcomes)
    passed = int(outcomes.sum())
    assert str(refusal.value) == (
        f"Too little history to predict: have 39 examples / {passed} passed / {39 - passed} not passed, "
        "need at least 40 examples and 10 of each outcome."
    )
    assert refusal.value.reason is RefusalReason.TOO_FEW_EXAMPLES
    assert (refusal.value.examples, refusal.value.minimum_examples, refusal.value.minimum_per_outcome) == (39, 40, 10)
    assert learned_attributes(predictor) == []  # nothing learned
    with pytest.raises(PredictorNotFittedError):
        predictor.predict_proba(matrix[:1])


def test_refuses_when_one_outcome_is_too_rare():
    matrix, _ = synthetic_history(examples=60)
    outcomes = np.array([True] * 9 + [False] * 51)
    predictor = PassPredictor(feature_names=FEATURES)
    with pytest.raises(InsufficientHistoryError) as refusal:
        predictor.fit(matrix, outcomes)
    assert str(refusal.value) == (
        "Too little history to predict: have 60 examples / 9 passed / 51 not passed, "
        "need at least 40 examples and 10 of each outcome."
    )
    assert refusal.value.reason is RefusalReason.OUTCOME_TOO_RARE
    assert (refusal.value.passed, refusal.value.not_passed) == (9, 51)
    assert learned_attributes(predictor) == []


def test_fits_at_exactly_the_minimum():
    matrix, _ = synthetic_history(examples=40)
    outcomes = np.array([True, False, False, False] * 10)  # 40 examples, 10 passed: both minimums exactly
    predictor = PassPredictor(feature_names=FEATURES).fit(matrix, outcomes)
    validation = predictor.validation_
    assert (validation.examples, validation.passed, validation.not_passed, validation.folds) == (40, 10, 30, 2)


def test_the_lowest_configurable_minimum_fits_and_below_it_is_refused():
    matrix, _ = synthetic_history(examples=12)
    outcomes = np.array([True, False, False] * 4)  # 4 passed, 8 not
    predictor = PassPredictor(feature_names=FEATURES, minimum_examples=12, minimum_per_outcome=4)
    assert predictor.fit(matrix, outcomes).validation_.folds == 2
    with pytest.raises(ValueError, match="minimum_per_outcome must be at least 4"):
        PassPredictor(feature_names=FEATURES, minimum_per_outcome=3).fit(matrix, outcomes)


def test_folds_grow_with_the_rarer_outcome():
    assert [folds_for(count) for count in (10, 14, 15, 20, 24, 25, 1000)] == [2, 2, 3, 4, 4, 5, 5]


# -- validation on a seeded history -------------------------------------------------------------------------------


def test_validation_on_the_synthetic_history(fitted):
    validation = fitted.validation_
    assert validation.predictor_version == PREDICTOR_VERSION == "pass_predictor.v1"
    assert (validation.examples, validation.passed, validation.not_passed, validation.folds) == (200, 104, 96, 5)
    auc = validation.area_under_curve
    assert auc.auc is not None and 0.78 <= auc.auc <= 0.88
    assert auc.interval is not None and auc.interval.low > 0.7
    calibration = validation.calibration
    assert calibration.examples == 200
    assert sum(b.count for b in calibration.bins) == 200
    assert len(calibration.bins) == 10
    assert calibration.brier_score is not None and 0.12 <= calibration.brier_score <= 0.20
    # The driving features carry the largest positive weights; years of work (no effect) the smallest.
    weights = dict(zip(FEATURES, fitted.coefficients_, strict=True))
    assert weights["dimension:专业知识"] > weights["dimension:团队协作"] > abs(weights["resume:工作年限"])


def test_same_history_same_seed_same_output_bit_for_bit(fitted):
    matrix, outcomes = synthetic_history()
    again = PassPredictor(feature_names=FEATURES, random_state=0).fit(matrix, outcomes)
    assert np.array_equal(again.predict_proba(matrix), fitted.predict_proba(matrix))
    assert again.validation_ == fitted.validation_
    assert again.coefficients_ == fitted.coefficients_


def test_probabilities_are_calibrated_probabilities(fitted):
    matrix, _ = synthetic_history()
    probabilities = fitted.predict_proba(matrix)
    assert probabilities.shape == (200, 2)
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert ((probabilities >= 0) & (probabilities <= 1)).all()
    assert np.array_equal(fitted.predict(matrix), probabilities[:, 1] >= 0.5)


# -- explanations and suggestions ---------------------------------------------------------------------------------


CANDIDATE = {"dimension:专业知识": 3.5, "dimension:团队协作": 2.0, "delivery:语速": 0.1, "resume:工作年限": 4.0}


def test_explain_gives_the_top_contributions_signed(fitted):
    row = feature_matrix([CANDIDATE], FEATURES)[0]
    contributions = fitted.explain(row)
    assert [item.feature for item in contributions] == ["dimension:团队协作", "dimension:专业知识", "delivery:语速"]
    for item in contributions:
        index = FEATURES.index(item.feature)
        expected = (item.value - fitted.means_[index]) / fitted.scales_[index]
        assert item.standardized_value == expected
        assert item.contribution == fitted.coefficients_[index] * expected
    assert contributions[0].contribution < 0 < contributions[1].contribution  # weak teamwork pulls down
    assert len(fitted.explain(row, top=1)) == 1


def test_suggest_adds_a_round_on_a_weak_dimension_below_the_role_level(fitted):
    row = feature_matrix([CANDIDATE], FEATURES)[0]
    suggestions = fitted.suggest(row, role_levels={"团队协作": 3, "专业知识": 3})
    assert [(s.action, s.dimension, s.value, s.role_level) for s in suggestions] == [
        (SuggestedAction.ADD_ROUND, "团队协作", 2.0, 3.0)
    ]
    assert suggestions[0].contribution < 0
    # At or above the role's level, or a dimension the role does not ask for: nothing to suggest.
    assert fitted.suggest(row, role_levels={"团队协作": 2.0}) == ()
    assert fitted.suggest(row, role_levels={}) == ()


def test_advise_is_the_probability_with_reasons_and_suggestions(fitted):
    row = feature_matrix([CANDIDATE], FEATURES)[0]
    advice = fitted.advise(row, role_levels={"团队协作": 3})
    assert advice.predictor_version == "pass_predictor.v1"
    assert advice.examples == 200
    assert advice.probability_of_passing == fitted.predict_proba([row])[0, 1]
    assert advice.contributions == fitted.explain(row)
    assert [s.dimension for s in advice.suggestions] == ["团队协作"]


def test_feature_matrix_refuses_a_missing_feature():
    with pytest.raises(ValueError, match="Row 0 has no value for feature 'resume:工作年限'"):
        feature_matrix([{"dimension:专业知识": 3.0}], ("dimension:专业知识", "resume:工作年限"))


def test_bad_features_are_refused(fitted):
    with pytest.raises(ValueError, match="Expected a matrix with 4 columns"):
        fitted.predict_proba([[1.0, 2.0]])
    with pytest.raises(ValueError, match="finite"):
        fitted.predict_proba([[1.0, 2.0, float("nan"), 3.0]])
    with pytest.raises(ValueError, match="feature_names must name every column once"):
        PassPredictor(feature_names=("a", "a")).fit([[1.0, 2.0]], [True])


# -- the estimator contract (STYLE.md) ----------------------------------------------------------------------------


def test_init_stores_configuration_only():
    predictor = PassPredictor(feature_names=FEATURES, minimum_examples=50, random_state=3)
    parameters = list(inspect.signature(PassPredictor.__init__).parameters)[1:]
    assert sorted(vars(predictor)) == sorted(parameters)
    assert predictor.get_params() == {name: getattr(predictor, name) for name in parameters}
    assert learned_attributes(predictor) == []
    assert clone(predictor).get_params() == predictor.get_params()


def test_fit_returns_self_and_learned_state_ends_in_underscore():
    matrix, outcomes = synthetic_history(examples=60)
    predictor = PassPredictor(feature_names=FEATURES)
    before = set(vars(predictor))
    assert predictor.fit(matrix, outcomes) is predictor
    learned = set(vars(predictor)) - before
    assert learned == {
        "model_",
        "classes_",
        "n_features_in_",
        "means_",
        "scales_",
        "coefficients_",
        "intercept_",
        "validation_",
    }


def test_predicting_before_fit_raises():
    predictor = PassPredictor(feature_names=FEATURES)
    for call in (
        lambda: predictor.predict_proba([[3.0, 3.0, 0.0, 4.0]]),
        lambda: predictor.explain([3.0, 3.0, 0.0, 4.0]),
        lambda: predictor.suggest([3.0, 3.0, 0.0, 4.0], role_levels={}),
        lambda: predictor.advise([3.0, 3.0, 0.0, 4.0]),
    ):
        with pytest.raises(PredictorNotFittedError):
            call()


def test_predicting_changes_nothing(fitted):
    matrix, _ = synthetic_history()
    before = pickle.dumps(fitted)
    fitted.predict_proba(matrix)
    fitted.advise(matrix[0], role_levels={"团队协作": 3})
    assert pickle.dumps(fitted) == before
