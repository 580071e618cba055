import pytest

from talentloop.scoring.records import RecordError, human_score, parse_record, result_to_dict, score_record
from talentloop.scoring.scorer import RubricScorer

QUESTION = "配送的种类按配送专业化程度分类，可分为哪些类型？"
RUBRIC = {
    "dimension": "knowledge",
    "version": 3,
    "level_anchors": {"1": "什么也没说"},
    "key_points": [
        {"text": "综合配送", "weight": 1.0, "keywords": ["综合配送"], "synonyms": [], "example_phrases": []},
        {"text": "专业配送", "weight": 2, "keywords": ["专业配送"], "synonyms": ["专门配送"], "text_en": "specialised"},
    ],
}


def record(**fields):
    return {"question_id": "95", "question": QUESTION, "answer": "分为综合配送和专门配送。", **fields}


def test_rubric_object_becomes_a_rubric_spec():
    parsed = parse_record(record(rubric=RUBRIC, answer_id="a-1", lang="zh"), line_number=4)
    (rubric,) = parsed.alternatives[0]
    assert (parsed.answer_id, parsed.question_id, parsed.lang) == ("a-1", "95", "zh")
    assert (rubric.identifier, rubric.version, rubric.dimension) == ("95/knowledge", 3, "knowledge")
    assert [(point.identifier, point.weight, point.synonyms) for point in rubric.key_points] == [
        ("kp1", 1.0, ()),
        ("kp2", 2.0, ("专门配送",)),
    ]


def test_reference_answer_builds_the_rubric_and_answer_id_defaults_to_the_line_number():
    parsed = parse_record(record(reference_answer="分为综合配送、专业配送。"), line_number=7)
    (rubric,) = parsed.alternatives[0]
    assert parsed.answer_id == 7
    assert rubric.identifier == "95/reference1"
    assert [point.text for point in rubric.key_points] == ["综合配送", "专业配送"]


def test_several_reference_answers_keep_the_best_score():
    parsed = parse_record(
        record(reference_answers=["分为城市配送、区域配送。", "分为综合配送、专门配送。"]), line_number=1
    )
    result = score_record(RubricScorer().fit(), parsed)
    assert len(parsed.alternatives) == 2
    assert result.dimensions[0].rubric_identifier == "95/reference2"
    assert result.overall == 100.0


def test_output_lists_hits_with_evidence_and_misses():
    parsed = parse_record(record(rubric=RUBRIC, answer="我觉得是综合配送吧。"), line_number=1)
    output = result_to_dict(parsed, score_record(RubricScorer().fit(), parsed))
    (dimension,) = output["dimensions"]
    assert (output["answer_id"], output["scorer"], dimension["name"]) == (1, "rubric_scorer.v1", "knowledge")
    assert [hit["key_point"] for hit in dimension["hits"]] == ["kp1"]
    evidence = {item["rule"]: item for item in dimension["hits"][0]["evidence"]}
    assert (evidence["keyword"]["start"], evidence["keyword"]["end"], evidence["keyword"]["quote"]) == (
        4,
        8,
        "综合配送",
    )
    assert dimension["misses"] == [{"key_point": "kp2", "text": "专业配送", "points_lost": 66.67}]
    assert output["score"] == dimension["score"] == 33.33


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (record(rubric=RUBRIC, question_id=None), "question_id"),
        (record(rubric=RUBRIC, question_id=True), "question_id"),
        ({"question_id": "1", "answer": "x", "rubric": RUBRIC}, "question"),
        (record(rubric=RUBRIC, answer=12), "answer"),
        (record(rubric=RUBRIC, answer_id=""), "answer_id"),
        (record(), "rubric"),
        (record(rubric=[]), "rubric"),
        (record(rubric={**RUBRIC, "key_points": []}), "rubric.key_points"),
        (record(rubric={**RUBRIC, "version": 0}), "rubric.version"),
        (record(rubric={**RUBRIC, "key_points": [{"text": ""}]}), "rubric.key_points[0].text"),
        (record(rubric={**RUBRIC, "key_points": [{"text": "a", "weight": "x"}]}), "rubric.key_points[0].weight"),
        (record(rubric={**RUBRIC, "key_points": [{"text": "a", "keywords": "b"}]}), "rubric.key_points[0].keywords"),
        (record(reference_answer="  "), "reference_answer"),
        (record(reference_answers="ab"), "reference_answers"),
        (record(reference_answers=[]), "reference_answers"),
        (["not", "an", "object"], "(line)"),
    ],
)
def test_bad_records_name_the_field(data, field):
    with pytest.raises(RecordError) as raised:
        parse_record(data, line_number=1)
    assert raised.value.field == field


def test_human_score_is_read_only_on_request():
    assert human_score({"score": 1, "score_max": 2}) == 50.0
    assert human_score({}) is None
    with pytest.raises(RecordError, match='"score_max"'):
        human_score({"score": 1, "score_max": 0})
    with pytest.raises(RecordError, match='"score_max"'):
        human_score({"score": 1})
