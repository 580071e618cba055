"""`talentloop score-answers` and `talentloop score-eval`: offline scoring of JSON lines, no database involved."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from talentloop.cli.main import main
from talentloop.cli.tests.test_cli import talentloop
from talentloop.config.tests.environment import clean_environment

QUESTION_95 = "配送的种类按配送专业化程度分类，可分为哪些类型？"
QUESTION_17 = "运输合同以运输对象为标准，可分为什么类型？"
RUBRIC: dict[str, Any] = {
    "dimension": "knowledge",
    "version": 3,
    "key_points": [
        {"text": "综合配送", "keywords": ["综合配送"]},
        {"text": "专业配送", "weight": 2, "keywords": ["专业配送"]},
    ],
}
REFERENCE = "分为客运合同和货运合同。"
LINES: list[dict[str, Any]] = [
    {
        "question_id": "95",
        "answer_id": "a1",
        "question": QUESTION_95,
        "answer": "我觉得是综合配送吧。",
        "rubric": RUBRIC,
    },
    {"question_id": "17", "question": QUESTION_17, "answer": "客运合同和货运合同。", "reference_answer": REFERENCE},
    {"question_id": "17", "question": QUESTION_17, "answer": "我不知道。", "reference_answer": REFERENCE},
]
HUMAN: list[dict[str, Any]] = [
    {"score": 0.5, "score_max": 1},
    {"score": 1, "score_max": 1},
    {"score": 0, "score_max": 1},
]


def write_lines(path: Path, lines: list[Any]) -> Path:
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


def read_output(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_score_answers_writes_one_line_per_answer_with_hits_evidence_and_misses(tmp_path, capsys):
    # given three answers: one with a full rubric, two with only a reference answer (no answer_id)
    source = write_lines(tmp_path / "answers.jsonl", LINES)
    target = tmp_path / "scores.jsonl"

    # when they are scored
    status = main(["score-answers", str(source), "-o", str(target), "--no-semantic"])

    # then each gets its id (or line number), score, dimensions with hits and misses, and the scorer
    assert status == 0
    first, second, third = read_output(target)
    assert [(line["answer_id"], line["score"], line["reasons"]) for line in (first, second, third)] == [
        ("a1", 33.33, []),
        (2, 100.0, []),
        (3, 0.0, ["off_topic"]),
    ]
    assert {line["scorer"] for line in (first, second, third)} == {"rubric_scorer.v1"}
    (dimension,) = first["dimensions"]
    assert (dimension["name"], dimension["rubric"], dimension["rubric_version"], dimension["score"]) == (
        "knowledge",
        "95/knowledge",
        3,
        33.33,
    )
    assert [(hit["key_point"], hit["status"]) for hit in dimension["hits"]] == [("kp1", "hit")]
    keyword = next(item for item in dimension["hits"][0]["evidence"] if item["rule"] == "keyword")
    assert (keyword["start"], keyword["end"], keyword["quote"]) == (4, 8, "综合配送")
    assert LINES[0]["answer"][keyword["start"] : keyword["end"]] == keyword["quote"]
    assert dimension["misses"] == [{"key_point": "kp2", "points_lost": 66.67, "text": "专业配送"}]
    assert [miss["key_point"] for miss in third["dimensions"][0]["misses"]] == ["kp1", "kp2"]
    assert capsys.readouterr().err == f"talentloop score-answers: scored 3 answers with rubric_scorer.v1 -> {target}\n"


def test_score_answers_never_reads_human_scores(tmp_path):
    # given the same answers with and without (even nonsensical) human score fields
    plain = write_lines(tmp_path / "plain.jsonl", LINES)
    labelled = write_lines(
        tmp_path / "labelled.jsonl", [{**line, "score": "not a number", "score_max": -1} for line in LINES]
    )

    # when both are scored
    assert main(["score-answers", str(plain), "-o", str(tmp_path / "a.jsonl"), "--no-semantic"]) == 0
    assert main(["score-answers", str(labelled), "-o", str(tmp_path / "b.jsonl"), "--no-semantic"]) == 0

    # then the outputs are byte for byte the same
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_bad_lines_are_named_and_nothing_is_written(tmp_path, capsys):
    # given a file with invalid JSON on line 2 and a bad rubric weight on line 4, and an earlier output file
    bad_rubric = {**LINES[0], "rubric": {**RUBRIC, "key_points": [{"text": "x", "weight": 0}]}}
    source = write_lines(tmp_path / "answers.jsonl", [LINES[0], "{not json", LINES[1], bad_rubric])
    target = tmp_path / "scores.jsonl"
    target.write_text("earlier results\n", encoding="utf-8")

    # when it is scored
    status = main(["score-answers", str(source), "-o", str(target), "--no-semantic"])

    # then the command fails naming each line and field, and the earlier output is untouched, no temp file left
    assert status == 2
    assert capsys.readouterr().err.splitlines() == [
        f"talentloop score-answers: {source} line 2: not valid JSON (Expecting property name enclosed in double "
        "quotes at column 2)",
        f'talentloop score-answers: {source} line 4: field "rubric.key_points[0].weight": must be greater than 0',
    ]
    assert target.read_text(encoding="utf-8") == "earlier results\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["answers.jsonl", "scores.jsonl"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ({**LINES[1], "answer": None}, 'line 1: field "answer": is missing'),
        ({key: value for key, value in LINES[1].items() if key != "reference_answer"}, 'line 1: field "rubric": is'),
        ({**LINES[1], "question_id": ""}, 'line 1: field "question_id": must be a non-empty string or an integer'),
    ],
)
def test_missing_or_wrong_fields_fail_with_the_line_and_field(tmp_path, capsys, line, message):
    source = write_lines(tmp_path / "answers.jsonl", [line])
    target = tmp_path / "scores.jsonl"
    assert main(["score-answers", str(source), "-o", str(target), "--no-semantic"]) == 2
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_missing_and_empty_input_files_are_clear_errors(tmp_path, capsys):
    missing = tmp_path / "missing.jsonl"
    assert main(["score-answers", str(missing), "-o", str(tmp_path / "out.jsonl")]) == 2
    assert capsys.readouterr().err == f"talentloop score-answers: {missing}: no such file\n"
    empty = write_lines(tmp_path / "empty.jsonl", [])
    assert main(["score-eval", str(empty)]) == 2
    assert capsys.readouterr().err == f"talentloop score-eval: {empty}: no answers to score (the file is empty)\n"


def test_semantic_without_the_extra_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("talentloop.scoring.semantic.semantic_available", lambda: False)
    source = write_lines(tmp_path / "answers.jsonl", LINES)
    assert main(["score-answers", str(source), "-o", str(tmp_path / "out.jsonl"), "--semantic"]) == 2
    assert capsys.readouterr().err == (
        "talentloop score-answers: semantic matching needs the `semantic` extra: pip install 'talentloop[semantic]'\n"
    )
    assert not (tmp_path / "out.jsonl").exists()


def test_score_eval_prints_pearson_and_spearman_overall_and_per_question(tmp_path, capsys):
    # given three labelled answers, two of them to the same question
    source = write_lines(
        tmp_path / "labelled.jsonl", [{**line, **human} for line, human in zip(LINES, HUMAN, strict=True)]
    )

    # when they are evaluated
    assert main(["score-eval", str(source), "--no-semantic"]) == 0

    # then engine (33.33, 100, 0) is compared with humans (50, 100, 0); only question 17 has a defined correlation
    lines = capsys.readouterr().out.splitlines()
    assert lines[:4] == [
        "scorer: rubric_scorer.v1 (evidence: lexical)",
        "answers: 3 scored, 3 with a human score",
        "Pearson r: 0.982 overall, 1.000 per question (mean of 1)",
        "Spearman rho: 1.000 overall, 1.000 per question (mean of 1)",
    ]
    assert re.fullmatch(r"speed: \d+ answers/s", lines[4])
    assert len(lines) == 5


def test_score_eval_rejects_a_bad_human_score(tmp_path, capsys):
    source = write_lines(tmp_path / "labelled.jsonl", [{**LINES[1], "score": 1, "score_max": 0}])
    assert main(["score-eval", str(source)]) == 2
    assert capsys.readouterr().err == (
        f'talentloop score-eval: {source} line 1: field "score_max": must be greater than 0\n'
    )


def test_score_answers_runs_in_a_fresh_process_with_no_database_configured(tmp_path):
    # given nothing configured: no DATABASE_URL, an empty data folder, no migrated database
    environment = clean_environment(tmp_path)
    source = write_lines(tmp_path / "answers.jsonl", LINES)

    # when the console script scores the file
    completed = talentloop("score-answers", "answers.jsonl", "-o", "out.jsonl", environment=environment, cwd=tmp_path)

    # then it succeeds without creating any database
    assert completed.returncode == 0, completed.stderr
    assert [line["answer_id"] for line in read_output(tmp_path / "out.jsonl")] == ["a1", 2, 3]
    assert sorted(path.name for path in tmp_path.iterdir()) == [source.name, "out.jsonl"]
    assert (tmp_path / "out.jsonl").stat().st_mode & 0o777 != 0o600
