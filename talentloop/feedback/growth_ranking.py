"""The growth-path ranking: pure Python, no models, so it can be tested on hand-made gaps.

**Gaps.** For each dimension of the target role, ``required score = level_required_score(required level)`` (the one
mapping in ``talentloop.competencies.levels``) and ``gap = required score − the candidate's score``. Only positive
gaps count. A dimension the role weights 0 does not count towards the decision, so it gets no gap (and no actions).

**Priority.** ``priority = gap × weight share``, where the weight share is the dimension's weight divided by the sum
of the role's weights (so priorities of different roles are comparable; the order is that of ``gap × weight``).
Priorities are rounded to 4 decimals before comparing, so float noise never breaks a tie. Gaps are ordered by
priority (highest first), then by gap (largest first), then by weight (highest first), then by dimension code
(alphabetical), which makes the order total and deterministic.

**Actions per gap**, in this order: the rubric's tips for the key points the candidate missed or only partly hit
(missed before partial, then most points lost, then question order and key point order; the same tip text once;
at most ``Limits.tips``), then courses, practice projects and mentors from the library. A library item fits a gap
when it develops that dimension from a level at or below the candidate's current level to a level above it
(``level_from ≤ current level < level_to``). Fitting items are ordered: those reaching the required level first,
then those starting closest to the current level, then the shortest, then by title and id. Each item is recommended
once per path (for the highest-priority gap it fits); a mentor with no free capacity is skipped. The rank of an
action is its position in the whole path, 1 first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from talentloop.competencies.levels import level_required_score, score_level

KIND_TIP = "tip"
KIND_COURSE = "course"
KIND_PROJECT = "project"
KIND_MENTOR = "mentor"
LIBRARY_KINDS = (KIND_COURSE, KIND_PROJECT, KIND_MENTOR)
STATUS_MISS = "miss"
STATUS_PARTIAL = "partial"


@dataclass(frozen=True)
class DimensionResult:
    """The candidate's score on one dimension of the role, with what the role asks for it."""

    code: str
    name: str
    score: float
    weight: float
    required_level: int
    name_en: str = ""


@dataclass(frozen=True)
class Gap:
    code: str
    name: str
    name_en: str
    score: float
    required_score: float
    gap: float
    weight: float
    weight_share: float
    priority: float
    current_level: int
    required_level: int

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Tip:
    """A rubric key point the candidate missed or partly hit, with its improvement tip."""

    dimension_code: str
    status: str
    points_lost: float
    key_point: str
    tip: str
    key_point_en: str = ""
    tip_en: str = ""
    question_order: int = 0
    key_point_order: int = 0


@dataclass(frozen=True)
class LibraryOption:
    """One library item's target: it develops ``dimension_code`` from ``level_from`` to ``level_to``."""

    kind: str
    item_id: int
    dimension_code: str
    level_from: int
    level_to: int
    title: str
    title_en: str = ""
    hours: float | None = None
    available: bool = True


@dataclass(frozen=True)
class Limits:
    tips: int = 3
    courses: int = 3
    projects: int = 2
    mentors: int = 1

    def of(self, kind: str) -> int:
        return {KIND_TIP: self.tips, KIND_COURSE: self.courses, KIND_PROJECT: self.projects}.get(kind, self.mentors)


@dataclass(frozen=True)
class Recommendation:
    rank: int
    kind: str
    gap: Gap
    explanation: str
    explanation_en: str
    item_id: int | None = None
    tip: Tip | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies the action across rebuilds (to carry progress over)."""
        identity = str(self.item_id) if self.item_id is not None else (self.tip.key_point if self.tip else "")
        return (self.kind, self.gap.code, identity)


def number_text(value: float) -> str:
    """3.0 → "3", 62.5 → "62.5", 62.456 → "62.5"."""
    rounded = round(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def gaps_rank(dimensions: Iterable[DimensionResult]) -> list[Gap]:
    """The role's dimensions where the candidate is below the required score, most important first."""
    dimensions = list(dimensions)
    total_weight = sum(max(d.weight, 0.0) for d in dimensions)
    gaps = []
    for dimension in dimensions:
        if dimension.weight <= 0 or total_weight <= 0:
            continue
        required = level_required_score(dimension.required_level)
        size = round(required - dimension.score, 2)
        if size <= 0:
            continue
        share = dimension.weight / total_weight
        gaps.append(
            Gap(
                code=dimension.code,
                name=dimension.name,
                name_en=dimension.name_en or dimension.name,
                score=dimension.score,
                required_score=required,
                gap=size,
                weight=dimension.weight,
                weight_share=round(share, 4),
                priority=round(size * share, 4),
                current_level=score_level(max(0.0, min(100.0, dimension.score))),
                required_level=dimension.required_level,
            )
        )
    return sorted(gaps, key=lambda g: (-g.priority, -g.gap, -g.weight, g.code))


def _tips_for(gap: Gap, tips: Sequence[Tip], limit: int) -> list[Tip]:
    fitting = [t for t in tips if t.dimension_code == gap.code and t.status in (STATUS_MISS, STATUS_PARTIAL)]
    fitting.sort(key=lambda t: (t.status != STATUS_MISS, -t.points_lost, t.question_order, t.key_point_order))
    chosen: list[Tip] = []
    seen: set[str] = set()
    for tip in fitting:
        text = tip.tip or tip.key_point
        if text in seen:
            continue
        seen.add(text)
        chosen.append(tip)
    return chosen[:limit]


def _options_for(gap: Gap, kind: str, options: Sequence[LibraryOption]) -> list[LibraryOption]:
    fitting = [
        o
        for o in options
        if o.kind == kind
        and o.dimension_code == gap.code
        and o.available
        and o.level_from <= gap.current_level < o.level_to
    ]
    return sorted(
        fitting,
        key=lambda o: (
            o.level_to < gap.required_level,
            gap.current_level - o.level_from,
            o.hours if o.hours is not None else float("inf"),
            o.title,
            o.item_id,
        ),
    )


def _because(gap: Gap) -> tuple[str, str]:
    score, required = number_text(gap.score), number_text(gap.required_score)
    return (
        f"因为你在「{gap.name}」上得了 {score} 分，而岗位要求 {required} 分",
        f"Because you scored {score} on {gap.name_en} where the role needs {required}",
    )


def _tip_explanation(gap: Gap, tip: Tip) -> tuple[str, str]:
    zh_verb = "遗漏了" if tip.status == STATUS_MISS else "只部分覆盖了"
    en_verb = "missed" if tip.status == STATUS_MISS else "only partly covered"
    zh_because, en_because = _because(gap)
    zh_tip = tip.tip or f"练习在回答中讲清「{tip.key_point}」。"
    en_tip = tip.tip_en or tip.tip or f"Practise covering “{tip.key_point_en or tip.key_point}” in your answers."
    return (
        f"{zh_because}，并且{zh_verb}要点「{tip.key_point}」：{zh_tip}",
        f"{en_because}, and you {en_verb} the key point “{tip.key_point_en or tip.key_point}”: {en_tip}",
    )


def _option_explanation(gap: Gap, option: LibraryOption) -> tuple[str, str]:
    zh_because, en_because = _because(gap)
    title_en = option.title_en or option.title
    hours = number_text(option.hours) if option.hours is not None else ""
    if option.kind == KIND_COURSE:
        return f"{zh_because}：《{option.title}》，{hours} 小时", f"{en_because}: “{title_en}”, {hours} h"
    if option.kind == KIND_PROJECT:
        return (
            f"{zh_because}：实践项目《{option.title}》，约 {hours} 小时",
            f"{en_because}: practice project “{title_en}”, about {hours} h",
        )
    levels_zh = f"从 {gap.current_level} 级提升到 {gap.required_level} 级"
    levels_en = f"from level {gap.current_level} to level {gap.required_level}"
    return (
        f"{zh_because}：导师 {option.title} 可以辅导你{levels_zh}",
        f"{en_because}: mentor {title_en} can coach you {levels_en}",
    )


def growth_plan(
    dimensions: Iterable[DimensionResult],
    tips: Sequence[Tip],
    options: Sequence[LibraryOption],
    limits: Limits | None = None,
) -> tuple[list[Gap], list[Recommendation]]:
    """The ranked gaps and the ranked actions for them (see the module docstring for every rule)."""
    limits = limits or Limits()
    gaps = gaps_rank(dimensions)
    actions: list[Recommendation] = []
    used: set[tuple[str, int]] = set()

    def add(kind: str, gap: Gap, texts: tuple[str, str], item_id: int | None = None, tip: Tip | None = None) -> None:
        actions.append(
            Recommendation(
                rank=len(actions) + 1,
                kind=kind,
                gap=gap,
                explanation=texts[0],
                explanation_en=texts[1],
                item_id=item_id,
                tip=tip,
            )
        )

    for gap in gaps:
        for tip in _tips_for(gap, tips, limits.tips):
            add(KIND_TIP, gap, _tip_explanation(gap, tip), tip=tip)
        for kind in LIBRARY_KINDS:
            chosen = 0
            for option in _options_for(gap, kind, options):
                if chosen >= limits.of(kind):
                    break
                if (kind, option.item_id) in used:
                    continue
                used.add((kind, option.item_id))
                add(kind, gap, _option_explanation(gap, option), item_id=option.item_id)
                chosen += 1
    return gaps, actions
