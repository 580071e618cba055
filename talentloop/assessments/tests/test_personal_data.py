"""assessments' part of "my data": scores and human ratings are exported exactly; erasure strips the explanations and
the notes and keeps every number, so the AI–human agreement figures and the calibrations do not move."""

from __future__ import annotations

import pytest

from talentloop.assessments.models import AnswerScore, Calibration, HumanRating, SessionScore
from talentloop.assessments.personal_data import ScoresPart
from talentloop.assessments.rating_errors import RatingErrorCode
from talentloop.assessments.rating_selectors import agreement_tables_get
from talentloop.assessments.services.ratings import rating_record
from talentloop.assessments.tests.rating_helpers import answer_of
from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import Conflict
from talentloop.core.personal_data import Subject
from talentloop.interviews.models import InterviewSession
from talentloop.interviews.tests.conftest import T0
from talentloop.org.models import Person
from talentloop.scoring.calibration import IsotonicCalibration

pytest_plugins = ["talentloop.assessments.tests.rating_fixtures"]
pytestmark = pytest.mark.django_db

PART = ScoresPart()


def rated(session: InterviewSession, people: dict) -> None:
    """hr: answer 1 → 4 with a note quoting it, answer 2 → 2; hr2: answer 1 → 5 with a note, answer 2 → 1."""
    needs = Dimension.objects.get(code="customer-needs")
    one, two = answer_of(session, 1), answer_of(session, 2)
    rating_record(rater=people["hr"], answer=one, dimension=needs, level=4, note="“先问预算”说得好")
    rating_record(rater=people["hr"], answer=two, dimension=needs, level=2)
    rating_record(rater=people["hr2"], answer=one, dimension=needs, level=5, note="很好")
    rating_record(rater=people["hr2"], answer=two, dimension=needs, level=1)


def candidate_subject(session: InterviewSession, people: dict) -> Subject:
    return Subject(person_id=session.invitation.candidate.person_id, user_id=people["candidate"].pk)


def rater_subject(people: dict, username: str) -> Subject:
    company = Person.objects.get(candidate__isnull=False).company
    person = Person.objects.create(company=company, full_name=username, user=people[username])
    return Subject(person_id=person.pk, user_id=people[username].pk)


def agreement_figures() -> list[tuple[str, int, object, object]]:
    tables = agreement_tables_get()
    return [
        (row.label, row.rating_count, row.ai_human, row.human_human)
        for row in [*tables.by_question, *tables.by_dimension, *([tables.overall] if tables.overall else [])]
    ]


def test_export_holds_the_ratings_of_the_candidates_answers_without_the_raters(
    scored: InterviewSession, people: dict
) -> None:
    # given two people rated the candidate's answers
    rated(scored, people)

    # when the candidate's part is exported
    data = PART.export(candidate_subject(scored, people))

    # then it holds every rating of their answers with the note, in question order, and never who rated
    ratings = HumanRating.objects.filter(answer__session=scored).order_by("answer__order", "created_at", "pk")
    assert data["human_ratings_of_your_answers"] == [
        {
            "interview": scored.invitation.template.name,
            "question_order": rating.answer.order,
            "dimension": "customer-needs",
            "level": rating.level,
            "note": rating.note,
            "rated_at": rating.created_at,
            "updated_at": rating.updated_at,
        }
        for rating in ratings
    ]
    assert [(row["question_order"], row["level"], row["note"]) for row in data["human_ratings_of_your_answers"]] == [
        (1, 4, "“先问预算”说得好"),
        (1, 5, "很好"),
        (2, 2, ""),
        (2, 1, ""),
    ]
    assert "hr2" not in str(data)
    assert data["human_ratings_you_gave"] == []
    assert len(data["answer_scores"]) == AnswerScore.objects.filter(answer__session=scored).count()
    assert sorted(PART.records(candidate_subject(scored, people))) == sorted(
        ("assessments.humanrating", str(pk)) for pk in ratings.values_list("pk", flat=True)
    )


def test_export_holds_the_ratings_a_rater_gave_without_whose_answer(scored: InterviewSession, people: dict) -> None:
    rated(scored, people)

    data = PART.export(rater_subject(people, "hr2"))

    assert data["human_ratings_you_gave"] == [
        {
            "interview": scored.invitation.template.name,
            "question": code,
            "dimension": "customer-needs",
            "level": level,
            "note": note,
            "rated_at": rating.created_at,
            "updated_at": rating.updated_at,
        }
        for (code, level, note), rating in zip(
            [("q1", 5, "很好"), ("q2", 1, "")],
            HumanRating.objects.filter(rater=people["hr2"]).order_by("created_at", "pk"),
            strict=True,
        )
    ]
    assert (data["human_ratings_of_your_answers"], data["answer_scores"], data["interview_scores"]) == ([], [], [])
    assert scored.invitation.candidate.person.full_name not in str(data)


def test_erasing_the_candidate_strips_explanations_and_notes_and_the_agreement_does_not_move(
    scored: InterviewSession, people: dict
) -> None:
    # given rated answers and a calibration fitted on them
    rated(scored, people)
    Calibration.objects.create(
        scope=Calibration.Scope.QUESTION,
        question=answer_of(scored, 1).question,
        scorer_name="rubric_scorer",
        scorer_version="v1",
        parameters=IsotonicCalibration().fit([25.0, 75.0], [1.5, 4.5]).to_dict(),
        rating_count=2,
        fitted_at=T0,
    )
    before = agreement_figures()
    scores = list(AnswerScore.objects.filter(answer__session=scored).order_by("pk").values_list("pk", "score"))
    session_scores = list(SessionScore.objects.filter(session=scored).values_list("overall", "dimensions"))
    calibrations = list(Calibration.objects.values_list("pk", "parameters", "rating_count"))

    # when the candidate's part is erased
    done = PART.erase(candidate_subject(scored, people))

    # then each answer score keeps its number but no explanation, and each rating its level but no note
    assert done == {"answer_scores_stripped": len(scores), "rating_notes_cleared": 2}
    assert list(AnswerScore.objects.filter(answer__session=scored).order_by("pk").values_list("pk", "score")) == scores
    stripped = AnswerScore.objects.filter(answer__session=scored).values_list("result", "inputs_digest")
    assert list(stripped) == [({}, "")] * len(scores)
    assert list(HumanRating.objects.order_by("pk").values_list("level", "note")) == [(4, ""), (2, ""), (5, ""), (1, "")]

    # and the session scores, the calibrations and every agreement figure are exactly as before
    assert list(SessionScore.objects.filter(session=scored).values_list("overall", "dimensions")) == session_scores
    assert list(Calibration.objects.values_list("pk", "parameters", "rating_count")) == calibrations
    assert agreement_figures() == before

    # and a second erase finds nothing
    assert PART.erase(candidate_subject(scored, people)) == {}


def test_erasing_a_rater_clears_only_their_notes(scored: InterviewSession, people: dict) -> None:
    rated(scored, people)
    before = agreement_figures()

    done = PART.erase(rater_subject(people, "hr2"))

    assert done == {"own_rating_notes_cleared": 1}
    assert list(HumanRating.objects.order_by("pk").values_list("rater__username", "level", "note")) == [
        (people["hr"].username, 4, "“先问预算”说得好"),
        (people["hr"].username, 2, ""),
        ("hr2", 5, ""),
        ("hr2", 1, ""),
    ]
    assert AnswerScore.objects.filter(answer__session=scored, result={}).count() == 0
    assert agreement_figures() == before
    assert PART.erase(rater_subject(people, "hr3")) == {}


def test_an_erased_candidates_answer_cannot_be_rated_again(scored: InterviewSession, people: dict) -> None:
    # given the candidate's data was erased (the person is anonymised by org's part, after this one)
    rated(scored, people)
    PART.erase(candidate_subject(scored, people))
    Person.objects.filter(pk=scored.invitation.candidate.person_id).update(erased_at=T0)
    before = list(HumanRating.objects.order_by("pk").values_list("rater_id", "level", "note"))

    # when a third person tries to rate an erased answer, then it is refused and nothing is written
    with pytest.raises(Conflict) as refused:
        rating_record(
            rater=people["hr3"],
            answer=answer_of(scored, 1),
            dimension=Dimension.objects.get(code="customer-needs"),
            level=3,
        )
    assert refused.value.code == RatingErrorCode.ANSWER_ERASED
    assert list(HumanRating.objects.order_by("pk").values_list("rater_id", "level", "note")) == before
