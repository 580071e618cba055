"""Offline scoring records: one JSON object per answer in, one per answer out (``talentloop score-answers``).

An input record has ``question_id``, ``question``, ``answer``, an optional ``answer_id`` and ``lang``, and either a
``rubric`` object (the rubric JSON of the question-bank export: ``dimension``, ``version``, ``key_points`` with
``text``, ``weight``, ``keywords``, ``synonyms``, ``example_phrases``…) or a ``reference_answer`` string /
``reference_answers`` list from which rubrics are built (`talentloop.scoring.reference`). With several reference
answers the answer is scored against each one's rubric and the best score is kept (ties: the first).

Only those fields are read: a human ``score`` that may be present is never looked at here. Every problem is a
`RecordError` naming the field, so the command line can say which line and which field is wrong.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from talentloop.scoring.keypoints import KeyPointSpec, Status
from talentloop.scoring.reference import rubric_from_reference
from talentloop.scoring.scorer import AnswerInput, AnswerScore, RubricScorer, RubricSpec

DEFAULT_DIMENSION = "answer"


class RecordError(ValueError):
    """A record that cannot be scored; ``field`` is the path of the offending field (``rubric.key_points[1].text``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f'field "{field}": {message}')
        self.field = field
        self.message = message


@dataclass(frozen=True)
class ScoringRecord:
    """One validated input line: the answer and the rubric set(s) to score it against."""

    answer_id: str | int
    question_id: str
    answer: AnswerInput
    lang: str
    # One rubric list per alternative (one per reference answer, or a single given rubric).
    alternatives: tuple[tuple[RubricSpec, ...], ...]


def _identifier(value: Any, field: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int) or str(value).strip() == "":
        raise RecordError(field, "must be a non-empty string or an integer")
    return str(value).strip()


def _text(record: Mapping[str, Any], field: str, *, required: bool, path: str | None = None) -> str:
    name = path or field
    if field not in record or record[field] is None:
        if required:
            raise RecordError(name, "is missing")
        return ""
    value = record[field]
    if not isinstance(value, str):
        raise RecordError(name, f"must be a string, not {type(value).__name__}")
    return value


def _strings(record: Mapping[str, Any], field: str, path: str) -> tuple[str, ...]:
    value = record.get(field)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise RecordError(path, "must be a list of strings")
    return tuple(item.strip() for item in value if item.strip())


def _number(record: Mapping[str, Any], field: str, path: str, *, default: float) -> float:
    value = record.get(field)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RecordError(path, f"must be a number, not {type(value).__name__}")
    return float(value)


def rubric_from_dict(data: Any, *, question_id: str, field: str = "rubric") -> RubricSpec:
    """A `RubricSpec` from the question-bank export's rubric JSON (``dimension``, ``version``, ``key_points``)."""
    if not isinstance(data, dict):
        raise RecordError(field, "must be an object")
    dimension = _text(data, "dimension", required=False, path=f"{field}.dimension").strip() or DEFAULT_DIMENSION
    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise RecordError(f"{field}.version", "must be a positive integer")
    structure_weight = _number(data, "structure_weight", f"{field}.structure_weight", default=0.0)
    if not 0.0 <= structure_weight <= 1.0:
        raise RecordError(f"{field}.structure_weight", "must be between 0 and 1")
    accepts_bare_lists = data.get("accepts_bare_lists", False)
    if not isinstance(accepts_bare_lists, bool):
        raise RecordError(f"{field}.accepts_bare_lists", "must be true or false")
    points = data.get("key_points")
    if not isinstance(points, list) or not points:
        raise RecordError(f"{field}.key_points", "must be a non-empty list of key points")
    key_points = []
    for index, point in enumerate(points):
        path = f"{field}.key_points[{index}]"
        if not isinstance(point, dict):
            raise RecordError(path, "must be an object")
        text = _text(point, "text", required=True, path=f"{path}.text").strip()
        if not text:
            raise RecordError(f"{path}.text", "must not be empty")
        weight = _number(point, "weight", f"{path}.weight", default=1.0)
        if weight <= 0:
            raise RecordError(f"{path}.weight", "must be greater than 0")
        key_points.append(
            KeyPointSpec(
                identifier=f"kp{index + 1}",
                text=text,
                weight=weight,
                keywords=_strings(point, "keywords", f"{path}.keywords"),
                synonyms=_strings(point, "synonyms", f"{path}.synonyms"),
                example_phrases=_strings(point, "example_phrases", f"{path}.example_phrases"),
                text_en=_text(point, "text_en", required=False, path=f"{path}.text_en"),
            )
        )
    return RubricSpec(
        identifier=f"{question_id}/{dimension}",
        version=version,
        dimension=dimension,
        key_points=tuple(key_points),
        structure_weight=structure_weight,
        accepts_bare_lists=accepts_bare_lists,
    )


def rubric_from_reference_answer(question_id: str, question: str, reference: str, *, number: int = 1) -> RubricSpec:
    """The rubric the engine builds from a model answer alone (one dimension, equal key-point weights)."""
    built = rubric_from_reference(question, reference)
    return RubricSpec(
        identifier=f"{question_id}/reference{number}",
        version=1,
        dimension=DEFAULT_DIMENSION,
        key_points=built.key_points,
        accepts_bare_lists=built.accepts_bare_lists,
    )


def parse_record(data: Any, *, line_number: int) -> ScoringRecord:
    """Validate one decoded input line; raises `RecordError` naming the first bad field."""
    if not isinstance(data, dict):
        raise RecordError("(line)", f"must be a JSON object, not {type(data).__name__}")
    question_id = _identifier(data.get("question_id"), "question_id")
    question = _text(data, "question", required=True)
    answer = _text(data, "answer", required=True)
    answer_id: str | int = line_number
    if data.get("answer_id") is not None:
        answer_id = _identifier(data["answer_id"], "answer_id")
    lang = _text(data, "lang", required=False)
    alternatives: list[tuple[RubricSpec, ...]] = []
    if data.get("rubric") is not None:
        alternatives.append((rubric_from_dict(data["rubric"], question_id=question_id),))
    else:
        references: list[str] = []
        if data.get("reference_answers") is not None:
            listed = data["reference_answers"]
            if not isinstance(listed, list) or not all(isinstance(item, str) for item in listed):
                raise RecordError("reference_answers", "must be a list of strings")
            references = [item for item in listed if item.strip()]
            if not references:
                raise RecordError("reference_answers", "must hold at least one non-empty reference answer")
        elif data.get("reference_answer") is not None:
            reference = _text(data, "reference_answer", required=True)
            if not reference.strip():
                raise RecordError("reference_answer", "must not be empty")
            references = [reference]
        else:
            raise RecordError("rubric", 'is missing: give "rubric", "reference_answer" or "reference_answers"')
        for number, reference in enumerate(references, start=1):
            rubric = rubric_from_reference_answer(question_id, question, reference, number=number)
            if not rubric.key_points:
                field = "reference_answer" if "reference_answers" not in data else f"reference_answers[{number - 1}]"
                raise RecordError(field, "has no content to build key points from")
            alternatives.append((rubric,))
    return ScoringRecord(
        answer_id=answer_id,
        question_id=question_id,
        answer=AnswerInput(text=answer, question=question),
        lang=lang,
        alternatives=tuple(alternatives),
    )


def score_record(scorer: RubricScorer, record: ScoringRecord) -> AnswerScore:
    """Score against every alternative rubric set and keep the best overall score (ties: the first)."""
    best: AnswerScore | None = None
    for rubrics in record.alternatives:
        result = scorer.score(record.answer, rubrics)
        if best is None or result.overall > best.overall:
            best = result
    assert best is not None  # parse_record guarantees at least one alternative
    return best


def result_to_dict(record: ScoringRecord, result: AnswerScore) -> dict[str, Any]:
    """The output line: overall 0–100, each dimension's score with its hits (and evidence spans) and misses."""
    dimensions = []
    for dimension in result.dimensions:
        hits = [
            {
                "key_point": item.identifier,
                "text": item.text,
                "status": item.status.value,
                "confidence": item.confidence,
                "credit": item.credit,
                "evidence": list(item.evidence),
            }
            for item in dimension.key_points
            if item.status != Status.MISS
        ]
        misses = [
            {"key_point": item.identifier, "text": item.text, "points_lost": item.points_lost}
            for item in dimension.key_points
            if item.status == Status.MISS
        ]
        dimensions.append(
            {
                "name": dimension.dimension,
                "rubric": dimension.rubric_identifier,
                "rubric_version": dimension.rubric_version,
                "score": dimension.score,
                "hits": hits,
                "misses": misses,
            }
        )
    return {
        "answer_id": record.answer_id,
        "question_id": record.question_id,
        "score": result.overall,
        "passed": result.passed,
        "reasons": [reason.value for reason in result.reasons],
        "dimensions": dimensions,
        "scorer": result.scorer,
        "evidence_sources": list(result.features.evidence_sources),
    }


def human_score(data: Mapping[str, Any]) -> float | None:
    """``100 * score / score_max`` of an evaluation line, or None when it carries no human score.

    Only ``score-eval`` calls this; scoring itself never does.
    """
    if data.get("score") is None and data.get("score_max") is None:
        return None
    score = _number(data, "score", "score", default=float("nan"))
    maximum = _number(data, "score_max", "score_max", default=float("nan"))
    if score != score:
        raise RecordError("score", "is missing while score_max is given")
    if maximum != maximum:
        raise RecordError("score_max", "is missing while score is given")
    if maximum <= 0:
        raise RecordError("score_max", "must be greater than 0")
    return 100.0 * score / maximum
