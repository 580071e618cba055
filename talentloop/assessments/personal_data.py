"""assessments' part of "my data": the stored scores of the person's interviews, the human ratings of their answers
and the ratings they gave others' answers (see talentloop/core/personal_data.py). Calibrations are fitted over many
people's ratings: aggregates, not anyone's personal data, so they are neither exported nor erased."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from talentloop.assessments.models import AnswerScore, HumanRating, SessionScore
from talentloop.assessments.services.erasure import person_scores_erase, rater_notes_erase
from talentloop.core.personal_data import PersonalDataPart, Subject, personal_data_part_register


@personal_data_part_register
class ScoresPart(PersonalDataPart):
    key = "scores"
    floor = 4
    title = _("Interview scores and human ratings")

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
            # Who rated is left out: that names a member of staff. What they wrote about the answer is the person's.
            "human_ratings_of_your_answers": [
                {
                    "interview": rating.answer.session.invitation.template.name,
                    "question_order": rating.answer.order,
                    "dimension": rating.dimension.name,
                    "level": rating.level,
                    "note": rating.note,
                    "rated_at": rating.created_at,
                    "updated_at": rating.updated_at,
                }
                for rating in self._ratings_of(subject)
            ],
            # The ratings the person gave as a rater; whose answer it was is left out (another person's data).
            "human_ratings_you_gave": [
                {
                    "interview": rating.answer.session.invitation.template.name,
                    "question": rating.answer.question.code,
                    "dimension": rating.dimension.name,
                    "level": rating.level,
                    "note": rating.note,
                    "rated_at": rating.created_at,
                    "updated_at": rating.updated_at,
                }
                for rating in self._ratings_by(subject)
            ],
        }

    @staticmethod
    def _ratings_of(subject: Subject) -> Iterable[HumanRating]:
        return (
            HumanRating.objects.filter(answer__session__invitation__candidate__person_id=subject.person_id)
            .select_related("answer__session__invitation__template", "dimension")
            .order_by("answer__session_id", "answer__order", "dimension__code", "created_at", "pk")
        )

    @staticmethod
    def _ratings_by(subject: Subject) -> Iterable[HumanRating]:
        if subject.user_id is None:
            return []
        return (
            HumanRating.objects.filter(rater_id=subject.user_id)
            .select_related("answer__session__invitation__template", "answer__question", "dimension")
            .order_by("created_at", "pk")
        )

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        # Only the ratings of the person's own answers: a rating they gave is about someone else's answer.
        for rating_id in HumanRating.objects.filter(
            answer__session__invitation__candidate__person_id=subject.person_id
        ).values_list("pk", flat=True):
            yield ("assessments.humanrating", str(rating_id))

    def erase(self, subject: Subject) -> dict[str, int]:
        done = person_scores_erase(person_id=subject.person_id)
        if subject.user_id is not None:
            done.update(rater_notes_erase(user_id=subject.user_id))
        return done
