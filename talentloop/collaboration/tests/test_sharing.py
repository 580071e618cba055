"""Sharing a result with a hiring manager: the share and its card, the manager's one answer, the HR task and its
scheduling, and every refusal writing and sending nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.collaboration.access import discussion_can_see, hr_task_get_for_user, result_share_get_for_user
from talentloop.collaboration.errors import CollaborationErrorCode
from talentloop.collaboration.models import Comment, HrTask, ManagerResponse, ResultShare
from talentloop.collaboration.selectors import hr_task_counts, share_snippet_suggestions
from talentloop.collaboration.sharing import (
    hr_task_cancel,
    hr_task_schedule,
    manager_respond,
    result_share_create,
    share_comment_create,
)
from talentloop.collaboration.tests.share_fixtures import ANSWERS, shared_interview_taken
from talentloop.core.exceptions import Conflict, NotFound, PermissionDenied, ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.interviews.models import InterviewSession, InterviewTemplate, Invitation
from talentloop.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _nothing_shared() -> None:
    assert ResultShare.objects.count() == 0
    assert Notification.objects.count() == 0
    assert AuditEvent.objects.filter(object_type__icontains="resultshare").count() == 0


def _answers_unchanged(share: ResultShare) -> None:
    share.refresh_from_db()
    assert share.status == ResultShare.Status.OPEN
    assert ManagerResponse.objects.count() == 0
    assert HrTask.objects.count() == 0
    assert Comment.objects.count() == 0
    assert Notification.objects.filter(kind="manager_responded").count() == 0


def test_snippet_suggestions_are_the_evidence_quotes_best_answer_first(shared_session: InterviewSession) -> None:
    suggestions = share_snippet_suggestions(session=shared_session)
    assert [(item["order"], item["snippet"]) for item in suggestions] == [
        (1, "我会先倾听客户的需求，再用简单的话解释方案"),
        (2, ANSWERS[2]),
        (3, ANSWERS[3]),
    ]


def test_hr_shares_a_result_with_the_default_snippets(
    shared_session: InterviewSession, hr: User, sales_manager: User
) -> None:
    # When HR shares the result with the Sales manager, without choosing snippets
    share = result_share_create(actor=hr, session=shared_session, manager=sales_manager, note="请看团队协作")
    # Then the share is open, with the three best quotes and the card
    assert (share.status, share.manager, share.shared_by, share.note) == ("open", sales_manager, hr, "请看团队协作")
    assert [(item["order"], item["snippet"]) for item in share.snippets] == [
        (1, "我会先倾听客户的需求，再用简单的话解释方案"),
        (2, ANSWERS[2]),
        (3, ANSWERS[3]),
    ]
    assert [(entry["code"], entry["score"], entry["meets_requirement"]) for entry in share.card["dimensions"]] == [
        ("communication", 50.0, True),
        ("teamwork", 0.0, False),
    ]
    assert [button["key"] for button in share.card["buttons"]] == [
        "advance",
        "reject",
        "supplementary:teamwork",
        "supplementary:communication",
    ]
    # and the manager was told once, with the card and a link to the share
    [notification] = Notification.objects.all()
    assert (notification.recipient, notification.kind, notification.link, notification.params["share"]) == (
        sales_manager,
        "result_shared",
        f"/console/shares/{share.pk}/",
        share.pk,
    )
    assert notification.params["card"] == share.card
    assert AuditEvent.objects.filter(action="create", object_id=str(share.pk), object_type__icontains="share").count()


def test_sharing_with_a_manager_of_another_department_grants_them_the_interview(
    shared_session: InterviewSession, hr: User, rnd_manager: User
) -> None:
    assert discussion_can_see(rnd_manager, shared_session) is False
    share = result_share_create(actor=hr, session=shared_session, manager=rnd_manager)
    assert discussion_can_see(rnd_manager, shared_session) is True
    assert "rnd.manager" in set(shared_session.invitation.candidate.interviewers.values_list("username", flat=True))
    assert AuditEvent.objects.filter(action="grant", changes={"assigned": rnd_manager.pk}).count() == 1
    assert result_share_get_for_user(rnd_manager, share.pk) == share


@pytest.mark.parametrize("persona", ["sales_manager", "interviewer", "employee", "candidate_a"])
def test_only_hr_may_share(
    shared_session: InterviewSession, personas: dict[str, User], sales_manager: User, persona: str
) -> None:
    with pytest.raises(PermissionDenied) as refused:
        result_share_create(actor=personas[persona], session=shared_session, manager=sales_manager)
    assert refused.value.code == CollaborationErrorCode.SHARE_NOT_ALLOWED
    _nothing_shared()


@pytest.mark.parametrize("persona", ["hr", "interviewer", "employee"])
def test_sharing_with_someone_who_is_not_a_hiring_manager_is_refused(
    shared_session: InterviewSession, hr: User, personas: dict[str, User], persona: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        result_share_create(actor=hr, session=shared_session, manager=personas[persona])
    assert (refused.value.code, refused.value.fields) == (
        CollaborationErrorCode.SHARE_BAD_MANAGER,
        {"manager": ["Choose a hiring manager."]},
    )
    _nothing_shared()


@pytest.mark.parametrize(
    ("snippets", "message"),
    [
        ([{"answer": 0, "snippet": "x"}], "Choose 2 to 3 answer snippets."),
        ([{"answer": 0, "snippet": "a"}] * 4, "Choose 2 to 3 answer snippets."),
        ("foreign", "That answer is not part of this interview."),
        ("invented", "The quoted words are not in the answer."),
    ],
)
def test_bad_snippets_are_refused(
    shared_session: InterviewSession,
    share_world: dict[str, Any],
    candidate_b: User,
    hr: User,
    sales_manager: User,
    snippets: object,
    message: str,
) -> None:
    first, second = shared_session.answers.order_by("order")[:2]
    if snippets == "foreign":
        other = shared_interview_taken(share_world, candidate_b).answers.get(order=1)
        snippets = [{"answer": first.pk, "snippet": ""}, {"answer": other.pk, "snippet": ""}]
    elif snippets == "invented":
        snippets = [{"answer": first.pk, "snippet": "客户"}, {"answer": second.pk, "snippet": "我从不帮助别人"}]
    Notification.objects.all().delete()
    with pytest.raises(ValidationFailed) as refused:
        result_share_create(actor=hr, session=shared_session, manager=sales_manager, snippets=snippets)  # type: ignore[arg-type]
    assert (refused.value.code, refused.value.message) == (CollaborationErrorCode.SHARE_BAD_SNIPPETS, message)
    _nothing_shared()


def test_an_unscored_interview_cannot_be_shared(
    shared_session: InterviewSession, hr: User, sales_manager: User
) -> None:
    shared_session.scores.all().delete()
    with pytest.raises(ValidationFailed) as refused:
        result_share_create(actor=hr, session=shared_session, manager=sales_manager)
    assert refused.value.code == CollaborationErrorCode.SHARE_NOT_SCORED
    _nothing_shared()


def test_a_result_still_waiting_for_the_same_manager_is_not_shared_again(
    shared_session: InterviewSession, hr: User, sales_manager: User
) -> None:
    result_share_create(actor=hr, session=shared_session, manager=sales_manager)
    with pytest.raises(Conflict) as refused:
        result_share_create(actor=hr, session=shared_session, manager=sales_manager)
    assert refused.value.message == "张伟 already has this result and has not answered yet."
    assert (ResultShare.objects.count(), Notification.objects.count()) == (1, 1)


@pytest.fixture
def share(shared_session: InterviewSession, hr: User, sales_manager: User) -> ResultShare:
    return result_share_create(actor=hr, session=shared_session, manager=sales_manager)


@pytest.mark.parametrize("decision", ["advance", "reject"])
def test_the_manager_advances_or_rejects(share: ResultShare, hr: User, sales_manager: User, decision: str) -> None:
    response = manager_respond(user=sales_manager, share=share, decision=decision)
    assert (response.decision, response.dimensions, response.channel, response.comment) == (decision, [], "web", None)
    share.refresh_from_db()
    assert share.status == "answered"
    assert HrTask.objects.count() == 0
    [told] = Notification.objects.filter(recipient=hr)
    assert (told.kind, told.params["decision"], told.params["manager"], told.link) == (
        "manager_responded",
        decision,
        "张伟",
        f"/console/shares/{share.pk}/",
    )


def test_a_supplementary_request_opens_an_hr_task_and_keeps_the_comment(
    share: ResultShare, hr: User, sales_manager: User
) -> None:
    response = manager_respond(
        user=sales_manager,
        share=share,
        decision="supplementary",
        dimensions=["teamwork", "teamwork", ""],
        comment="合作经历说得太少",
    )
    assert (response.decision, response.dimensions, response.comment.body) == (  # type: ignore[union-attr]
        "supplementary",
        ["teamwork"],
        "合作经历说得太少",
    )
    [task] = HrTask.objects.all()
    assert (task.kind, task.status, task.focus_dimensions, task.assignee, task.share, task.invitation) == (
        "supplementary_interview",
        "open",
        ["teamwork"],
        hr,
        share,
        None,
    )
    assert task.due_date == timezone.localdate() + timedelta(days=3)
    assert hr_task_counts() == {"open": 1, "scheduled": 0, "done": 0, "cancelled": 0}


@pytest.mark.parametrize(
    ("decision", "dimensions", "code"),
    [
        ("maybe", [], CollaborationErrorCode.RESPONSE_BAD_DECISION),
        ("supplementary", [], CollaborationErrorCode.RESPONSE_BAD_DIMENSIONS),
        ("supplementary", ["leadership"], CollaborationErrorCode.RESPONSE_BAD_DIMENSIONS),
    ],
)
def test_an_incomplete_answer_is_refused(
    share: ResultShare, sales_manager: User, decision: str, dimensions: list[str], code: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        manager_respond(user=sales_manager, share=share, decision=decision, dimensions=dimensions, comment="x")
    assert refused.value.code == code
    _answers_unchanged(share)


@pytest.mark.parametrize("persona", ["hr", "rnd_manager", "interviewer"])
def test_only_the_manager_it_was_shared_with_may_answer(
    share: ResultShare, personas: dict[str, User], persona: str
) -> None:
    with pytest.raises(PermissionDenied):
        manager_respond(user=personas[persona], share=share, decision="advance")
    _answers_unchanged(share)


def test_answering_twice_is_refused_and_changes_nothing(share: ResultShare, sales_manager: User) -> None:
    manager_respond(user=sales_manager, share=share, decision="supplementary", dimensions=["teamwork"])
    with pytest.raises(Conflict) as refused:
        manager_respond(user=sales_manager, share=share, decision="advance", comment="改主意了")
    assert (refused.value.code, refused.value.message) == (
        CollaborationErrorCode.SHARE_ALREADY_ANSWERED,
        "You already answered this result: Supplementary interview: 团队协作.",
    )
    assert list(ManagerResponse.objects.values_list("decision", flat=True)) == ["supplementary"]
    assert (HrTask.objects.count(), Comment.objects.count()) == (1, 0)


def test_a_comment_on_the_share_goes_to_the_discussion(share: ResultShare, sales_manager: User) -> None:
    comment = share_comment_create(user=sales_manager, share=share, body="沟通不错")
    assert (comment.session_id, comment.author, comment.body) == (share.session_id, sales_manager, "沟通不错")


def test_a_comment_by_someone_who_may_not_see_the_interview_is_not_found(share: ResultShare, rnd_manager: User) -> None:
    with pytest.raises(NotFound):
        share_comment_create(user=rnd_manager, share=share, body="看看")
    assert Comment.objects.count() == 0


@pytest.fixture
def task(share: ResultShare, sales_manager: User) -> HrTask:
    manager_respond(user=sales_manager, share=share, decision="supplementary", dimensions=["teamwork"])
    return HrTask.objects.get()


def test_hr_schedules_a_supplementary_interview_on_the_focus_dimensions(
    task: HrTask, hr: User, shared_session: InterviewSession
) -> None:
    asked = set(shared_session.answers.values_list("question__code", flat=True))
    assert asked == {"c1", "c2", "t1"}
    task = hr_task_schedule(actor=hr, task=task, valid_days=5)
    assert task.status == "scheduled"
    invitation = task.invitation
    assert invitation is not None
    assert invitation.candidate == shared_session.invitation.candidate
    template = invitation.template
    codes = list(template.items.order_by("order").values_list("question__code", flat=True))
    # Two teamwork questions from the bank, none of those asked before
    assert codes == ["t2", "t3"]
    assert not set(codes) & asked
    assert set(template.items.values_list("question__rubrics__dimension__code", flat=True).distinct()) == {"teamwork"}
    assert template.is_active is False  # personal: nobody else is invited to it
    assert (invitation.expires_at - invitation.created_at).days in (4, 5)
    assert hr_task_counts()["scheduled"] == 1


def test_scheduling_twice_or_by_a_manager_is_refused_and_writes_nothing(
    task: HrTask, hr: User, sales_manager: User
) -> None:
    templates_before, invitations_before = InterviewTemplate.objects.count(), Invitation.objects.count()
    with pytest.raises(PermissionDenied):
        hr_task_schedule(actor=sales_manager, task=task)
    hr_task_schedule(actor=hr, task=task)
    with pytest.raises(Conflict) as refused:
        hr_task_schedule(actor=hr, task=task)
    assert refused.value.code == CollaborationErrorCode.TASK_NOT_OPEN
    assert (InterviewTemplate.objects.count(), Invitation.objects.count()) == (
        templates_before + 1,
        invitations_before + 1,
    )


def test_a_cancelled_task_cannot_be_scheduled(task: HrTask, hr: User) -> None:
    hr_task_cancel(actor=hr, task=task)
    with pytest.raises(Conflict):
        hr_task_schedule(actor=hr, task=task)
    task.refresh_from_db()
    assert (task.status, task.invitation) == ("cancelled", None)


@pytest.mark.parametrize("persona", ["sales_manager", "rnd_manager", "interviewer", "candidate_a"])
def test_shares_and_tasks_are_not_found_for_the_wrong_people(
    task: HrTask, share: ResultShare, personas: dict[str, User], persona: str
) -> None:
    user = personas[persona]
    with pytest.raises(NotFound):
        hr_task_get_for_user(user, task.pk)
    if persona != "sales_manager":
        with pytest.raises(NotFound):
            result_share_get_for_user(user, share.pk)
    else:
        assert result_share_get_for_user(user, share.pk) == share


def test_erasing_the_candidate_deletes_their_shared_cards_answers_and_tasks(
    task: HrTask, share: ResultShare, candidate_a: User
) -> None:
    from talentloop.collaboration.personal_data import DiscussionsPart
    from talentloop.core.personal_data import Subject

    subject = Subject(person_id=candidate_a.person.pk, user_id=candidate_a.pk)
    assert ("collaboration.resultshare", str(share.pk)) in list(DiscussionsPart().records(subject))
    assert DiscussionsPart().erase(subject) == {"hr_tasks": 1, "result_shares": 1}
    assert (ResultShare.objects.count(), ManagerResponse.objects.count(), HrTask.objects.count()) == (0, 0, 0)
    assert DiscussionsPart().erase(subject) == {}
