import json

import pytest

from talentloop.scoring.delivery import DeliveryInput
from talentloop.scoring.keypoints import KeyPointSpec, Status
from talentloop.scoring.scorer import AnswerInput, Reason, RubricScorer, RubricSpec, ScorerNotFittedError

QUESTION = "请描述一次你如何说服客户的经历。"
RUBRIC = RubricSpec(
    identifier="sales-persuade-customer/customer-needs",
    version=3,
    dimension="customer-needs",
    key_points=(
        KeyPointSpec("need", "识别客户的真实需求或顾虑", 3, ("需求", "痛点", "顾虑"), ("最担心",), (), "", "tip-need"),
        KeyPointSpec(
            "discover", "说明如何发现需求：提问、倾听、走访或分析数据", 2, ("提问", "调研", "数据"), ("走访",)
        ),
        KeyPointSpec(
            "solution", "方案设计与需求逐一对应，说明能给客户带来的价值", 3, ("方案", "价值", "试用"), ("测算",)
        ),
        KeyPointSpec("result", "用量化结果证明说服成功", 2, ("签下", "订单", "合同"), ("下降",)),
    ),
    structure_weight=0.2,
)
GOOD = (
    "去年我跟进一家汽配厂，对方觉得我们的设备贵了12%。我先约了生产经理和财务分别沟通，"
    "发现他们真正的痛点是老设备停机多，每月停机18小时。于是我做了一份对比方案，用他们的停机数据测算，"
    "一年能省40多万元，还提出先在一条产线试用一个月。试用期间停机下降了70%，客户最后签下了260万元的订单。"
)


@pytest.fixture
def scorer() -> RubricScorer:
    return RubricScorer().fit()


def score(scorer: RubricScorer, text: str):
    return scorer.score(AnswerInput(text=text, question=QUESTION), [RUBRIC])


def test_estimator_contract():
    scorer = RubricScorer(pass_threshold=70.0)
    assert scorer.get_params()["pass_threshold"] == 70.0
    assert not hasattr(scorer, "evidence_sources_")  # __init__ stores configuration only
    with pytest.raises(ScorerNotFittedError):
        scorer.score(AnswerInput(text="x"), [RUBRIC])
    assert scorer.fit() is scorer
    assert [source.name for source in scorer.evidence_sources_] == ["lexical"]
    assert scorer.identifier == "rubric_scorer.v1"
    with pytest.raises(ValueError):
        RubricScorer(hit_threshold=0.2, partial_threshold=0.5).fit()


def test_good_answer_hits_every_key_point_with_evidence(scorer):
    result = score(scorer, GOOD)
    dimension = result.dimensions[0]
    assert [item.status for item in dimension.key_points] == [Status.HIT] * 4
    assert (result.scorer, dimension.rubric_version, dimension.rubric_identifier) == (
        "rubric_scorer.v1",
        3,
        "sales-persuade-customer/customer-needs",
    )
    assert dimension.coverage_score == 100.0
    assert result.reasons == ()
    assert result.passed is True
    for key_point in dimension.key_points:
        for evidence in key_point.evidence:
            assert GOOD[evidence["start"] : evidence["end"]] == evidence["quote"]
    need = dimension.key_points[0]
    assert need.evidence[0]["quote"] == "痛点"
    assert need.improvement_tip_id == "tip-need"
    assert result.features.star_elements == ("situation", "action", "result")
    assert result.features.speaks_about_others is True


def test_points_lost_map_to_key_points(scorer):
    result = score(scorer, "我发现客户真正的痛点是停机太多，我反复跟他沟通。")
    lost = {item.identifier: (item.status, item.points_lost) for item in result.dimensions[0].key_points}
    assert lost["need"] == (Status.HIT, 0.0)
    assert lost["solution"] == (Status.MISS, 24.0)  # weight 3 of 10, 80% of the dimension is coverage
    assert result.passed is False


def test_same_input_gives_identical_serialised_output(scorer):
    first = score(scorer, GOOD).to_json()
    second = RubricScorer().fit().score(AnswerInput(text=GOOD, question=QUESTION), [RUBRIC]).to_json()
    assert first == second
    assert json.loads(first)["scorer"] == "rubric_scorer.v1"


def test_scoring_does_not_change_the_scorer(scorer):
    before = dict(vars(scorer))
    score(scorer, GOOD)
    assert vars(scorer) == before


def test_empty_answer_scores_zero_with_reason(scorer):
    result = score(scorer, "  。。 ")
    assert (result.overall, result.reasons) == (0.0, (Reason.EMPTY,))


def test_off_topic_answer_scores_near_zero_with_reason(scorer):
    result = score(scorer, "我平时喜欢打篮球和看电影，周末经常去爬山。")
    assert result.overall <= 5.0
    assert Reason.OFF_TOPIC in result.reasons


def test_keyword_list_does_not_score_well(scorer):
    result = score(scorer, "需求、痛点、顾虑、提问、调研、数据、方案、价值、试用、签下、订单、合同")
    assert Reason.KEYWORD_LIST in result.reasons
    assert result.overall < 30.0
    assert score(scorer, GOOD).overall - result.overall > 50.0


def test_pasting_the_question_back_does_not_score_well(scorer):
    result = score(scorer, "请描述一次你如何说服客户的经历")
    assert Reason.QUESTION_ECHO in result.reasons
    assert result.overall < 5.0


def test_repeating_one_sentence_does_not_score_well(scorer):
    sentence = "我发现客户真正的痛点是停机太多。"
    single = score(scorer, sentence)
    repeated = score(scorer, sentence * 10)
    assert Reason.REPETITION in repeated.reasons
    assert repeated.overall < single.overall
    assert repeated.overall < 30.0


def test_skipped_answer_scores_zero(scorer):
    result = scorer.score(AnswerInput(text="", delivery=DeliveryInput(text="", skipped=True)), [RUBRIC])
    assert result.overall == 0.0
    assert result.reasons == (Reason.SKIPPED, Reason.EMPTY)


def test_delivery_is_reported_but_not_scored_by_default(scorer):
    delivery = DeliveryInput(text=GOOD, duration_seconds=60, expected_seconds=150, cohort_average_seconds=100)
    result = scorer.score(AnswerInput(text=GOOD, question=QUESTION, delivery=delivery), [RUBRIC])
    assert result.features.delivery is not None
    assert result.features.delivery.percent_versus_cohort == -40.0
    without = score(scorer, GOOD)
    assert result.overall == without.overall
    weighted = RubricScorer(delivery_weight=1.0).fit()
    assert weighted.score(AnswerInput(text=GOOD, question=QUESTION, delivery=delivery), [RUBRIC]).overall != (
        without.overall
    )


def test_overall_is_the_weighted_mean_of_dimensions():
    other = RubricSpec("other", 1, "communication", (KeyPointSpec("x", "客户签下订单", keywords=("签下",)),))
    scorer = RubricScorer(dimension_weights={"customer-needs": 3.0, "communication": 1.0}).fit()
    result = scorer.score(AnswerInput(text="客户最后签下了订单，我很开心。", question=QUESTION), [RUBRIC, other])
    first, second = result.dimensions
    assert result.overall == round((3 * first.score + second.score) / 4, 2)
