"""Scoring answers and interviews with the pure `talentloop.scoring` engine, and storing what it said.

Every function is idempotent: a score already stored for the same answer, dimension, rubric version and scorer
version is kept, never recomputed or overwritten, and a session score version for the same scorer and rubric set is
returned rather than added again, so running a task twice stores nothing new.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any

from django.conf import settings
from django.db import transaction

from talentloop.assessments.models import AnswerScore, RescoreBatch, SessionScore
from talentloop.competencies.models import Dimension
from talentloop.interviews.models import Answer, InterviewSession, Recording
from talentloop.interviews.services.sessions import session_submit
from talentloop.questionbank.models import Rubric
from talentloop.scoring.delivery import DeliveryInput, TimedWord
from talentloop.scoring.keypoints import KeyPointSpec
from talentloop.scoring.scorer import AnswerInput, RubricScorer, RubricSpec, weighted_mean


@cache
def _scorer() -> RubricScorer:
    # Fitting validates the configuration and prepares the evidence sources; scoring never changes the scorer.
    return RubricScorer().fit()


def _rubric_spec(rubric: Rubric) -> RubricSpec:
    return RubricSpec(
        identifier=f"{rubric.question.code}/{rubric.dimension.code}",
        version=rubric.version,
        dimension=rubric.dimension.code,
        key_points=tuple(
            KeyPointSpec(
                identifier=f"kp{key_point.order}",
                text=key_point.text,
                text_en=key_point.text_en,
                weight=float(key_point.weight),
                keywords=tuple(key_point.keywords),
                synonyms=tuple(key_point.synonyms),
                example_phrases=tuple(key_point.example_phrases),
            )
            for key_point in rubric.key_points.order_by("order")
        ),
    )


def _current_recording(answer: Answer) -> Recording | None:
    return answer.recordings.filter(is_current=True).first()


def _transcript_pending(answer: Answer) -> bool:
    """A voice answer whose transcript has not arrived yet: scoring it now would score an empty answer."""
    if answer.status != Answer.Status.ANSWERED or answer.mode != Answer.Mode.VOICE or answer.text.strip():
        return False
    recording = _current_recording(answer)
    return recording is not None and recording.transcript_status == Recording.TranscriptStatus.PENDING


def _duration(*, mode: str, duration_seconds: float | None, audio_seconds: float | None) -> float | None:
    """How long an answer took: the recording's length for a voice answer, the answering time for a text one."""
    return audio_seconds if mode == Answer.Mode.VOICE else duration_seconds


def answer_cohort_average(*, answer: Answer) -> tuple[float | None, int]:
    """The average duration of the other finished answers to the same question, and how many there are.

    The average is ``None`` below ``TALENTLOOP_COHORT_MIN_ANSWERS`` answers: a smaller cohort says more about chance
    than about the candidate."""
    others = (
        Answer.objects.filter(question_id=answer.question_id, status=Answer.Status.ANSWERED, finished_at__isnull=False)
        .exclude(pk=answer.pk)
        .values_list("mode", "duration_seconds", "audio_seconds")
    )
    durations = [
        duration
        for mode, duration_seconds, audio_seconds in others
        if (duration := _duration(mode=mode, duration_seconds=duration_seconds, audio_seconds=audio_seconds))
        is not None
    ]
    if len(durations) < settings.TALENTLOOP_COHORT_MIN_ANSWERS:
        return None, len(durations)
    return round(sum(durations) / len(durations), 2), len(durations)


def _answer_input(answer: Answer, *, cohort_average_seconds: float | None) -> AnswerInput:
    skipped = answer.status == Answer.Status.SKIPPED
    text = "" if skipped else answer.text
    recording = _current_recording(answer) if answer.mode == Answer.Mode.VOICE else None
    words = tuple(
        TimedWord(text=str(word["text"]), start=float(word["start"]), end=float(word["end"]))
        for word in (recording.transcript_words if recording is not None else [])
        if isinstance(word, dict) and {"text", "start", "end"} <= word.keys()
    )
    duration = _duration(mode=answer.mode, duration_seconds=answer.duration_seconds, audio_seconds=answer.audio_seconds)
    return AnswerInput(
        text=text,
        question=answer.question_text,
        delivery=DeliveryInput(
            text=text,
            duration_seconds=duration,
            expected_seconds=float(answer.expected_answer_seconds),
            words=words,
            retries=answer.retries_used,
            skipped=skipped,
            cohort_average_seconds=cohort_average_seconds,
        ),
    )


def _digest(scorer: RubricScorer, answer_input: AnswerInput, specs: list[RubricSpec]) -> str:
    """sha256 of everything the scorer saw, serialised canonically: equal digests mean reproducible scores."""
    inputs = {
        "scorer": scorer.identifier,
        "hit_threshold": scorer.hit_threshold,
        "partial_threshold": scorer.partial_threshold,
        "answer": dataclasses.asdict(answer_input),
        "rubrics": [dataclasses.asdict(spec) for spec in specs],
    }
    canonical = json.dumps(inputs, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def rubric_set_digest(*, scorer_name: str, scorer_version: str, rubric_ids: Iterable[int]) -> str:
    """sha256 naming a scorer version and a set of rubric versions: equal digests mean the same score version.

    The 0002 migration repeats this formula for the scores stored before versions existed."""
    canonical = json.dumps(
        {"rubrics": sorted(set(rubric_ids)), "scorer": f"{scorer_name}.{scorer_version}"},
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _given_rubrics(answer: Answer) -> list[Rubric]:
    return list(
        answer.rubrics.select_related("question", "dimension").order_by("dimension__code", "question__code", "version")
    )


def _current_rubrics(answer: Answer) -> list[Rubric]:
    """The question's current rubric versions; the versions the answer was given if the question has none now."""
    current = list(
        Rubric.objects.filter(question_id=answer.question_id, is_current=True)
        .select_related("question", "dimension")
        .order_by("dimension__code", "question__code", "version")
    )
    return current or _given_rubrics(answer)


def answer_score(*, answer_id: int, rubrics: Sequence[Rubric] | None = None) -> list[AnswerScore]:
    """Score a finished answer and store one row per dimension.

    By default the answer is judged on the rubric versions it was given; a re-score passes the question's current
    versions as ``rubrics``. Skipped answers score 0 with the reason ``skipped``. The duration is compared with the
    question's cohort (see `answer_cohort_average`), recorded in the row's inputs. Returns the stored rows (new or
    already there); nothing for an answer that is not finished, or a voice answer still waiting for its
    transcript."""
    answer = Answer.objects.filter(pk=answer_id).first()
    if answer is None or answer.status not in (Answer.Status.ANSWERED, Answer.Status.SKIPPED):
        return []
    if _transcript_pending(answer):
        return []
    rubrics = list(rubrics) if rubrics is not None else _given_rubrics(answer)
    if not rubrics:
        return []
    scorer = _scorer()
    existing = {
        (row.rubric_id, row.dimension_id): row
        for row in AnswerScore.objects.filter(answer=answer, scorer_name=scorer.name, scorer_version=scorer.version)
    }
    if all((rubric.pk, rubric.dimension_id) in existing for rubric in rubrics):
        return [existing[(rubric.pk, rubric.dimension_id)] for rubric in rubrics]
    specs = [_rubric_spec(rubric) for rubric in rubrics]
    cohort_average, cohort_answers = answer_cohort_average(answer=answer)
    answer_input = _answer_input(answer, cohort_average_seconds=cohort_average)
    result = scorer.score(answer_input, specs)
    serialised = json.loads(result.to_json())
    digest = _digest(scorer, answer_input, specs)
    rows = []
    with transaction.atomic():
        for rubric, dimension in zip(rubrics, serialised["dimensions"], strict=True):
            row, _created = AnswerScore.objects.get_or_create(
                answer=answer,
                dimension_id=rubric.dimension_id,
                rubric=rubric,
                scorer_name=scorer.name,
                scorer_version=scorer.version,
                defaults={
                    "score": dimension["score"],
                    "inputs_digest": digest,
                    "result": {
                        "scorer": serialised["scorer"],
                        "dimension": dimension,
                        "reasons": serialised["reasons"],
                        "features": serialised["features"],
                        "delivery_score": serialised["delivery_score"],
                        "inputs": {
                            "duration_seconds": _duration(
                                mode=answer.mode,
                                duration_seconds=answer.duration_seconds,
                                audio_seconds=answer.audio_seconds,
                            ),
                            "expected_seconds": float(answer.expected_answer_seconds),
                            "cohort_average_seconds": cohort_average,
                            "cohort_answers": cohort_answers,
                        },
                    },
                },
            )
            rows.append(row)
    return rows


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 2) if values else 0.0


def session_score(
    *, session_id: int, current_rubrics: bool = False, requested_by: Any = None, batch: RescoreBatch | None = None
) -> SessionScore | None:
    """Score every finished answer of a submitted interview, weigh the dimension scores by the job profile, and
    store the result as the interview's next score version.

    Initial scoring uses the rubric versions the answers were given; a re-score (``current_rubrics``) uses each
    question's current versions and the current scorer. The same scorer and rubric set as an existing version
    returns that version, unchanged. A dimension's score is the mean of its answers' scores (skipped answers
    count 0); the overall score is the profile's weighted mean, and delivery counts only where the profile weights
    a delivery dimension. Returns ``None`` while the interview is not submitted or a voice answer still waits for
    its transcript."""
    session = (
        InterviewSession.objects.select_related("invitation__template__job_profile", "invitation__candidate__person")
        .filter(pk=session_id)
        .first()
    )
    if session is None or session.status != InterviewSession.Status.SUBMITTED:
        return None
    scorer = _scorer()
    answers = list(session.answers.order_by("order"))
    rubrics_of = {
        answer.pk: (_current_rubrics(answer) if current_rubrics else _given_rubrics(answer)) for answer in answers
    }
    used = {rubric.pk: rubric for rubrics in rubrics_of.values() for rubric in rubrics}
    digest = rubric_set_digest(scorer_name=scorer.name, scorer_version=scorer.version, rubric_ids=used)
    existing = SessionScore.objects.filter(
        session=session, scorer_name=scorer.name, scorer_version=scorer.version, rubric_set_digest=digest
    ).first()
    if existing is not None:
        return existing
    # An erased candidate's answers keep no words (their data was erased at their request): nothing left to score.
    erased = session.invitation.candidate.person.erased_at is not None
    if erased or not answers or any(_transcript_pending(answer) for answer in answers):
        return None
    per_dimension: dict[int, list[float]] = defaultdict(list)
    delivery_scores: list[float] = []
    for answer in answers:
        rows = answer_score(answer_id=answer.pk, rubrics=rubrics_of[answer.pk])
        for row in rows:
            per_dimension[row.dimension_id].append(row.score)
        if rows:
            delivery = rows[0].result.get("delivery_score")
            skipped = answer.status == Answer.Status.SKIPPED
            delivery_scores.append(0.0 if skipped or delivery is None else float(delivery))
    profile = session.invitation.template.job_profile
    requirements = {
        requirement.dimension_id: requirement
        for requirement in profile.requirements.select_related("dimension").order_by("dimension__code")
    }
    dimensions: dict[str, dict[str, Any]] = {}
    pairs: list[tuple[float, float]] = []
    for dimension in Dimension.objects.filter(pk__in=set(per_dimension) | set(requirements)).order_by("code"):
        requirement = requirements.get(dimension.pk)
        # A dimension the profile does not weigh is reported but does not count.
        weight = float(requirement.weight) if requirement is not None else 0.0
        if dimension.kind == Dimension.Kind.DELIVERY:
            scores, score = delivery_scores, _mean(delivery_scores)
        else:
            scores, score = per_dimension.get(dimension.pk, []), _mean(per_dimension.get(dimension.pk, []))
        if not scores:
            continue
        pairs.append((weight, score))
        dimensions[dimension.code] = {
            "name": dimension.name,
            "score": score,
            "weight": weight,
            "required_level": requirement.required_level if requirement is not None else None,
            "answers": len(scores),
        }
    overall = weighted_mean(pairs)
    threshold = float(profile.pass_threshold)
    rubric_versions = sorted(
        (
            {
                "question": rubric.question.code,
                "dimension": rubric.dimension.code,
                "version": rubric.version,
                "rubric": rubric.pk,
            }
            for rubric in used.values()
        ),
        key=lambda entry: (entry["question"], entry["dimension"]),
    )
    with transaction.atomic():
        # Lock the interview so two workers cannot both take the next version number.
        InterviewSession.objects.select_for_update().filter(pk=session.pk).first()
        stored, _created = SessionScore.objects.get_or_create(
            session=session,
            scorer_name=scorer.name,
            scorer_version=scorer.version,
            rubric_set_digest=digest,
            defaults={
                "rubric_versions": rubric_versions,
                "reason": SessionScore.Reason.RESCORE if current_rubrics else SessionScore.Reason.INITIAL,
                "requested_by": requested_by,
                "batch": batch,
                "overall": overall,
                "passed": overall >= threshold,
                "threshold": threshold,
                "dimensions": dimensions,
            },
        )
    return stored


def session_rescore_pending(*, session_id: int) -> SessionScore | None:
    """Score what an interview was waiting for (a voice answer's transcript) once it has arrived.

    Call it after a transcription finishes; `interviews` cannot call it itself (it sits below `assessments`).
    Answers already scored are kept as they are."""
    return session_score(session_id=session_id)


def interview_submit_and_score(*, session: InterviewSession, now: datetime | None = None) -> InterviewSession:
    """Hand the interview in and, once that is committed, queue its scoring. Submitting twice is harmless."""
    from talentloop.assessments.tasks import score_session_task

    with transaction.atomic():
        session = session_submit(session=session, now=now)
        session_id = session.pk
        transaction.on_commit(lambda: score_session_task.delay(session_id))
    return session


def sessions_score_unscored() -> int:
    """Score every submitted interview that has no score yet (for example, one that waited for a transcript, or
    one submitted while the workers were down). Returns how many were scored now. Safe to run at any time."""
    unscored = InterviewSession.objects.filter(status=InterviewSession.Status.SUBMITTED, scores__isnull=True)
    scored = 0
    for session_id in unscored.values_list("pk", flat=True):
        if session_score(session_id=session_id) is not None:
            scored += 1
    return scored
