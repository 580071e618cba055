"""The estimator contract (STYLE.md), run on every scorer class in `SCORER_CLASSES`.

A new scorer class joins the registry and passes these tests unchanged: ``__init__`` stores configuration only,
``get_params`` round-trips, ``fit`` returns ``self`` and sets learned state ending in ``_``, scoring before ``fit``
raises, scoring leaves the scorer unchanged, and the same input gives the same output bit for bit.
"""

import inspect
import pickle

import pytest

from talentloop.scoring.keypoints import KeyPointSpec
from talentloop.scoring.scorer import SCORER_CLASSES, AnswerInput, RubricSpec, ScorerNotFittedError

RUBRIC = RubricSpec(
    identifier="q1/knowledge",
    version=2,
    dimension="knowledge",
    key_points=(
        KeyPointSpec("kp1", "综合配送", keywords=("综合配送",)),
        KeyPointSpec("kp2", "专业配送", keywords=("专业配送",), synonyms=("专门配送",)),
    ),
)
ANSWERS = (
    AnswerInput(text="按专业化程度分为综合配送和专门配送两种。", question="配送按专业化程度可分为哪些类型？"),
    AnswerInput(text="", question="配送按专业化程度可分为哪些类型？"),
)

scorer_classes = pytest.mark.parametrize("scorer_class", SCORER_CLASSES, ids=lambda cls: cls.__name__)


@scorer_classes
def test_init_stores_configuration_only(scorer_class):
    scorer = scorer_class()
    parameters = list(inspect.signature(scorer_class.__init__).parameters)[1:]
    assert sorted(vars(scorer)) == sorted(parameters)
    assert scorer.get_params() == {name: getattr(scorer, name) for name in parameters}
    assert not [name for name in vars(scorer) if name.endswith("_")]


@scorer_classes
def test_get_params_round_trip(scorer_class):
    scorer = scorer_class(pass_threshold=72.5)
    clone = scorer_class(**scorer.get_params())
    assert clone.get_params() == scorer.get_params()
    assert clone.get_params()["pass_threshold"] == 72.5


@scorer_classes
def test_fit_returns_self_and_learned_state_ends_in_underscore(scorer_class):
    scorer = scorer_class()
    before = set(vars(scorer))
    assert scorer.fit() is scorer
    learned = set(vars(scorer)) - before
    assert learned
    assert all(name.endswith("_") for name in learned)


@scorer_classes
def test_scoring_before_fit_raises(scorer_class):
    with pytest.raises(ScorerNotFittedError):
        scorer_class().score(ANSWERS[0], [RUBRIC])


@scorer_classes
def test_scoring_has_no_side_effects_on_the_scorer(scorer_class):
    scorer = scorer_class().fit()
    before = pickle.dumps(scorer)
    for answer in ANSWERS:
        scorer.score(answer, [RUBRIC])
    assert pickle.dumps(scorer) == before


@scorer_classes
def test_same_input_same_output_bit_for_bit(scorer_class):
    first = scorer_class().fit()
    second = scorer_class().fit()
    for answer in ANSWERS:
        expected = first.score(answer, [RUBRIC]).to_json()
        assert first.score(answer, [RUBRIC]).to_json() == expected
        assert second.score(answer, [RUBRIC]).to_json() == expected
