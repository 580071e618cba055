"""Evidence highlighting: cut an answer's text into segments, each knowing which key points' evidence covers it.

Plain Python (no HTML): the template escapes every segment's text and wraps the covered ones in ``<mark>``, so an
answer containing markup is shown as text. Overlapping spans are handled by cutting at every span boundary; a
segment covered by two key points names both.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceSpan:
    """Where one key point's evidence sits in the answer: ``text[start:end]``, ``end`` exclusive."""

    start: int
    end: int
    key_point: int  # the key point's number in the legend (1-based)
    label: str  # the key point's text, shown as the mark's title
    status: str  # "hit" or "partial"


@dataclass(frozen=True)
class Segment:
    text: str
    key_points: tuple[int, ...] = ()
    labels: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    @property
    def is_marked(self) -> bool:
        return bool(self.key_points)

    @property
    def title(self) -> str:
        return "; ".join(f"{number}. {label}" for number, label in zip(self.key_points, self.labels, strict=True))

    @property
    def status(self) -> str:
        """``hit`` if any covering key point was hit, else ``partial`` (for the mark's style)."""
        return "hit" if "hit" in self.statuses else "partial"


def evidence_segments(text: str, spans: Iterable[EvidenceSpan]) -> list[Segment]:
    """The answer cut at every evidence boundary, in order; joined, the segments' texts equal ``text``.

    Spans outside the text are clipped, empty ones ignored; the same key point's repeated or overlapping spans
    name it once per segment, and touching segments covered by the same key points are joined."""
    usable = [
        EvidenceSpan(max(0, span.start), min(len(text), span.end), span.key_point, span.label, span.status)
        for span in spans
    ]
    usable = [span for span in usable if span.start < span.end]
    boundaries = sorted({0, len(text)} | {span.start for span in usable} | {span.end for span in usable})
    segments: list[Segment] = []
    for start, end in itertools.pairwise(boundaries):
        covering: dict[int, EvidenceSpan] = {}
        for span in sorted(usable, key=lambda item: item.key_point):
            if span.start <= start and end <= span.end and span.key_point not in covering:
                covering[span.key_point] = span
        segment = Segment(
            text=text[start:end],
            key_points=tuple(covering),
            labels=tuple(span.label for span in covering.values()),
            statuses=tuple(span.status for span in covering.values()),
        )
        if segments and segments[-1].key_points == segment.key_points and segments[-1].statuses == segment.statuses:
            # Touching spans of the same key points read as one mark.
            segments[-1] = dataclasses.replace(segments[-1], text=segments[-1].text + segment.text)
        else:
            segments.append(segment)
    return segments
