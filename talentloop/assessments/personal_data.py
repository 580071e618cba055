"""assessments' part of "my data": the stored scores of the person's interviews
(see talentloop/core/personal_data.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.assessments.models import AnswerScore, SessionScore
from talentloop.assessments.services.erasure import person_scores_erase
from talentloop.core.personal_data import PersonalDataPart, Subject, personal_data_part_register


@personal_data_part_register
class ScoresPart(PersonalDataPart):
    key = "scores"
    floor = 4
    title = _("Interview scores")

    def export(self, subject: Subject) -> dict[str, Any]:
        answer_scores = (
            AnswerScore.objects.filter(answer__session__invitation__candidate__person_id=subject.person_id)
            .select_related("answer__session__invitation__template", "dimension", "rubric")
            .order_by("answer__session_id", "answer__order", "dimension__code", "created_at", "pk")
        )
        session_scores = (
            SessionScore.objects.filter(session__invitation__candidate__person_id=subject.person_id)
            .select_related("session__invitation__template")
            .order_by("session_id", "created_at", "pk")
        )
        return {
            "interview_scores": [
                {
                    "interview": score.session.invitation.template.name,
                    "scored_at": score.created_at,
                    "scorer": f"{score.scorer_name}.{score.scorer_version}",
                    "overall": score.overall,
                    "passed": score.passed,
                    "pass_threshold": score.threshold,
                    "dimensions": score.dimensions,
                }
                for score in session_scores
            ],
            # Each answer's score with its explanation: key points hit or missed and the quoted evidence.
            "answer_scores": [
                {
                    "interview": score.answer.session.invitation.template.name,
                    "question_order": score.answer.order,
                    "dimension": score.dimension.name,
                    "rubric_version": score.rubric.version,
                    "scorer": f"{score.scorer_name}.{score.scorer_version}",
                    "score": score.score,
                    "explanation": score.result,
                    "scored_at": score.created_at,
                }
                for score in answer_scores
            ],
        }

    def erase(self, subject: Subject) -> dict[str, int]:
        return person_scores_erase(person_id=subject.person_id)
