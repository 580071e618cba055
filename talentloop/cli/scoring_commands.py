"""``talentloop score-answers`` and ``talentloop score-eval``: the scoring engine offline, on JSON lines files.

Neither command touches Django or a database: they run on a fresh install with nothing configured. The record
format and its validation live in the pure `talentloop.scoring.records`; this module reads and writes files.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from talentloop.scoring.evaluation import agreement
from talentloop.scoring.records import (
    RecordError,
    ScoringRecord,
    human_score,
    parse_record,
    result_to_dict,
    score_record,
)
from talentloop.scoring.scorer import RubricScorer
from talentloop.scoring.semantic import default_evidence_sources

# Input problems reported at once before giving up; the rest are counted.
MAXIMUM_REPORTED_ERRORS = 20
EXIT_BAD_INPUT = 2


class InputError(Exception):
    """The input file cannot be scored; ``messages`` says where and why (one line each)."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class Line:
    number: int
    data: dict[str, Any]
    record: ScoringRecord


def add_scoring_commands(commands: Any) -> None:
    """Register both subcommands on the ``talentloop`` parser's subparsers."""
    answers = commands.add_parser(
        "score-answers",
        help="score the answers of a JSON lines file (no database needed)",
        description="Score each line (question_id, question, answer, and a rubric or reference answer) and write "
        "one JSON line per answer with its score, per-dimension hits with evidence, misses and the scorer.",
    )
    answers.add_argument("input", type=Path, help="JSON lines input, one answer per line")
    answers.add_argument("-o", "--output", type=Path, required=True, help="JSON lines output (replaced atomically)")
    _add_semantic_options(answers)
    evaluate = commands.add_parser(
        "score-eval",
        help="score a labelled JSON lines file and report Pearson/Spearman against its human scores",
        description="Score each line as score-answers does and, for lines with score and score_max, compare the "
        "engine's 0-100 with 100*score/score_max: Pearson and Spearman overall and averaged per question.",
    )
    evaluate.add_argument("input", type=Path, help="JSON lines input with score and score_max")
    _add_semantic_options(evaluate)


def _add_semantic_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--semantic",
        dest="semantic",
        action="store_true",
        default=None,
        help="add sentence-embedding evidence (needs the `semantic` extra; default: off)",
    )
    group.add_argument(
        "--no-semantic", dest="semantic", action="store_false", help="lexical evidence only (the default)"
    )


def _read_lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield number, line
    except FileNotFoundError:
        raise InputError([f"{path}: no such file"]) from None
    except UnicodeDecodeError as error:
        raise InputError([f"{path}: not UTF-8 text ({error.reason} at byte {error.start})"]) from None
    except OSError as error:
        raise InputError([f"{path}: cannot be read ({error.strerror})"]) from None


def read_records(path: Path) -> list[Line]:
    """Every line parsed and validated before anything is scored; all problems (up to a limit) reported at once."""
    lines: list[Line] = []
    problems: list[str] = []
    for number, text in _read_lines(path):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            problems.append(f"{path} line {number}: not valid JSON ({error.msg} at column {error.colno})")
            continue
        try:
            record = parse_record(data, line_number=number)
        except RecordError as error:
            problems.append(f"{path} line {number}: {error}")
            continue
        lines.append(Line(number=number, data=data, record=record))
    if problems:
        shown = problems[:MAXIMUM_REPORTED_ERRORS]
        if len(problems) > len(shown):
            shown.append(f"… and {len(problems) - len(shown)} more bad lines")
        raise InputError(shown)
    if not lines:
        raise InputError([f"{path}: no answers to score (the file is empty)"])
    return lines


def _scorer(semantic: bool | None) -> RubricScorer:
    try:
        return RubricScorer(evidence_sources=default_evidence_sources(semantic)).fit()
    except ImportError as error:
        raise InputError([str(error)]) from None


def _write_atomically(path: Path, lines: list[str]) -> None:
    """Write to a temporary file beside ``path`` and rename it over: a reader never sees half a file."""
    directory = path.resolve().parent
    if not directory.is_dir():
        raise InputError([f"{path}: the folder {directory} does not exist"])
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.writelines(lines)
        umask = os.umask(0o022)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp makes the file private; the output is an ordinary file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def command_score_answers(options: argparse.Namespace, *, stderr: TextIO | None = None) -> int:
    stderr = stderr or sys.stderr
    try:
        lines = read_records(options.input)
        scorer = _scorer(options.semantic)
        output = []
        for line in lines:
            result = score_record(scorer, line.record)
            document = result_to_dict(line.record, result)
            output.append(json.dumps(document, ensure_ascii=False, sort_keys=True) + "\n")
        _write_atomically(options.output, output)
    except InputError as error:
        for message in error.messages:
            print(f"talentloop score-answers: {message}", file=stderr)
        return EXIT_BAD_INPUT
    print(
        f"talentloop score-answers: scored {len(lines)} answers with {scorer.identifier} -> {options.output}",
        file=stderr,
    )
    return 0


def _format(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def command_score_eval(
    options: argparse.Namespace, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    try:
        lines = read_records(options.input)
        humans: list[float | None] = []
        problems = []
        for line in lines:
            try:
                humans.append(human_score(line.data))
            except RecordError as error:
                problems.append(f"{options.input} line {line.number}: {error}")
        if problems:
            raise InputError(problems[:MAXIMUM_REPORTED_ERRORS])
        scorer = _scorer(options.semantic)
        started = time.perf_counter()
        engine = [score_record(scorer, line.record).overall for line in lines]
        elapsed = time.perf_counter() - started
    except InputError as error:
        for message in error.messages:
            print(f"talentloop score-eval: {message}", file=stderr)
        return EXIT_BAD_INPUT
    labelled = [(index, human) for index, human in enumerate(humans) if human is not None]
    sources = ", ".join(source.name for source in scorer.evidence_sources_)
    print(f"scorer: {scorer.identifier} (evidence: {sources})", file=stdout)
    print(f"answers: {len(lines)} scored, {len(labelled)} with a human score", file=stdout)
    if len(labelled) >= 2:
        result = agreement(
            [lines[index].record.question_id for index, _ in labelled],
            [engine[index] for index, _ in labelled],
            [human for _, human in labelled],
        )
        print(
            f"Pearson r: {result.pearson:.3f} overall, {_format(result.pearson_per_question)} per question "
            f"(mean of {result.questions_averaged})",
            file=stdout,
        )
        print(
            f"Spearman rho: {result.spearman:.3f} overall, {_format(result.spearman_per_question)} per question "
            f"(mean of {result.questions_averaged})",
            file=stdout,
        )
    else:
        print("agreement: needs at least two answers with score and score_max", file=stdout)
    rate = len(lines) / elapsed if elapsed > 0 else float("inf")
    print(f"speed: {rate:.0f} answers/s", file=stdout)
    return 0
