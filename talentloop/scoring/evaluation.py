"""Offline evaluation against human scores: Pearson and Spearman, overall and per question, and the held-out split.

Used by ``talentloop score-eval`` and ``python -m bench scoring``. Pure Python, no NumPy needed.
"""

from __future__ import annotations

import hashlib
import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class Half(StrEnum):
    """The two halves of a labelled set: tune on ``development`` only, report ``held_out`` as well."""

    DEVELOPMENT = "development"
    HELD_OUT = "held_out"


def half_of(question_id: str) -> Half:
    """Deterministic split by question (never by answer, so no question is seen in both halves)."""
    digest = hashlib.sha256(str(question_id).encode("utf-8")).digest()
    return Half.DEVELOPMENT if digest[0] % 2 == 0 else Half.HELD_OUT


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson's r; 0 when either side has no spread."""
    if len(xs) != len(ys):
        raise ValueError("pearson needs two sequences of the same length")
    if len(xs) < 2:
        return 0.0
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    spread = math.sqrt(sum((x - mean_x) ** 2 for x in xs) * sum((y - mean_y) ** 2 for y in ys))
    return covariance / spread if spread else 0.0


def ranks(values: Sequence[float]) -> list[float]:
    """Average ranks from 1 (ties share the mean of their positions), as Spearman needs."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    result = [0.0] * len(values)
    position = 0
    while position < len(order):
        end = position
        while end + 1 < len(order) and values[order[end + 1]] == values[order[position]]:
            end += 1
        for index in order[position : end + 1]:
            result[index] = (position + end) / 2 + 1
        position = end + 1
    return result


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's ρ: Pearson's r of the average ranks."""
    return pearson(ranks(xs), ranks(ys))


@dataclass(frozen=True)
class Agreement:
    """Engine versus human over ``answers`` answers; the per-question means cover ``questions_averaged`` questions."""

    answers: int
    pearson: float
    spearman: float
    questions_averaged: int
    pearson_per_question: float | None
    spearman_per_question: float | None


def agreement(question_ids: Sequence[str], engine: Sequence[float], human: Sequence[float]) -> Agreement:
    """Correlations overall and averaged per question.

    A question enters the per-question mean only when it has at least two answers and both the engine's and the
    humans' scores vary among them (a correlation is undefined otherwise).
    """
    grouped: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for question_id, engine_score, human_score in zip(question_ids, engine, human, strict=True):
        grouped[question_id].append((engine_score, human_score))
    per_pearson: list[float] = []
    per_spearman: list[float] = []
    for pairs in grouped.values():
        xs = [pair[0] for pair in pairs]
        ys = [pair[1] for pair in pairs]
        if len(pairs) < 2 or len(set(xs)) < 2 or len(set(ys)) < 2:
            continue
        per_pearson.append(pearson(xs, ys))
        per_spearman.append(spearman(xs, ys))
    return Agreement(
        answers=len(engine),
        pearson=pearson(engine, human),
        spearman=spearman(engine, human),
        questions_averaged=len(per_pearson),
        pearson_per_question=statistics.fmean(per_pearson) if per_pearson else None,
        spearman_per_question=statistics.fmean(per_spearman) if per_spearman else None,
    )
