"""Hand-made interview history for the analytics tests: exact answers, durations, retries and stored scores.

Rows are written with the ORM (not through the interview services) so every number a test asserts is the number it
wrote; the services that produce them in real life are tested in their own apps.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from talentloop.assessments.models import AnswerScore, SessionScore
from talentloop.interviews.models import Answer, InterviewSession, Invitation, TemplateQuestion
from talentloop.org.tests.factories import CandidateFactory
from talentloop.questionbank.models import Question, Rubric
from talentloop.questionbank.services import KeyPointInput, QuestionInput, RubricInput, question_save
from talentloop.recruitment.models import Application, Opening, PipelineStage, StageMove

SUBMITTED = timezone.make_aware(datetime(2026, 10, 15, 10, 0, 0))
_numbers = itertools.count(1)


@dataclass(frozen=True)
class Reply:
    """One answer to write: the question, skipped or not, seconds taken, retries used, score (0–100)."""

    question: Question
    duration: float | None = 60.0
    score: float | None = 50.0
    skipped: bool = False
    retries: int = 0


def generic_question_add(*, hr: Any, opening: Opening, code: str = "q-generic") -> Question:
    """A generic question (no position) on problem-solving, appended to the opening's template."""
    saved = question_save(
        actor=hr,
        data=QuestionInput(
            code=code,
            kind="behavioural",
            text="讲一次你与同事合作的经历",
            position_codes=[],
            rubrics=[RubricInput("problem-solving", [KeyPointInput("协作", keywords=["合作"])])],
        ),
    )
    question = saved.question
    template = opening.interview_template
    assert template is not None
    TemplateQuestion.objects.create(
        template=template,
        question=question,
        order=template.items.count() + 1,
        preparation_seconds=10,
        max_answer_seconds=180,
        allowed_retries=1,
    )
    return question


def interview_add(
    *,
    opening: Opening,
    replies: list[Reply],
    submitted_at: datetime = SUBMITTED,
    name: str = "",
    stage_kind: str = PipelineStage.Kind.AI_INTERVIEW,
) -> Application:
    """An application to ``opening`` with a submitted AI interview holding ``replies`` and their stored scores."""
    number = next(_numbers)
    template = opening.interview_template
    assert template is not None
    candidate = CandidateFactory.create(
        applied_position=opening.position, full_name=name or f"候选人{number}", email=f"history{number}@example.com"
    )
    invitation = Invitation.objects.create(
        template=template, candidate=candidate, token_nonce=f"n{number}", expires_at=submitted_at + timedelta(days=7)
    )
    session = InterviewSession.objects.create(
        invitation=invitation,
        status=InterviewSession.Status.SUBMITTED,
        started_at=submitted_at - timedelta(minutes=20),
        submitted_at=submitted_at,
        question_count=len(replies),
    )
    dimension_scores: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for order, reply in enumerate(replies, start=1):
        answer = Answer.objects.create(
            session=session,
            order=order,
            question=reply.question,
            status=Answer.Status.SKIPPED if reply.skipped else Answer.Status.ANSWERED,
            text="" if reply.skipped else "我先拆解问题，然后逐一验证。",
            duration_seconds=None if reply.skipped else reply.duration,
            retries_used=reply.retries,
            expected_answer_seconds=120,
        )
        if reply.score is None:
            continue
        for rubric in Rubric.objects.filter(question=reply.question, is_current=True).select_related("dimension"):
            score = 0.0 if reply.skipped else reply.score
            AnswerScore.objects.create(
                answer=answer,
                dimension=rubric.dimension,
                rubric=rubric,
                scorer_name="rubric_scorer",
                scorer_version="v1",
                score=score,
                result={},
                inputs_digest="0" * 64,
            )
            dimension_scores.setdefault(rubric.dimension.code, []).append(score)
            names[rubric.dimension.code] = rubric.dimension.name
    means = {code: sum(values) / len(values) for code, values in dimension_scores.items()}
    dimensions = {code: {"name": names[code], "score": mean} for code, mean in means.items()}
    overall = sum(means.values()) / len(means) if means else 0.0
    SessionScore.objects.create(
        session=session,
        version=1,
        scorer_name="rubric_scorer",
        scorer_version="v1",
        overall=overall,
        passed=overall >= 60,
        threshold=60,
        dimensions=dimensions,
    )
    return Application.objects.create(
        opening=opening,
        person=candidate.person,
        candidate=candidate,
        source=Application.Source.EXTERNAL,
        invitation=invitation,
        stage=opening.stages.get(kind=stage_kind),
        stage_entered_at=submitted_at,
    )


def stage_of(opening: Opening, kind: str) -> PipelineStage:
    return opening.stages.get(kind=kind)


def outcome_record(application: Application, *, passed: bool, at: datetime = SUBMITTED) -> None:
    """The application goes from the AI interview to the department interview, then on (passed) or out (not)."""
    opening = application.opening
    ai = stage_of(opening, PipelineStage.Kind.AI_INTERVIEW)
    human = stage_of(opening, PipelineStage.Kind.HUMAN_INTERVIEW)
    later = stage_of(opening, PipelineStage.Kind.BACKGROUND_CHECK)
    active, rejected = Application.Status.ACTIVE, Application.Status.REJECTED
    StageMove.objects.create(
        application=application,
        from_stage=ai,
        to_stage=human,
        from_status=active,
        to_status=active,
        moved_at=at + timedelta(days=2),
    )
    StageMove.objects.create(
        application=application,
        from_stage=human,
        to_stage=later if passed else human,
        from_status=active,
        to_status=active if passed else rejected,
        reason="" if passed else Application.RejectionReason.SKILLS_GAP,
        moved_at=at + timedelta(days=5),
    )
    Application.objects.filter(pk=application.pk).update(
        stage=later if passed else human, status=active if passed else rejected
    )
