"""Plain facts derived from an answer: counts and durations. No judgement, no emotion, nothing inferred."""

from __future__ import annotations

import re
from datetime import datetime

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")


def character_count(text: str) -> int:
    """Characters that are not white space."""
    return sum(1 for character in text if not character.isspace())


def word_count(text: str) -> int:
    """Words in mixed Chinese/English text: each Chinese character counts as one, each Latin word as one
    (the convention of Chinese word-count tools; the scorer's own segmentation is richer)."""
    return len(_CJK.findall(text)) + len(_LATIN_WORD.findall(text))


def seconds_between(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return round(max((end - start).total_seconds(), 0.0), 3)
