"""Key-point matching: does the answer cover each rubric key point (hit / partial / miss), and where is the proof.

Evidence comes from pluggable sources (`EvidenceSource`). `LexicalEvidence` is always on: keywords and synonyms
found verbatim after normalisation, character 2/3-gram overlap with the key point (robust to ASR homophones and
typos, which keep most neighbouring characters), and the same overlap with the key point's example phrases.
`talentloop.scoring.semantic.SemanticEvidence` adds sentence-embedding similarity when its extra is installed.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from talentloop.scoring.text import NormalisedText, Span, content_characters, normalise, split_clauses


class Status(StrEnum):
    HIT = "hit"
    PARTIAL = "partial"
    MISS = "miss"


class Rule(StrEnum):
    """Which rule produced a piece of evidence."""

    KEYWORD = "keyword"
    SYNONYM = "synonym"
    CHARACTER_NGRAM = "character_ngram"
    EXAMPLE_PHRASE = "example_phrase"
    SEMANTIC = "semantic"


@dataclass(frozen=True)
class KeyPointSpec:
    """A rubric key point as the scorer sees it (a plain copy of ``questionbank.KeyPoint``)."""

    identifier: str
    text: str
    weight: float = 1.0
    keywords: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    example_phrases: tuple[str, ...] = ()
    text_en: str = ""
    improvement_tip_id: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Proof that the answer touches a key point: ``quote == answer[start:end]`` in the ORIGINAL answer."""

    start: int
    end: int
    quote: str
    rule: Rule
    strength: float
    matched: str  # the keyword, synonym, key-point text or example phrase that matched


@dataclass(frozen=True)
class AnalysedAnswer:
    """An answer prepared once for all matchers: normalised text, its clauses, and the question's n-grams."""

    normalised: NormalisedText
    clauses: tuple[Span, ...]  # offsets into ``normalised.text``
    question_ngrams: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def build(cls, answer: str, question: str = "") -> AnalysedAnswer:
        normalised = normalise(answer)
        question_text = content_characters(normalise(question).text)
        return cls(
            normalised=normalised,
            clauses=tuple(split_clauses(normalised.text)),
            question_ngrams=frozenset(character_ngrams(question_text, 2) | character_ngrams(question_text, 3)),
        )


@dataclass(frozen=True)
class KeyPointMatch:
    key_point: KeyPointSpec
    status: Status
    confidence: float
    evidence: tuple[Evidence, ...]


class EvidenceSource(Protocol):
    """Something that finds evidence for key points in an answer. Scoring must not change its state."""

    name: str

    def find(self, answer: AnalysedAnswer, key_points: Sequence[KeyPointSpec]) -> Mapping[str, list[Evidence]]:
        """Evidence per key-point identifier (missing identifiers mean none found)."""
        ...


def character_ngrams(text: str, size: int) -> set[str]:
    return {text[index : index + size] for index in range(len(text) - size + 1)}


def _term_pattern(term: str) -> re.Pattern[str]:
    escaped = re.escape(term)
    # Latin words match whole words only ("need" must not match "needle"); ideographs match anywhere.
    if term[:1].isascii() and term[:1].isalnum():
        escaped = r"(?<![a-z0-9])" + escaped
    if term[-1:].isascii() and term[-1:].isalnum():
        escaped += r"(?![a-z0-9])"
    return re.compile(escaped)


def _windows(clauses: Sequence[Span]) -> list[tuple[int, int]]:
    """Each clause alone and each pair of neighbouring clauses: a key point may span a comma."""
    windows = [(clause.start, clause.end) for clause in clauses]
    windows += [(first.start, second.end) for first, second in itertools.pairwise(clauses)]
    return windows


@dataclass(frozen=True)
class _Grams:
    bigrams: frozenset[str]
    trigrams: frozenset[str]

    @classmethod
    def of(cls, text: str, discount: frozenset[str] = frozenset()) -> _Grams:
        content = content_characters(normalise(text).text)
        bigrams = character_ngrams(content, 2)
        trigrams = character_ngrams(content, 3)
        # What the question already says is no evidence of knowing the answer; keep it only if nothing else is left.
        if bigrams - discount:
            bigrams -= discount
            trigrams = (trigrams - discount) or trigrams
        return cls(frozenset(bigrams), frozenset(trigrams))

    def recall_in(self, text: str) -> float:
        if not self.bigrams:
            return 0.0
        content = content_characters(text)
        found_bigrams = len(self.bigrams & character_ngrams(content, 2)) / len(self.bigrams)
        if not self.trigrams:
            return found_bigrams
        found_trigrams = len(self.trigrams & character_ngrams(content, 3)) / len(self.trigrams)
        return 0.6 * found_bigrams + 0.4 * found_trigrams


def _tight_span(text: str, start: int, end: int, grams: _Grams) -> tuple[int, int]:
    """Narrow a window to the stretch from the first to the last character of a matching bigram."""
    positions = [index for index in range(start, end) if text[index].isalnum()]
    covered = [
        position
        for offset, position in enumerate(positions[:-1])
        if text[position] + text[positions[offset + 1]] in grams.bigrams
    ]
    if not covered:
        return start, end
    last = positions[positions.index(covered[-1]) + 1]
    return covered[0], last + 1


class LexicalEvidence:
    """Keywords, synonyms, character n-grams and example phrases: fast, explainable, always available."""

    name = "lexical"

    def __init__(self, *, minimum_ngram_strength: float = 0.25) -> None:
        self.minimum_ngram_strength = minimum_ngram_strength

    def find(self, answer: AnalysedAnswer, key_points: Sequence[KeyPointSpec]) -> Mapping[str, list[Evidence]]:
        return {key_point.identifier: self._find_one(answer, key_point) for key_point in key_points}

    def _find_one(self, answer: AnalysedAnswer, key_point: KeyPointSpec) -> list[Evidence]:
        text = answer.normalised.text
        found: list[Evidence] = []
        for rule, terms, strength in (
            (Rule.KEYWORD, key_point.keywords, 1.0),
            (Rule.SYNONYM, key_point.synonyms, 0.9),
        ):
            for term in terms:
                normalised_term = normalise(term).text
                if not normalised_term:
                    continue
                match = _term_pattern(normalised_term).search(text)
                if match:
                    span = answer.normalised.original_span(match.start(), match.end())
                    found.append(Evidence(span.start, span.end, span.text, rule, strength, term))
        targets = [(Rule.CHARACTER_NGRAM, key_point.text, 1.0)]
        targets += [(Rule.EXAMPLE_PHRASE, phrase, 0.95) for phrase in key_point.example_phrases]
        windows = _windows(answer.clauses)
        for rule, target, ceiling in targets:
            grams = _Grams.of(target, answer.question_ngrams)
            best: tuple[float, int, int] | None = None
            for start, end in windows:
                recall = grams.recall_in(text[start:end]) * ceiling
                if best is None or recall > best[0]:
                    best = (recall, start, end)
            if best is not None and best[0] >= self.minimum_ngram_strength:
                start, end = _tight_span(text, best[1], best[2], grams)
                span = answer.normalised.original_span(start, end)
                found.append(Evidence(span.start, span.end, span.text, rule, round(best[0], 4), target))
        return found


def decide(
    key_point: KeyPointSpec,
    evidence: Iterable[Evidence],
    *,
    hit_threshold: float,
    partial_threshold: float,
    keep: int = 3,
) -> KeyPointMatch:
    """Combine evidence into a status and a confidence.

    Confidence is the strongest evidence plus a quarter of the strongest from a different rule (two independent
    rules agreeing are worth more than one), capped at 1.
    """
    ordered = sorted(evidence, key=lambda item: (-item.strength, item.start, item.end, item.rule.value, item.matched))
    confidence = 0.0
    if ordered:
        best = ordered[0]
        others = [item.strength for item in ordered if item.rule != best.rule]
        confidence = min(1.0, best.strength + 0.25 * (others[0] if others else 0.0))
    confidence = round(confidence, 4)
    if confidence >= hit_threshold:
        status = Status.HIT
    elif confidence >= partial_threshold:
        status = Status.PARTIAL
    else:
        status = Status.MISS
    kept = tuple(ordered[:keep]) if status != Status.MISS else ()
    return KeyPointMatch(key_point=key_point, status=status, confidence=confidence, evidence=kept)
