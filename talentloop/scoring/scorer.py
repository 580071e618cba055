"""`RubricScorer` (``rubric_scorer.v1``): per-dimension 0–100 from weighted key-point coverage, with evidence.

Follows the scikit-learn estimator contract (STYLE.md): ``__init__`` stores configuration only, ``fit`` returns
``self`` and sets learned or prepared state ending in ``_``, ``score`` changes nothing, and the same input always
gives the same output, bit for bit. Every point lost is tied to a key point, so feedback can say which and why.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from talentloop.scoring.delivery import DeliveryInput, DeliveryMeasures, delivery_score, measure_delivery
from talentloop.scoring.keypoints import (
    AnalysedAnswer,
    EvidenceSource,
    KeyPointMatch,
    KeyPointSpec,
    LexicalEvidence,
    Rule,
    Status,
    character_ngrams,
    decide,
)
from talentloop.scoring.structure import analyse_structure
from talentloop.scoring.text import content_characters

SCORER_NAME = "rubric_scorer"
SCORER_VERSION = "v1"


class Reason(StrEnum):
    """Why an answer scored low regardless of its key points; stored and asserted as codes."""

    EMPTY = "empty"
    SKIPPED = "skipped"
    OFF_TOPIC = "off_topic"
    QUESTION_ECHO = "question_echo"
    KEYWORD_LIST = "keyword_list"
    REPETITION = "repetition"


# How much of the coverage score survives each gaming pattern.
PENALTIES: dict[Reason, float] = {
    Reason.QUESTION_ECHO: 0.1,
    Reason.KEYWORD_LIST: 0.25,
    Reason.REPETITION: 0.5,
}


class ScorerNotFittedError(RuntimeError):
    """`score` was called before `fit`."""


@dataclass(frozen=True)
class RubricSpec:
    """One rubric of a question (one dimension), as the scorer sees it."""

    identifier: str
    version: int
    dimension: str
    key_points: tuple[KeyPointSpec, ...]
    # Share of the dimension score given to structure (STAR, connectors, quantified result, others); 0 = not asked.
    structure_weight: float = 0.0
    # Short factual questions ("which types are there?") are fully answered by a bare list of the right terms.
    accepts_bare_lists: bool = False


@dataclass(frozen=True)
class AnswerInput:
    text: str
    question: str = ""
    delivery: DeliveryInput | None = None


@dataclass(frozen=True)
class KeyPointResult:
    identifier: str
    text: str
    weight: float
    status: Status
    confidence: float
    credit: float
    points_lost: float
    improvement_tip_id: str | None
    evidence: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class DimensionScore:
    dimension: str
    rubric_identifier: str
    rubric_version: int
    score: float
    coverage_score: float
    structure_score: float | None
    key_points: tuple[KeyPointResult, ...]


@dataclass(frozen=True)
class Features:
    """What the scorer looked at, stored with the score so it can be explained and reproduced."""

    content_characters: int
    clauses: int
    unique_clause_ratio: float
    question_echo: float
    keyword_share: float
    star_elements: tuple[str, ...]
    connectors: int
    quantities: int
    speaks_about_others: bool
    evidence_sources: tuple[str, ...]
    delivery: DeliveryMeasures | None


@dataclass(frozen=True)
class AnswerScore:
    scorer: str
    overall: float
    passed: bool
    pass_threshold: float
    dimensions: tuple[DimensionScore, ...]
    delivery_score: float | None
    reasons: tuple[Reason, ...]
    features: Features

    def to_dict(self) -> dict[str, Any]:
        return _plain(dataclasses.asdict(self))

    def to_json(self) -> str:
        """Canonical serialisation: sorted keys, no white space; identical input gives identical bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def weighted_mean(pairs: Sequence[tuple[float, float]]) -> float:
    """Weighted mean of ``(weight, score)`` pairs rounded to 2 decimals; 0 when nothing has weight.

    The one overall-score formula: of an answer across its dimensions here, of an interview in ``assessments``.
    """
    total_weight = sum(weight for weight, _ in pairs)
    return round(sum(weight * score for weight, score in pairs) / total_weight, 2) if total_weight else 0.0


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _evidence_dict(match: KeyPointMatch) -> tuple[dict[str, Any], ...]:
    return tuple(
        {
            "start": item.start,
            "end": item.end,
            "quote": item.quote,
            "rule": item.rule.value,
            "strength": item.strength,
            "matched": item.matched,
        }
        for item in match.evidence
    )


class RubricScorer:
    """Scores an answer against the rubrics of its question, one dimension per rubric.

    ``hit_threshold`` / ``partial_threshold``: confidence needed for a hit / partial credit.
    ``pass_threshold``: overall score needed to pass.
    ``dimension_weights``: the job profile's weight per dimension (missing dimensions weigh 1).
    ``delivery_weight``: weight of delivery in the overall score; 0 (the default) reports delivery without scoring it.
    ``evidence_sources``: extra evidence sources (e.g. ``SemanticEvidence``) used next to the lexical one.
    """

    name = SCORER_NAME
    version = SCORER_VERSION

    def __init__(
        self,
        *,
        hit_threshold: float = 0.65,
        partial_threshold: float = 0.35,
        pass_threshold: float = 60.0,
        dimension_weights: Mapping[str, float] | None = None,
        delivery_weight: float = 0.0,
        evidence_sources: Sequence[EvidenceSource] = (),
    ) -> None:
        self.hit_threshold = hit_threshold
        self.partial_threshold = partial_threshold
        self.pass_threshold = pass_threshold
        self.dimension_weights = dimension_weights
        self.delivery_weight = delivery_weight
        self.evidence_sources = evidence_sources

    @property
    def identifier(self) -> str:
        return f"{self.name}.{self.version}"

    def get_params(self) -> dict[str, Any]:
        return {
            "hit_threshold": self.hit_threshold,
            "partial_threshold": self.partial_threshold,
            "pass_threshold": self.pass_threshold,
            "dimension_weights": self.dimension_weights,
            "delivery_weight": self.delivery_weight,
            "evidence_sources": self.evidence_sources,
        }

    def fit(self, answers: Sequence[AnswerInput] | None = None, scores: Sequence[float] | None = None) -> RubricScorer:
        """Validate the configuration and prepare the evidence sources. Nothing is learned from data in v1."""
        if not 0.0 <= self.partial_threshold <= self.hit_threshold <= 1.0:
            raise ValueError("need 0 <= partial_threshold <= hit_threshold <= 1")
        if self.delivery_weight < 0:
            raise ValueError("delivery_weight must not be negative")
        sources: list[EvidenceSource] = [LexicalEvidence()]
        for source in self.evidence_sources:
            fit = getattr(source, "fit", None)
            sources.append(fit() if callable(fit) else source)
        self.evidence_sources_: tuple[EvidenceSource, ...] = tuple(sources)
        return self

    def score(self, answer: AnswerInput, rubrics: Sequence[RubricSpec]) -> AnswerScore:
        """Score ``answer`` on every rubric; pure: the scorer is not changed."""
        if not hasattr(self, "evidence_sources_"):
            raise ScorerNotFittedError("call fit() before score()")
        analysed = AnalysedAnswer.build(answer.text, answer.question)
        content = content_characters(analysed.normalised.text)
        structure = analyse_structure(answer.text)
        delivery = measure_delivery(answer.delivery) if answer.delivery is not None else None

        clause_texts = [content_characters(clause.text) for clause in analysed.clauses]
        clause_texts = [text for text in clause_texts if text]
        unique_ratio = len(set(clause_texts)) / len(clause_texts) if clause_texts else 1.0
        answer_bigrams = character_ngrams(content, 2)
        question_bigrams = {gram for gram in analysed.question_ngrams if len(gram) == 2}
        question_echo = len(answer_bigrams & question_bigrams) / len(answer_bigrams) if answer_bigrams else 0.0

        matches_per_rubric = [self._match(analysed, rubric) for rubric in rubrics]
        keyword_share = self._keyword_share(analysed, [match for matches in matches_per_rubric for match in matches])

        reasons: list[Reason] = []
        if answer.delivery is not None and answer.delivery.skipped:
            reasons.append(Reason.SKIPPED)
        if not content:
            reasons.append(Reason.EMPTY)
        else:
            if question_echo >= 0.8:
                reasons.append(Reason.QUESTION_ECHO)
            if len(clause_texts) >= 4 and unique_ratio <= 0.5:
                reasons.append(Reason.REPETITION)
            bare_lists_accepted = all(rubric.accepts_bare_lists for rubric in rubrics)
            if keyword_share >= 0.6 and not bare_lists_accepted:
                reasons.append(Reason.KEYWORD_LIST)
            if all(match.status == Status.MISS for matches in matches_per_rubric for match in matches):
                reasons.append(Reason.OFF_TOPIC)
        factor = 0.0 if {Reason.EMPTY, Reason.SKIPPED} & set(reasons) else 1.0
        for reason in reasons:
            factor *= PENALTIES.get(reason, 1.0)

        structure_raw = (
            50.0 * len(structure.star_elements) / 4
            + (15.0 if structure.connectors else 0.0)
            + (20.0 if structure.has_quantified_result else 0.0)
            + (15.0 if structure.speaks_about_others else 0.0)
        )
        dimensions = tuple(
            self._dimension(rubric, matches, structure_raw, factor)
            for rubric, matches in zip(rubrics, matches_per_rubric, strict=True)
        )
        weights = self.dimension_weights or {}
        weighted = [(weights.get(item.dimension, 1.0), item.score) for item in dimensions]
        measured_delivery = delivery_score(delivery) if delivery is not None else None
        if measured_delivery is not None and self.delivery_weight > 0:
            weighted.append((self.delivery_weight, measured_delivery * (1.0 if factor > 0 else 0.0)))
        overall = weighted_mean(weighted)
        features = Features(
            content_characters=len(content),
            clauses=len(clause_texts),
            unique_clause_ratio=round(unique_ratio, 4),
            question_echo=round(question_echo, 4),
            keyword_share=round(keyword_share, 4),
            star_elements=structure.star_elements,
            connectors=len(structure.connectors),
            quantities=len(structure.quantities),
            speaks_about_others=structure.speaks_about_others,
            evidence_sources=tuple(source.name for source in self.evidence_sources_),
            delivery=delivery,
        )
        return AnswerScore(
            scorer=self.identifier,
            overall=overall,
            passed=overall >= self.pass_threshold,
            pass_threshold=self.pass_threshold,
            dimensions=dimensions,
            delivery_score=measured_delivery,
            reasons=tuple(reasons),
            features=features,
        )

    def _match(self, analysed: AnalysedAnswer, rubric: RubricSpec) -> list[KeyPointMatch]:
        """Evidence from the sources in order; a later source is asked only about key points not yet hit.

        The lexical source comes first. A key point it already hits keeps full credit whatever else is found, so the
        costlier sources (sentence embeddings) look only at the key points still open, and at nothing when every
        key point is hit.
        """
        found: dict[str, list[Any]] = {key_point.identifier: [] for key_point in rubric.key_points}
        open_points = list(rubric.key_points)
        for source in self.evidence_sources_:
            if not open_points:
                break
            for identifier, evidence in source.find(analysed, open_points).items():
                found[identifier].extend(evidence)
            open_points = [
                key_point for key_point in open_points if self._decide(key_point, found).status != Status.HIT
            ]
        return [self._decide(key_point, found) for key_point in rubric.key_points]

    def _decide(self, key_point: KeyPointSpec, found: Mapping[str, list[Any]]) -> KeyPointMatch:
        return decide(
            key_point,
            found[key_point.identifier],
            hit_threshold=self.hit_threshold,
            partial_threshold=self.partial_threshold,
        )

    @staticmethod
    def _keyword_share(analysed: AnalysedAnswer, matches: Sequence[KeyPointMatch]) -> float:
        """Share of the answer's content characters that are rubric keywords or synonyms: high for a bare list."""
        covered: set[int] = set()
        for match in matches:
            for item in match.evidence:
                if item.rule in (Rule.KEYWORD, Rule.SYNONYM):
                    covered.update(range(item.start, item.end))
        original = analysed.normalised.original
        content_positions = [index for index, character in enumerate(original) if character.isalnum()]
        if not content_positions:
            return 0.0
        return sum(1 for index in content_positions if index in covered) / len(content_positions)

    def _dimension(
        self, rubric: RubricSpec, matches: Sequence[KeyPointMatch], structure_raw: float, factor: float
    ) -> DimensionScore:
        total_weight = sum(key_point.weight for key_point in rubric.key_points) or 1.0
        coverage_share = 1.0 - rubric.structure_weight
        results = []
        coverage = 0.0
        for match in matches:
            credit = {Status.HIT: 1.0, Status.PARTIAL: match.confidence, Status.MISS: 0.0}[match.status]
            share = match.key_point.weight / total_weight
            coverage += share * credit
            results.append(
                KeyPointResult(
                    identifier=match.key_point.identifier,
                    text=match.key_point.text,
                    weight=match.key_point.weight,
                    status=match.status,
                    confidence=match.confidence,
                    credit=round(credit, 4),
                    points_lost=round(100.0 * coverage_share * share * (1.0 - credit * factor), 2),
                    improvement_tip_id=match.key_point.improvement_tip_id,
                    evidence=_evidence_dict(match),
                )
            )
        coverage_score = 100.0 * coverage * factor
        structure_score: float | None = None
        score = coverage_score
        if rubric.structure_weight > 0:
            # Structure without substance earns nothing: it counts in proportion to coverage up to half.
            structure_score = round(structure_raw * min(1.0, coverage_score / 50.0), 2)
            score = coverage_share * coverage_score + rubric.structure_weight * structure_score
        return DimensionScore(
            dimension=rubric.dimension,
            rubric_identifier=rubric.identifier,
            rubric_version=rubric.version,
            score=round(score, 2),
            coverage_score=round(coverage_score, 2),
            structure_score=structure_score,
            key_points=tuple(results),
        )


# Every scorer class of the engine: the estimator contract test (tests/test_contract.py) runs on each one.
SCORER_CLASSES: tuple[type[RubricScorer], ...] = (RubricScorer,)
