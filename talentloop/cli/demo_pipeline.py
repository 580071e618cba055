"""The pipeline half of the recruitment demo: applications on the open demo openings' boards, spread across the
stages through the real services, with moves, rejections with reasons, and hiring managers' scorecards.

Who applies: the candidates who already took the opening's AI interview in the demo (their interview and score
count for the application), then the demo candidates invited to that interview. Stronger AI results go further, so
the board reads like a real one: an offer, a background check, a department interview with and without a
scorecard, one rejected after the department interview and one after the AI interview, the rest waiting at the AI
interview stage for HR. Idempotent: an opening that already has applications is left as it is.
"""

from __future__ import annotations

from typing import Any

from talentloop.accounts.models import User
from talentloop.assessments.models import SessionScore
from talentloop.interviews.models import Invitation
from talentloop.recruitment.models import Application, Opening, PipelineStage
from talentloop.recruitment.services import (
    application_add_candidate,
    application_move,
    application_reject,
    scorecard_dimensions,
    scorecard_submit,
)

K = PipelineStage.Kind
MAX_PER_OPENING = 7

# Per rank (strongest AI result first): the stages it moves through, the scorecard at the department interview
# (recommendation and base rating, or None), and the rejection reason with its note (or None).
SCRIPT: list[tuple[list[str], tuple[str, int] | None, tuple[str, str] | None]] = [
    ([K.HUMAN_INTERVIEW, K.BACKGROUND_CHECK, K.OFFER], ("strong_yes", 5), None),
    ([K.HUMAN_INTERVIEW, K.BACKGROUND_CHECK], ("yes", 4), None),
    ([K.HUMAN_INTERVIEW], ("yes", 4), None),
    ([K.HUMAN_INTERVIEW], None, None),
    ([K.HUMAN_INTERVIEW], ("no", 2), ("skills_gap", "部门复试中系统设计深度不足，建议半年后再申请。")),
    ([], None, None),
    ([], None, ("experience", "相关项目经验不足。")),
]


def _score(invitation: Invitation) -> float:
    session = getattr(invitation, "session", None)
    if session is None:
        return -1.0
    score = SessionScore.objects.filter(session=session).order_by("-version", "-pk").first()
    return score.overall if score is not None else -1.0


def _invitations(opening: Opening) -> list[Invitation]:
    """The opening interview's invitations not yet tied to an application, strongest AI result first."""
    invitations = list(
        Invitation.objects.filter(template=opening.interview_template, application__isnull=True)
        .exclude(candidate__person__applications__opening=opening)
        .select_related("candidate__person", "session")
        .order_by("pk")
    )
    ranked = sorted(invitations, key=lambda invitation: (-_score(invitation), invitation.pk))
    seen: set[int] = set()
    unique = []
    for invitation in ranked:
        if invitation.candidate_id not in seen:
            seen.add(invitation.candidate_id)
            unique.append(invitation)
    return unique[:MAX_PER_OPENING]


def demo_pipeline_load(*, actor: Any, openings: list[Opening]) -> list[Application]:
    """Put the demo candidates on the open openings' boards (unless an opening has applications already)."""
    created: list[Application] = []
    for opening in openings:
        if opening.status != Opening.Status.OPEN or opening.applications.exists():
            continue
        stages = {stage.kind: stage for stage in opening.stages.order_by("-position")}
        scorer: User | None = opening.hiring_manager or actor
        for rank, invitation in enumerate(_invitations(opening)):
            path, scorecard, rejection = SCRIPT[rank] if rank < len(SCRIPT) else ([], None, None)
            application = application_add_candidate(
                actor=actor, opening=opening, candidate=invitation.candidate, invitation=invitation
            )
            for kind in path:
                application_move(actor=actor, application=application, to_stage=stages[kind])
                if kind == K.HUMAN_INTERVIEW and scorecard is not None and scorer is not None:
                    recommendation, base = scorecard
                    dimensions = scorecard_dimensions(application)
                    scorecard_submit(
                        actor=scorer,
                        application=application,
                        recommendation=recommendation,
                        ratings={d.pk: max(1, min(5, base - (index % 2))) for index, d in enumerate(dimensions)},
                        notes="结构化复试：按岗位能力维度逐项评分。",
                    )
            if rejection is not None:
                reason, note = rejection
                application_reject(actor=actor, application=application, reason=reason, note=note)
            created.append(application)
    return created
