"""Delivery measures: how long, how fast, how many pauses, fillers, retries and skips.

Measures only, never emotions or personality (see DEVELOPERS.md): nothing here looks at a face or a voice's tone.
They are reported; they count towards a score only where a job profile gives delivery a weight above 0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from talentloop.scoring.text import filler_words, is_cjk, normalise, tokenize

LONG_PAUSE_SECONDS = 3.0


@dataclass(frozen=True)
class TimedWord:
    """A transcript word as the speech engines store it (``{"text", "start", "end"}`` in seconds)."""

    text: str
    start: float
    end: float


@dataclass(frozen=True)
class DeliveryInput:
    text: str
    duration_seconds: float | None = None
    expected_seconds: float | None = None
    cohort_average_seconds: float | None = None
    words: Sequence[TimedWord] = field(default_factory=tuple)
    retries: int = 0
    skipped: bool = False


@dataclass(frozen=True)
class Pause:
    after_word: str
    start: float
    end: float
    seconds: float


@dataclass(frozen=True)
class DeliveryMeasures:
    duration_seconds: float | None
    # duration / expected duration; 0.7 means 30% shorter than expected
    duration_to_expected: float | None
    # percentage difference from the cohort average for the same question: -30.0 means "30% shorter than average"
    percent_versus_cohort: float | None
    characters: int  # Chinese characters plus Latin words: the length unit of a mixed answer
    units_per_minute: float | None
    long_pauses: tuple[Pause, ...]
    filler_count: int
    filler_rate: float  # fillers per 100 words
    retries: int
    skipped: bool


def _length_units(text: str) -> int:
    """Chinese characters count one each, Latin words one each: comparable across zh, en and mixed answers."""
    ideographs = sum(1 for character in text if is_cjk(character))
    latin_words = len([word for word in "".join(" " if is_cjk(c) else c for c in text).split() if word.isalnum()])
    return ideographs + latin_words


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def measure_delivery(delivery: DeliveryInput, *, long_pause_seconds: float = LONG_PAUSE_SECONDS) -> DeliveryMeasures:
    """Delivery measures of one answer; missing inputs give ``None`` rather than a guess."""
    text = normalise(delivery.text).text
    units = _length_units(text)
    duration = delivery.duration_seconds
    if duration is None and delivery.words:
        duration = delivery.words[-1].end - delivery.words[0].start
    to_expected = duration / delivery.expected_seconds if duration is not None and delivery.expected_seconds else None
    versus_cohort = (
        100.0 * (duration - delivery.cohort_average_seconds) / delivery.cohort_average_seconds
        if duration is not None and delivery.cohort_average_seconds
        else None
    )
    per_minute = 60.0 * units / duration if duration else None
    pauses = tuple(
        Pause(after_word=before.text, start=before.end, end=after.start, seconds=round(after.start - before.end, 2))
        for before, after in zip(delivery.words, delivery.words[1:], strict=False)
        if after.start - before.end >= long_pause_seconds
    )
    fillers = filler_words()
    tokens = [token.text for token in tokenize(text)]
    single = sum(1 for token in tokens if token in fillers)
    # Multi-word English fillers ("you know") are two tokens: count them on the text.
    phrases = sum(
        len(re.findall(rf"(?<![a-z]){re.escape(filler)}(?![a-z])", text)) for filler in fillers if " " in filler
    )
    filler_count = single + phrases
    return DeliveryMeasures(
        duration_seconds=_round(duration),
        duration_to_expected=_round(to_expected, 3),
        percent_versus_cohort=_round(versus_cohort, 1),
        characters=units,
        units_per_minute=_round(per_minute, 1),
        long_pauses=pauses,
        filler_count=filler_count,
        filler_rate=round(100.0 * filler_count / len(tokens), 2) if tokens else 0.0,
        retries=delivery.retries,
        skipped=delivery.skipped,
    )


def delivery_score(measures: DeliveryMeasures) -> float:
    """0–100 for a delivery dimension a job profile chose to weight: on time, steady, few fillers, no skip."""
    if measures.skipped:
        return 0.0
    score = 100.0
    if measures.duration_to_expected is not None:
        ratio = measures.duration_to_expected
        score -= 40.0 * min(1.0, abs(1.0 - ratio)) if ratio < 0.5 or ratio > 1.5 else 20.0 * abs(1.0 - ratio)
    score -= min(30.0, 2.0 * measures.filler_rate)
    score -= min(20.0, 5.0 * len(measures.long_pauses))
    score -= min(10.0, 5.0 * measures.retries)
    return round(max(0.0, score), 2)
