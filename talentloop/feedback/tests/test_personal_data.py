"""feedback's part of "my data": reports, growth paths and review requests are exported exactly, erased down to the
anonymous aggregates, and an open review request holds the erasure."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from talentloop.accounts.models import User
from talentloop.assessments.services.scores import session_score
from talentloop.core.personal_data import Subject
from talentloop.feedback.models import GrowthPath, GrowthPathItem, Report, ReviewRequest
from talentloop.feedback.personal_data import FeedbackPart
from talentloop.feedback.services.erasure import report_content_strip
from talentloop.feedback.services.growth import (
    growth_item_complete,
    growth_item_enrol,
    growth_item_note,
    growth_path_build,
)
from talentloop.feedback.services.reports import report_build
from talentloop.feedback.services.reviews import review_request_create, review_request_resolve
from talentloop.feedback.tests.growth_fixtures import _answer
from talentloop.interviews.models import InterviewSession, Invitation
from talentloop.interviews.services.invitations import invitation_create
from talentloop.interviews.tests.conftest import T0

pytestmark = pytest.mark.django_db

PART = FeedbackPart()


@dataclass(frozen=True)
class Followed:
    """A candidate's scored interview with its report, growth path (a note, completion evidence) and review."""

    user: User
    session: InterviewSession
    report: Report
    path: GrowthPath


def _follow(user: User, session: InterviewSession, hr: User, *, words: str) -> Followed:
    report = report_build(session=session)
    assert report is not None
    path = growth_path_build(session=session, now=T0)
    tip = path.items.filter(kind=GrowthPathItem.Kind.TIP).order_by("rank").first()
    course = path.items.filter(kind=GrowthPathItem.Kind.COURSE).order_by("rank").first()
    assert tip is not None and course is not None
    growth_item_note(item=tip, note=f"{words}的笔记")
    growth_item_enrol(item=course, now=T0)
    growth_item_complete(item=course, evidence_text=f"{words}的证书", evidence_url="https://cert.example.com/1", now=T0)
    review = review_request_create(
        actor=user, session=session, kind=ReviewRequest.Kind.EXPLANATION, text=f"{words}：为什么没通过？", now=T0
    )
    review_request_resolve(actor=hr, review_request=review, response=f"给{words}的解释", now=T0)
    return Followed(user=user, session=session, report=report, path=path)


@pytest.fixture
def followed_a(library: dict[str, Any], scored_interview_of_a: Invitation, hr: User, candidate_a: User) -> Followed:
    return _follow(candidate_a, scored_interview_of_a.session, hr, words="周婷")


@pytest.fixture
def followed_b(followed_a: Followed, hr: User, candidate_b: User, org: Any) -> Followed:
    invitation = invitation_create(
        actor=hr,
        template=followed_a.session.invitation.template,
        company=org.company,
        candidate=candidate_b.person.candidate,
        send=False,
    )
    session = _answer(invitation)
    session_score(session_id=session.pk)
    return _follow(candidate_b, session, hr, words="吴杰")


def subject_of(user: User) -> Subject:
    return Subject(person_id=user.person.pk, user_id=user.pk)


def as_json(data: Any) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


# --- export -------------------------------------------------------------------------------------------------------


def test_export_holds_the_persons_reports_growth_path_and_review_requests_only(
    followed_a: Followed, followed_b: Followed
) -> None:
    # when the first candidate's part is exported
    data = PART.export(subject_of(followed_a.user))

    # then it holds their one report with its stored content, their growth path with their note and evidence,
    # and their request with HR's answer (but not who answered)
    assert list(data) == ["reports", "growth_paths", "review_requests"]
    (report,) = data["reports"]
    followed_a.report.refresh_from_db()
    assert report == {
        "interview": followed_a.session.invitation.template.name,
        "version": 1,
        "built_at": followed_a.report.built_at,
        "released_at": None,
        "content": followed_a.report.content,
    }
    assert report["content"]["candidate"] == "周婷"
    (path,) = data["growth_paths"]
    assert path["gaps"] == followed_a.path.gaps
    assert len(path["actions"]) == followed_a.path.items.count()
    noted = [action for action in path["actions"] if action["note"]]
    done = [action for action in path["actions"] if action["status"] == "done"]
    assert [action["note"] for action in noted] == ["周婷的笔记"]
    assert [(action["completion_evidence"], action["evidence_link"]) for action in done] == [
        ("周婷的证书", "https://cert.example.com/1")
    ]
    (review,) = data["review_requests"]
    request = ReviewRequest.objects.get(session=followed_a.session)
    assert review == {
        "interview": followed_a.session.invitation.template.name,
        "kind": "explanation",
        "status": "done",
        "text": "周婷：为什么没通过？",
        "requested_at": T0,
        "due_at": request.due_at,
        "ai_overall": request.ai_overall,
        "ai_passed": request.ai_passed,
        "decision": "",
        "response": "给周婷的解释",
        "resolved_at": T0,
    }

    # and nothing of the other candidate or of the member of staff who answered
    text = as_json(data)
    for foreign in ("吴杰", "李娜"):
        assert foreign not in text

    # and the records name exactly the person's report, path and request
    assert sorted(PART.records(subject_of(followed_a.user))) == sorted(
        [
            ("feedback.report", str(followed_a.report.pk)),
            ("feedback.growthpath", str(followed_a.path.pk)),
            ("feedback.reviewrequest", str(request.pk)),
        ]
    )


# --- holds --------------------------------------------------------------------------------------------------------


def test_an_open_human_review_is_a_legal_hold_with_its_reason(followed_a: Followed, followed_b: Followed) -> None:
    # given a resolved explanation only: no hold
    assert PART.holds(subject_of(followed_a.user)) == []

    # when the candidate asks for a human review
    review = review_request_create(
        actor=followed_a.user,
        session=followed_a.session,
        kind=ReviewRequest.Kind.HUMAN_REVIEW,
        text="请人工复核",
        now=T0,
    )

    # then their erasure is held, saying which request and until when; the other candidate is not held
    review.refresh_from_db()
    (hold,) = PART.holds(subject_of(followed_a.user))
    assert hold.as_dict() == {
        "code": "open_review_request",
        "message": "A request for human review made on 2026-11-20 is still open; HR must answer it (due "
        f"{review.due_at.date().isoformat()}) before the interview can be deleted.",
        "params": {"review_request_id": review.pk, "kind": "human_review", "due": review.due_at.isoformat()},
    }
    assert PART.holds(subject_of(followed_b.user)) == []

    # and once HR decides, the hold is gone
    review_request_resolve(
        actor=User.objects.get(username="hr"), review_request=review, response="维持原决定", decision="uphold", now=T0
    )
    assert PART.holds(subject_of(followed_a.user)) == []


# --- erase --------------------------------------------------------------------------------------------------------


def test_erase_leaves_exactly_the_anonymous_aggregates(followed_a: Followed, followed_b: Followed) -> None:
    # given both candidates' reports, paths and requests
    followed_a.report.refresh_from_db()
    original = copy.deepcopy(followed_a.report.content)
    quotes = [q for d in original["dimensions"] for point in d["key_points"] for q in point["evidence"]]
    assert quotes  # the report quotes the answers before the erasure
    progress = list(
        GrowthPathItem.objects.filter(path=followed_a.path).order_by("rank").values_list("status", "completed_at")
    )
    b_before = (
        Report.objects.get(pk=followed_b.report.pk).content,
        list(GrowthPathItem.objects.filter(path=followed_b.path).values_list("note", "evidence_text", "evidence_url")),
        list(ReviewRequest.objects.filter(session=followed_b.session).values_list("text", "response")),
    )

    # when the first candidate's part is erased
    done = PART.erase(subject_of(followed_a.user))

    # then it says what it did
    assert done == {"reports_stripped": 1, "growth_items_cleared": 2, "review_texts_cleared": 1}

    # and the report keeps its scores, levels and note codes but no name and no quote
    report = Report.objects.get(pk=followed_a.report.pk)
    assert report.content == report_content_strip(original)
    assert report.content["candidate"] == ""
    assert (report.content["overall"], report.content["passed"]) == (original["overall"], original["passed"])
    assert [(d["code"], d["score"], d["level"]) for d in report.content["dimensions"]] == [
        (d["code"], d["score"], d["level"]) for d in original["dimensions"]
    ]
    assert [p["evidence"] for d in report.content["dimensions"] for p in d["key_points"]] == [
        [] for d in original["dimensions"] for _point in d["key_points"]
    ]
    assert report.content["answers"] == original["answers"]  # note codes and numbers, no words of the answer

    # and the path keeps its gaps and each action's status and dates, without notes or evidence
    assert GrowthPath.objects.get(pk=followed_a.path.pk).gaps == followed_a.path.gaps
    items = GrowthPathItem.objects.filter(path=followed_a.path).order_by("rank")
    assert list(items.values_list("status", "completed_at")) == progress
    assert set(items.values_list("note", "evidence_text", "evidence_url")) == {("", "", "")}

    # and the request keeps its kind, status, decision and dates, without the candidate's text or the answer
    request = ReviewRequest.objects.get(session=followed_a.session)
    assert (request.kind, request.status, request.decision, request.text, request.response) == (
        "explanation",
        "done",
        "",
        "",
        "",
    )
    assert request.resolved_at == T0

    # and the other candidate is untouched, and a second erase finds nothing
    assert b_before == (
        Report.objects.get(pk=followed_b.report.pk).content,
        list(GrowthPathItem.objects.filter(path=followed_b.path).values_list("note", "evidence_text", "evidence_url")),
        list(ReviewRequest.objects.filter(session=followed_b.session).values_list("text", "response")),
    )
    assert PART.erase(subject_of(followed_a.user)) == {}


def test_erasing_a_mentor_takes_their_name_out_of_other_peoples_growth_actions(
    followed_a: Followed, employee: User
) -> None:
    # given the candidate's path recommends the mentor 赵静
    mentor_items = GrowthPathItem.objects.filter(path=followed_a.path, kind=GrowthPathItem.Kind.MENTOR)
    (item,) = mentor_items
    assert "赵静" in item.explanation and "赵静" in item.explanation_en

    # when the mentor's own data is erased
    done = PART.erase(subject_of(employee))

    # then the action stays, naming "a former mentor" instead, and the candidate's own data is untouched
    assert done == {"mentor_names_removed": 1}
    item.refresh_from_db()
    assert "赵静" not in item.explanation and "赵静" not in item.explanation_en
    assert "一位前导师" in item.explanation and "a former mentor" in item.explanation_en
    assert GrowthPathItem.objects.filter(path=followed_a.path).exclude(note="").count() == 1
    assert PART.erase(subject_of(employee)) == {}
