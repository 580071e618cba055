"""``python -m bench scoring``: agreement of ``rubric_scorer.v1`` with human scores, and its speed.

Builds one rubric per question from the question and its reference answer only (never from the answers' scores),
scores every answer, and reports Pearson and Spearman between the engine's 0–100 and ``100 * score / score_max``,
plus answers per second and p50/p95 latency. The data set lives outside the product: a missing file exits 2.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from talentloop.scoring.keypoints import EvidenceSource
from talentloop.scoring.reference import rubric_from_reference
from talentloop.scoring.scorer import AnswerInput, RubricScorer, RubricSpec

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "sas_le_zh.jsonl"
TARGET_PEARSON = 0.60
TARGET_ANSWERS_PER_SECOND = 100.0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"JSON lines file (default {DEFAULT_DATA})")
    parser.add_argument("--semantic", action="store_true", help="add the sentence-embedding evidence source")


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    spread = math.sqrt(sum((x - mean_x) ** 2 for x in xs) * sum((y - mean_y) ** 2 for y in ys))
    return covariance / spread if spread else 0.0


def ranks(values: Sequence[float]) -> list[float]:
    """Average ranks (ties share the mean of their positions), as Spearman needs."""
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
    return pearson(ranks(xs), ranks(ys))


def main(options: argparse.Namespace) -> int:
    path: Path = options.data
    if not path.is_file():
        print(f"bench scoring: data file {path} not found (pass --data PATH); nothing was scored.", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rubrics: dict[str, RubricSpec] = {}
    for row in rows:
        if row["question_id"] not in rubrics:
            built = rubric_from_reference(row["question"], row["reference_answer"])
            rubrics[row["question_id"]] = RubricSpec(
                identifier=f"q{row['question_id']}",
                version=1,
                dimension="knowledge",
                key_points=built.key_points,
                accepts_bare_lists=built.accepts_bare_lists,
            )
    sources: list[EvidenceSource] = []
    if options.semantic:
        from talentloop.scoring.semantic import SemanticEvidence

        sources.append(SemanticEvidence())
    scorer = RubricScorer(evidence_sources=sources).fit()
    scorer.score(AnswerInput(text="热身", question="热身"), [next(iter(rubrics.values()))])  # load jieba once
    engine: list[float] = []
    human: list[float] = []
    latencies: list[float] = []
    started = time.perf_counter()
    for row in rows:
        before = time.perf_counter()
        result = scorer.score(AnswerInput(text=row["answer"], question=row["question"]), [rubrics[row["question_id"]]])
        latencies.append(time.perf_counter() - before)
        engine.append(result.overall)
        human.append(100.0 * row["score"] / row["score_max"])
    elapsed = time.perf_counter() - started
    latencies.sort()
    answers_per_second = len(rows) / elapsed
    correlation = pearson(engine, human)
    print(f"bench scoring: {scorer.identifier} on {path.name}: {len(rows)} answers, {len(rubrics)} questions")
    print(f"  evidence sources: {', '.join(source.name for source in scorer.evidence_sources_)}")
    print(f"  Pearson r  {correlation:.3f}  (target ≥ {TARGET_PEARSON})")
    print(f"  Spearman ρ {spearman(engine, human):.3f}")
    print(
        f"  speed      {answers_per_second:.0f} answers/s, p50 {1000 * latencies[len(latencies) // 2]:.1f} ms, "
        f"p95 {1000 * latencies[int(len(latencies) * 0.95)]:.1f} ms per answer"
    )
    met = correlation >= TARGET_PEARSON and answers_per_second >= TARGET_ANSWERS_PER_SECOND
    return 0 if met else 1
