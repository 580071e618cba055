"""A first rubric from a model answer: split it into key points and pick each one's keywords, for HR to edit.

Splitting, in order of trust: enumeration markers (①②, 1. 2., （1）, 一、), then a list after a colon or after
分为/包括/有 ("分为综合配送、专业配送"), then sentences, then clauses when a sentence is long. What the question
already says (the restated stem, "配送的种类…分为") is dropped: it proves nothing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from talentloop.scoring.keypoints import KeyPointSpec
from talentloop.scoring.text import (
    content_characters,
    content_tokens,
    normalise,
    split_clauses,
    split_sentences,
)

ENUMERATION = re.compile(
    r"(?:[①-⑳]|[（(]\s*\d{1,2}\s*[)）]|(?<![0-9.])\d{1,2}[.、．](?!\d)|[一二三四五六七八九十]{1,2}[、.．])"
)
LIST_INTRODUCER = re.compile(r"(?:[:：—]+|分为|分成|包括|包含|主要有|有以下|是指|指)")
LIST_SEPARATOR = re.compile(r"[、,，;；]|以及|及|和|与|或")
# A model answer shorter than this is a list of terms: bare lists of the right terms are full answers.
SHORT_REFERENCE_CHARACTERS = 80
MAXIMUM_KEY_POINTS = 8


@dataclass(frozen=True)
class ReferenceRubric:
    key_points: tuple[KeyPointSpec, ...]
    accepts_bare_lists: bool


def _strip_question(text: str, question: str) -> str:
    """Drop a leading restatement of the question: the longest prefix of ``text`` whose content is in the question."""
    question_content = content_characters(normalise(question).text)
    cut = 0
    for end in range(1, len(text) + 1):
        prefix = content_characters(text[:end])
        if len(prefix) >= 4 and prefix in question_content:
            cut = end
    rest = text[cut:]
    introducer = LIST_INTRODUCER.match(rest.lstrip())
    if cut and introducer:
        rest = rest.lstrip()[introducer.end() :]
    return rest.strip(" ：:，,。；;—")


def _enumerated(text: str) -> list[str]:
    markers = list(ENUMERATION.finditer(text))
    if len(markers) < 2:
        return []
    items = [text[marker.end() : following.start()] for marker, following in itertools.pairwise(markers)]
    items.append(text[markers[-1].end() :])
    return [item.strip(" ，,。；;、") for item in items if content_characters(item)]


def _listed(text: str) -> list[str]:
    """Items of "X：A、B和C" or "分为A、B": only when every item is short enough to be a term."""
    introducer = None
    for match in LIST_INTRODUCER.finditer(text):
        introducer = match
    if introducer is None and "、" not in text and len(content_characters(text)) > 16:
        return []  # "我约了生产经理和财务，弄清顾虑" is a sentence; "客运合同和货运合同" is a list
    body = text[introducer.end() :] if introducer else text
    items = [item.strip(" 。，,；;：:") for item in LIST_SEPARATOR.split(body)]
    items = [item for item in items if content_characters(item)]
    if len(items) >= 2 and all(len(content_characters(item)) <= 12 for item in items):
        return items
    return []


def _pieces(text: str) -> list[str]:
    enumerated = _enumerated(text)
    if enumerated:
        return enumerated
    pieces: list[str] = []
    for sentence in [span.text for span in split_sentences(text)]:
        listed = _listed(sentence)
        clauses = [span.text for span in split_clauses(sentence)]
        if listed:
            pieces += listed
        elif len(clauses) >= 2 and len(content_characters(sentence)) > 30:
            pieces += clauses
        elif content_characters(sentence):
            pieces.append(sentence)
    return pieces


def keywords_for(text: str, question: str, *, limit: int = 4) -> tuple[str, ...]:
    """The key point's own content words not already in the question, longest first (ties in text order)."""
    question_text = normalise(question).text
    seen: list[str] = []
    for token in content_tokens(normalise(text).text):
        word = token.text
        if len(content_characters(word)) < 2 or word in question_text or word in seen:
            continue
        seen.append(word)
    ranked = sorted(seen, key=lambda word: (-len(word), seen.index(word)))
    return tuple(ranked[:limit])


def rubric_from_reference(question: str, reference_answer: str, *, identifier_prefix: str = "kp") -> ReferenceRubric:
    """Key points (with keywords) from a model answer; deterministic, no learning involved."""
    body = _strip_question(reference_answer.strip(), question)
    pieces = _pieces(body) or _pieces(reference_answer.strip())
    pieces = pieces[:MAXIMUM_KEY_POINTS]
    key_points = tuple(
        KeyPointSpec(
            identifier=f"{identifier_prefix}{index}",
            text=piece,
            weight=1.0,
            keywords=keywords_for(piece, question),
        )
        for index, piece in enumerate(pieces, start=1)
    )
    return ReferenceRubric(
        key_points=key_points,
        accepts_bare_lists=len(content_characters(reference_answer)) < SHORT_REFERENCE_CHARACTERS,
    )
