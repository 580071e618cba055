"""The recruitment pipeline: stages, moves with their exact history, refusals that write nothing, rejections with
reasons, hires, bulk actions all-or-nothing, scorecards, and the AI-interview hook that only ever advances."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from talentloop.accounts.models import User
from talentloop.assessments.models import SessionScore
from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import Conflict, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.feedback.models import ReviewRequest
from talentloop.interviews.models import InterviewSession
from talentloop.recruitment.errors import RecruitmentErrorCode
from talentloop.recruitment.models import Application, PipelineStage, Scorecard, ScorecardRating, StageMove
from talentloop.recruitment.selectors import human_round_outcome_list, opening_board_get, stage_move_list
from talentloop.recruitment.services import (
    AUTOMATION_HELD_HUMAN_REVIEW,
    StageInput,
    application_ai_result_apply,
    application_hire,
    application_move,
    application_reject,
    application_withdraw,
    applications_bulk_move,
    applications_bulk_reject,
    opening_stages_update,
    scorecard_submit,
)
from talentloop.recruitment.tests.fixtures import RecruitmentWorld, external_application, stage_of

pytestmark = pytest.mark.django_db

K = PipelineStage.Kind


def _written() -> dict[str, int]:
    return {
        "moves": StageMove.objects.count(),
        "scorecards": Scorecard.objects.count(),
        "ratings": ScorecardRating.objects.count(),
        "audit": AuditEvent.objects.count(),
        "stages": PipelineStage.objects.count(),
    }


def _history(application: Application) -> list[tuple[Any, ...]]:
    return [
        (
            move.from_stage.kind if move.from_stage else None,
            move.to_stage.kind if move.to_stage else None,
            move.from_status,
            move.to_status,
            move.actor.username if move.actor else None,
            move.reason,
            move.note,
        )
        for move in stage_move_list(application_ids=[application.pk])
    ]


@pytest.fixture
def three(recruitment: RecruitmentWorld, hr: User) -> list[Application]:
    return [external_application(recruitment.external, name, hr=hr) for name in ("周一", "吴二", "郑三")]


# --- stages ---------------------------------------------------------------------------------------------------


def test_a_new_opening_gets_the_default_stages(recruitment: RecruitmentWorld) -> None:
    assert [(s.position, s.name, s.name_en, s.kind) for s in recruitment.draft.stages.all()] == [
        (1, "简历筛选", "Screening", "screening"),
        (2, "AI 面试", "AI interview", "ai_interview"),
        (3, "部门复试", "Department interview", "human_interview"),
        (4, "背景调查", "Background check", "background_check"),
        (5, "Offer", "Offer", "offer"),
        (6, "入职", "Hired", "hired"),
    ]


def test_an_application_starts_at_the_ai_interview_stage_with_its_entry_in_the_history(
    application: Application, employee: User
) -> None:
    application.refresh_from_db()
    assert (application.status, application.stage.kind) == ("active", "ai_interview")  # type: ignore[union-attr]
    assert _history(application) == [(None, "ai_interview", "active", "active", "employee", "", "")]


def test_stages_can_be_renamed_reordered_added_and_removed(recruitment: RecruitmentWorld, hr: User) -> None:
    opening = recruitment.draft
    s = {stage.kind: stage for stage in opening.stages.all()}

    stages = opening_stages_update(
        actor=hr,
        opening=opening,
        stages=[
            StageInput("AI 面试", K.AI_INTERVIEW, "AI interview", s[K.AI_INTERVIEW].pk),
            StageInput("简历筛选", K.SCREENING, "Screening", s[K.SCREENING].pk),
            StageInput("技术面", K.HUMAN_INTERVIEW, "Technical interview", s[K.HUMAN_INTERVIEW].pk),
            StageInput("总监面", K.HUMAN_INTERVIEW, "Director interview"),
            StageInput("入职", K.HIRED, "Hired", s[K.HIRED].pk),
        ],
    )

    assert [(st.position, st.name, st.kind) for st in opening.stages.all()] == [
        (1, "AI 面试", "ai_interview"),
        (2, "简历筛选", "screening"),
        (3, "技术面", "human_interview"),
        (4, "总监面", "human_interview"),
        (5, "入职", "hired"),
    ]
    assert [st.pk for st in stages][:3] == [s[K.AI_INTERVIEW].pk, s[K.SCREENING].pk, s[K.HUMAN_INTERVIEW].pk]
    events = AuditEvent.objects.filter(object_type="recruitment.opening", object_id=str(opening.pk))
    event = events.order_by("pk").last()
    assert event is not None and list(event.changes) == ["stages"]


def test_a_stage_with_applications_cannot_be_removed(recruitment: RecruitmentWorld, hr: User) -> None:
    opening = recruitment.external
    external_application(opening, "周一", hr=hr)
    keep = [st for st in opening.stages.all() if st.kind != K.AI_INTERVIEW]
    before = _written()

    with pytest.raises(ValidationFailed) as caught:
        opening_stages_update(
            actor=hr,
            opening=opening,
            stages=[StageInput(st.name, st.kind, st.name_en, st.pk) for st in keep],
        )

    assert caught.value.code == RecruitmentErrorCode.STAGE_INVALID
    assert caught.value.fields["stages"] == [
        "Keep an AI interview stage: applications start there.",
        "“AI 面试” has applications (now or in their history) and cannot be removed; rename it instead.",
    ]
    assert _written() == before


def test_stage_rules_are_named_together(recruitment: RecruitmentWorld, hr: User) -> None:
    before = _written()
    with pytest.raises(ValidationFailed) as caught:
        opening_stages_update(
            actor=hr,
            opening=recruitment.draft,
            stages=[StageInput(" ", K.AI_INTERVIEW), StageInput("入职", K.HIRED), StageInput("X", "party")],
        )
    assert caught.value.fields["stages"] == [
        "Stage 1 needs a name.",
        "Stage 3: choose what kind of stage it is.",
        "Keep exactly one hired stage, as the last stage.",
    ]
    assert _written() == before


# --- moves, rejections, hires -----------------------------------------------------------------------------------


def test_move_writes_the_history_and_resets_the_time_in_stage(
    recruitment: RecruitmentWorld, hr: User, three: list[Application]
) -> None:
    application = three[0]
    human = stage_of(recruitment.external, K.HUMAN_INTERVIEW)

    move = application_move(actor=hr, application=application, to_stage=human, note="AI 面试表现好")

    application.refresh_from_db()
    assert (application.stage, application.status) == (human, "active")
    assert application.stage_entered_at == move.moved_at
    assert _history(application) == [
        (None, "ai_interview", "active", "active", None, "", ""),
        ("ai_interview", "human_interview", "active", "active", "hr", "", "AI 面试表现好"),
    ]
    event = AuditEvent.objects.get(object_type="recruitment.application", object_id=str(application.pk))
    assert event.changes == {"stage": [stage_of(recruitment.external, K.AI_INTERVIEW).pk, human.pk]}


def test_moving_to_the_hired_stage_hires(recruitment: RecruitmentWorld, hr: User, three: list[Application]) -> None:
    application = three[0]
    application_move(actor=hr, application=application, to_stage=stage_of(recruitment.external, K.OFFER))

    application_hire(actor=hr, application=application)

    application.refresh_from_db()
    assert (application.status, application.stage.kind) == ("hired", "hired")  # type: ignore[union-attr]
    assert application.decided_at is not None
    assert _history(application)[-1] == ("offer", "hired", "active", "hired", "hr", "", "")


@pytest.mark.parametrize("status", ["rejected", "withdrawn", "hired"])
def test_a_decided_application_cannot_move(
    recruitment: RecruitmentWorld, hr: User, three: list[Application], status: str
) -> None:
    application = three[0]
    Application.objects.filter(pk=application.pk).update(status=status)
    before = _written()

    with pytest.raises(Conflict) as caught:
        application_move(actor=hr, application=application, to_stage=stage_of(recruitment.external, K.OFFER))

    assert caught.value.code == RecruitmentErrorCode.APPLICATION_STATUS
    label = str(Application.Status(status).label)
    assert caught.value.message == f"周一's application is {label} and can no longer move."
    assert _written() == before


def test_moving_to_another_openings_stage_or_the_same_stage_is_refused(
    recruitment: RecruitmentWorld, hr: User, three: list[Application]
) -> None:
    before = _written()
    with pytest.raises(ValidationFailed) as caught:
        application_move(actor=hr, application=three[0], to_stage=stage_of(recruitment.internal, K.OFFER))
    assert caught.value.code == RecruitmentErrorCode.MOVE_INVALID
    with pytest.raises(Conflict) as same, translation.override("zh-hans"):
        application_move(actor=hr, application=three[0], to_stage=stage_of(recruitment.external, K.AI_INTERVIEW))
    assert same.value.message == "周一 is already at AI 面试."
    assert _written() == before


def test_reject_keeps_the_reason_and_note_in_the_history(hr: User, three: list[Application]) -> None:
    application = three[1]

    application_reject(actor=hr, application=application, reason="experience", note="需要五年以上经验")

    application.refresh_from_db()
    assert (application.status, application.rejection_reason, application.rejection_note) == (
        "rejected",
        "experience",
        "需要五年以上经验",
    )
    assert _history(application)[-1] == (
        "ai_interview",
        "ai_interview",
        "active",
        "rejected",
        "hr",
        "experience",
        "需要五年以上经验",
    )


def test_reject_needs_a_known_reason_and_a_note_for_other(hr: User, three: list[Application]) -> None:
    before = _written()
    with pytest.raises(ValidationFailed) as unknown:
        application_reject(actor=hr, application=three[0], reason="age")
    with pytest.raises(ValidationFailed) as other:
        application_reject(actor=hr, application=three[0], reason="other", note="  ")
    assert (unknown.value.fields, other.value.fields) == (
        {"reason": ["Choose a reason for the rejection."]},
        {"note": ["Say in a note why, when the reason is “Other”."]},
    )
    assert _written() == before
    assert Application.objects.get(pk=three[0].pk).status == "active"


def test_withdrawal_is_recorded_in_the_history(application: Application, employee: User) -> None:
    application_withdraw(actor=employee, application=application)
    assert _history(application)[-1] == ("ai_interview", "ai_interview", "active", "withdrawn", "employee", "", "")


# --- bulk -------------------------------------------------------------------------------------------------------


def test_bulk_move_moves_all(recruitment: RecruitmentWorld, hr: User, three: list[Application]) -> None:
    human = stage_of(recruitment.external, K.HUMAN_INTERVIEW)

    moves = applications_bulk_move(
        actor=hr, opening=recruitment.external, application_ids=[a.pk for a in three], to_stage=human
    )

    assert len(moves) == 3
    assert (
        list(Application.objects.filter(pk__in=[a.pk for a in three]).values_list("stage", flat=True)) == [human.pk] * 3
    )


def test_bulk_reject_is_all_or_nothing_and_names_each_refused_row(
    recruitment: RecruitmentWorld, hr: User, three: list[Application]
) -> None:
    application_reject(actor=hr, application=three[2], reason="skills_gap")
    before = _written()

    with pytest.raises(ValidationFailed) as caught:
        applications_bulk_reject(
            actor=hr, opening=recruitment.external, application_ids=[a.pk for a in three], reason="position_filled"
        )

    assert caught.value.code == RecruitmentErrorCode.BULK_INVALID
    rejected = str(Application.Status.REJECTED.label)
    assert caught.value.fields == {"applications": [f"郑三's application is {rejected} and can no longer move."]}
    assert _written() == before
    assert sorted(Application.objects.values_list("status", flat=True)) == ["active", "active", "rejected"]


def test_bulk_refuses_applications_of_another_opening(
    recruitment: RecruitmentWorld, hr: User, three: list[Application], application: Application
) -> None:
    before = _written()
    with pytest.raises(ValidationFailed) as caught:
        applications_bulk_move(
            actor=hr,
            opening=recruitment.external,
            application_ids=[three[0].pk, application.pk],
            to_stage=stage_of(recruitment.external, K.OFFER),
        )
    assert caught.value.fields == {"applications": [str(application.pk)]}
    assert _written() == before


# --- scorecards -------------------------------------------------------------------------------------------------


def test_scorecard_rates_every_dimension_of_the_job_profile(
    recruitment: RecruitmentWorld, hr: User, rnd_manager: User, three: list[Application]
) -> None:
    application = three[0]
    application_move(actor=hr, application=application, to_stage=stage_of(recruitment.external, K.HUMAN_INTERVIEW))
    dimension = Dimension.objects.get(code="problem-solving")

    card = scorecard_submit(
        actor=rnd_manager,
        application=application,
        recommendation="yes",
        ratings={dimension.pk: "4"},
        rating_notes={dimension.pk: "拆解清楚"},
        notes="推荐进入背调",
    )

    assert (card.stage.kind, card.interviewer, card.recommendation, card.notes) == (
        "human_interview",
        rnd_manager,
        "yes",
        "推荐进入背调",
    )
    assert list(card.ratings.values_list("dimension__code", "rating", "note")) == [("problem-solving", 4, "拆解清楚")]
    before = _written()
    with pytest.raises(Conflict) as twice:
        scorecard_submit(actor=rnd_manager, application=application, recommendation="yes", ratings={dimension.pk: 4})
    assert twice.value.code == RecruitmentErrorCode.SCORECARD_DUPLICATE
    assert _written() == before


def test_scorecard_refuses_missing_or_out_of_range_ratings_and_other_stages(
    recruitment: RecruitmentWorld, hr: User, three: list[Application]
) -> None:
    application = three[0]
    dimension = Dimension.objects.get(code="problem-solving")
    before = _written()
    with pytest.raises(Conflict) as not_human:
        scorecard_submit(actor=hr, application=application, recommendation="yes", ratings={dimension.pk: 3})
    assert not_human.value.code == RecruitmentErrorCode.SCORECARD_INVALID
    application_move(actor=hr, application=application, to_stage=stage_of(recruitment.external, K.HUMAN_INTERVIEW))
    before = _written()
    with pytest.raises(ValidationFailed) as caught:
        scorecard_submit(actor=hr, application=application, recommendation="maybe", ratings={dimension.pk: 6})
    assert caught.value.fields == {
        "recommendation": ["Choose a recommendation."],
        f"rating_{dimension.pk}": ["Rate 问题解决 from 1 to 5."],
    }
    with pytest.raises(ValidationFailed) as missing:
        scorecard_submit(actor=hr, application=application, recommendation="no", ratings={})
    assert list(missing.value.fields) == [f"rating_{dimension.pk}"]
    assert _written() == before


# --- human round outcomes ---------------------------------------------------------------------------------------


def test_human_round_outcome_list_on_hand_made_histories(
    recruitment: RecruitmentWorld, hr: User, three: list[Application]
) -> None:
    opening = recruitment.external
    passed_on, rejected_there, still_there = three
    never = external_application(opening, "王四", hr=hr)
    hired = external_application(opening, "冯五", hr=hr)
    back_and_forth = external_application(opening, "陈六", hr=hr)
    human, bg, offer, screening = (
        stage_of(opening, k) for k in (K.HUMAN_INTERVIEW, K.BACKGROUND_CHECK, K.OFFER, K.SCREENING)
    )
    for application in (passed_on, rejected_there, still_there, hired, back_and_forth):
        application_move(actor=hr, application=application, to_stage=human)
    application_move(actor=hr, application=passed_on, to_stage=bg)
    application_reject(actor=hr, application=rejected_there, reason="skills_gap")
    application_hire(actor=hr, application=hired)
    application_move(actor=hr, application=back_and_forth, to_stage=screening)
    application_move(actor=hr, application=back_and_forth, to_stage=human)
    application_move(actor=hr, application=back_and_forth, to_stage=offer)
    application_reject(actor=hr, application=never, reason="experience")

    outcomes = human_round_outcome_list(application_ids=[a.pk for a in (*three, never, hired, back_and_forth)])

    assert outcomes == {passed_on.pk: True, rejected_there.pk: False, hired.pk: True, back_and_forth.pk: True}


# --- the AI interview hook --------------------------------------------------------------------------------------


def _scored(application: Application, *, passed: bool) -> InterviewSession:
    assert application.invitation is not None
    session = InterviewSession.objects.create(
        invitation=application.invitation,
        status=InterviewSession.Status.SUBMITTED,
        submitted_at=timezone.now(),
        question_count=1,
    )
    SessionScore.objects.create(
        session=session,
        scorer_name="rubric_scorer",
        scorer_version="v1",
        overall=80.0 if passed else 40.0,
        passed=passed,
        threshold=60.0,
        dimensions={},
    )
    return session


def test_a_passed_ai_interview_advances_only_when_the_opening_says_so(
    recruitment: RecruitmentWorld, hr: User, three: list[Application]
) -> None:
    application = three[0]
    _scored(application, passed=True)

    assert application_ai_result_apply(application_id=application.pk) is None
    assert len(_history(application)) == 1

    recruitment.external.auto_advance_on_ai_pass = True
    recruitment.external.save()
    move = application_ai_result_apply(application_id=application.pk)

    assert move is not None
    application.refresh_from_db()
    assert application.stage.kind == "human_interview"  # type: ignore[union-attr]
    assert _history(application)[-1] == (
        "ai_interview",
        "human_interview",
        "active",
        "active",
        None,
        "",
        "AI interview passed: advanced automatically.",
    )
    assert application_ai_result_apply(application_id=application.pk) is None  # twice is harmless


def test_a_failed_ai_interview_is_never_rejected_automatically(
    recruitment: RecruitmentWorld, three: list[Application]
) -> None:
    recruitment.external.auto_advance_on_ai_pass = True
    recruitment.external.save()
    application = three[0]
    _scored(application, passed=False)
    before = _written()

    assert application_ai_result_apply(application_id=application.pk) is None

    application.refresh_from_db()
    assert (application.status, application.stage.kind) == ("active", "ai_interview")  # type: ignore[union-attr]
    assert _written() == before


def test_a_human_review_request_holds_automation_and_says_why_once(
    recruitment: RecruitmentWorld, three: list[Application], candidate_a: User
) -> None:
    recruitment.external.auto_advance_on_ai_pass = True
    recruitment.external.save()
    application = three[0]
    session = _scored(application, passed=True)
    now = timezone.now()
    ReviewRequest.objects.create(
        session=session,
        kind=ReviewRequest.Kind.HUMAN_REVIEW,
        text="请人工复核",
        requested_by=candidate_a,
        requested_at=now,
        due_at=now + timedelta(days=15),
        ai_overall=80.0,
        ai_passed=True,
    )

    held = application_ai_result_apply(application_id=application.pk)
    again = application_ai_result_apply(application_id=application.pk)

    assert held is not None and again is None
    application.refresh_from_db()
    assert application.stage.kind == "ai_interview"  # type: ignore[union-attr]
    assert _history(application)[-1] == (
        "ai_interview",
        "ai_interview",
        "active",
        "active",
        None,
        AUTOMATION_HELD_HUMAN_REVIEW,
        "The candidate asked for a human review: no automatic move.",
    )
    assert human_round_outcome_list(application_ids=[application.pk]) == {}


def test_the_task_after_submission_applies_the_result(recruitment: RecruitmentWorld, three: list[Application]) -> None:
    from talentloop.recruitment.tasks import apply_ai_result_task

    recruitment.external.auto_advance_on_ai_pass = True
    recruitment.external.save()
    session = _scored(three[0], passed=True)

    move_id = apply_ai_result_task(session.pk)

    assert move_id is not None
    assert StageMove.objects.get(pk=move_id).to_stage.kind == "human_interview"  # type: ignore[union-attr]


# --- the board --------------------------------------------------------------------------------------------------


def test_board_groups_active_cards_by_stage_with_ai_score_days_and_scorecards(
    recruitment: RecruitmentWorld, hr: User, three: list[Application]
) -> None:
    opening = recruitment.external
    _scored(three[0], passed=True)
    application_move(actor=hr, application=three[1], to_stage=stage_of(opening, K.HUMAN_INTERVIEW))
    application_reject(actor=hr, application=three[2], reason="compensation")

    board = opening_board_get(opening=opening, now=timezone.now() + timedelta(days=3))

    assert [(c.stage.kind, [card.application.person.full_name for card in c.cards]) for c in board.columns] == [
        ("screening", []),
        ("ai_interview", ["周一"]),
        ("human_interview", ["吴二"]),
        ("background_check", []),
        ("offer", []),
        ("hired", []),
    ]
    card = board.columns[1].cards[0]
    assert (card.ai_overall, card.ai_passed, card.days_in_stage, card.scorecard_count) == (80.0, True, 3, 0)
    assert [a.person.full_name for a in board.closed] == ["郑三"]
