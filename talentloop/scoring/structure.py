"""How an answer is built: STAR elements, logical connectors, quantified results, and whose story it tells.

Each finding carries evidence spans into the original answer, so feedback can say "no quantified result" and show
where a result was found when there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from talentloop.scoring.text import normalise


class StarElement(StrEnum):
    SITUATION = "situation"
    TASK = "task"
    ACTION = "action"
    RESULT = "result"


STAR_CUES: dict[StarElement, tuple[str, ...]] = {
    StarElement.SITUATION: (
        "当时",
        "那时",
        "去年",
        "前年",
        "有一次",
        "之前在",
        "背景",
        "情况是",
        "at the time",
        "last year",
        "once",
        "back then",
        "situation",
    ),
    StarElement.TASK: (
        "任务",
        "目标",
        "负责",
        "需要我",
        "要求",
        "我的职责",
        "my task",
        "my goal",
        "responsible for",
        "i needed to",
        "the goal",
    ),
    StarElement.ACTION: (
        "我做了",
        "我先",
        "我就",
        "我决定",
        "我提出",
        "我组织",
        "我设计",
        "于是",
        "采取",
        "走访",
        "调整",
        "沟通",
        "协调",
        "推动",
        "i decided",
        "i organised",
        "i organized",
        "i proposed",
        "i built",
        "i started",
        "i set up",
    ),
    StarElement.RESULT: (
        "结果",
        "最终",
        "最后",
        "成功",
        "提升",
        "提高",
        "降低",
        "减少",
        "签下",
        "达成",
        "as a result",
        "in the end",
        "finally",
        "increased",
        "reduced",
        "improved",
        "signed",
    ),
}

CONNECTORS: tuple[str, ...] = (
    "首先",
    "其次",
    "再次",
    "然后",
    "接着",
    "最后",
    "第一",
    "第二",
    "第三",
    "因此",
    "所以",
    "总之",
    "first",
    "second",
    "then",
    "next",
    "finally",
    "therefore",
    "in the end",
    "as a result",
)

SELF_WORDS: tuple[str, ...] = ("我", "i", "me", "my")
OTHERS_WORDS: tuple[str, ...] = (
    "客户",
    "顾客",
    "用户",
    "团队",
    "同事",
    "我们",
    "大家",
    "对方",
    "customer",
    "client",
    "team",
    "colleague",
    "we",
    "us",
    "our",
    "users",
)

_CHINESE_NUMBER = "[零一二两三四五六七八九十百千万亿半几]+"
QUANTITY = re.compile(
    r"(?:"
    r"\d+(?:\.\d+)?\s*(?:%|％|percent|个百分点|万元|亿元|元|块|万|亿|倍|小时|分钟|天|周|个月|月|年|人|家|台|次|单|"
    r"k\b|m\b|hours?|days?|weeks?|months?|years?|people|customers|times)"
    r"|百分之" + _CHINESE_NUMBER + r"|" + _CHINESE_NUMBER + r"(?:成|倍|个月|小时|分钟|天|周|年|万元|万|个百分点)"
    r"|[$¥€£]\s*\d+(?:[.,]\d+)*(?:\s*[km])?"
    r"|\d{2,}(?:\.\d+)?"
    r")"
)


@dataclass(frozen=True)
class Finding:
    """One structural cue found in the answer, with its place in the ORIGINAL text."""

    kind: str  # a STAR element, "connector", "quantity", "self" or "others"
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class StructureFeatures:
    star: tuple[Finding, ...]
    connectors: tuple[Finding, ...]
    quantities: tuple[Finding, ...]
    self_mentions: int
    others_mentions: int

    @property
    def star_elements(self) -> tuple[str, ...]:
        return tuple(element.value for element in StarElement if any(item.kind == element for item in self.star))

    @property
    def has_quantified_result(self) -> bool:
        return bool(self.quantities)

    @property
    def speaks_about_others(self) -> bool:
        """The answer mentions the customer, the team or "we", not only "I"."""
        return self.others_mentions > 0


def _find(text: str, cue: str) -> list[tuple[int, int]]:
    escaped = re.escape(cue)
    if cue.isascii():
        escaped = rf"(?<![a-z]){escaped}(?![a-z])"
    return [(match.start(), match.end()) for match in re.finditer(escaped, text)]


def analyse_structure(answer: str) -> StructureFeatures:
    """STAR cues, connectors, quantities and perspective of ``answer``, each with evidence."""
    normalised = normalise(answer)
    text = normalised.text

    def finding(kind: str, start: int, end: int) -> Finding:
        span = normalised.original_span(start, end)
        return Finding(kind=kind, start=span.start, end=span.end, quote=span.text)

    star = [
        finding(element.value, start, end)
        for element, cues in STAR_CUES.items()
        for cue in cues
        for start, end in _find(text, cue)
    ]
    connectors = [finding("connector", start, end) for cue in CONNECTORS for start, end in _find(text, cue)]
    quantities = [finding("quantity", match.start(), match.end()) for match in QUANTITY.finditer(text)]
    self_spans = {position for cue in SELF_WORDS for position in _find(text, cue)}
    others_spans = {position for cue in OTHERS_WORDS for position in _find(text, cue)}
    # "我们" contains "我": a "we" is not an "I".
    self_spans = {
        (start, end)
        for start, end in self_spans
        if not any(start >= other_start and end <= other_end for other_start, other_end in others_spans)
    }

    def ordered(findings: list[Finding]) -> tuple[Finding, ...]:
        return tuple(sorted(set(findings), key=lambda item: (item.start, item.end, item.kind)))

    return StructureFeatures(
        star=ordered(star),
        connectors=ordered(connectors),
        quantities=ordered(quantities),
        self_mentions=len(self_spans),
        others_mentions=len(others_spans),
    )
