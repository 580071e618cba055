"""My data from start to end: a scored, rated, reviewed candidate with a growth path exports everything, a human
review still open holds the erasure, and the executed erasure leaves not one of their words anywhere in the database
(nor the audio file) while the agreement figures and the funnel counts stay exactly as they were."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from talentloop.accounts.models import User
from talentloop.assessments.models import SessionScore
from talentloop.assessments.rating_selectors import agreement_tables_get
from talentloop.assessments.services.ratings import rating_record
from talentloop.competencies.models import Dimension
from talentloop.core.exceptions import Conflict
from talentloop.feedback.models import GrowthPathItem, Report, ReviewRequest
from talentloop.feedback.services.growth import growth_item_note, growth_path_build
from talentloop.feedback.services.reports import report_build
from talentloop.feedback.services.reviews import review_request_create, review_request_resolve
from talentloop.interviews.models import Answer, InterviewSession, Invitation
from talentloop.interviews.selectors import template_list
from talentloop.interviews.tests.conftest import T0
from talentloop.org.models import Candidate
from talentloop.privacy.errors import PrivacyErrorCode
from talentloop.privacy.models import DeletionRequest
from talentloop.privacy.services import (
    deletion_request_create,
    deletion_request_decide,
    deletion_request_refresh,
    personal_data_export,
    personal_data_export_json,
)
from talentloop.privacy.tests.conftest import Interviewed

pytestmark = pytest.mark.django_db

# Words only the first candidate (or what was written about them) ever produced.
THEIR_WORDS = {
    "answer": "周婷的回答：我会先问客户三万元的预算",
    "draft": "周婷的草稿：还没写完",
    "transcript": "我会先询问客户的预算",
    "rating_note": "周婷这题答得很具体",
    "growth_note": "周婷的学习笔记",
    "review_text": "周婷想知道为什么没有通过",
    "review_response": "给周婷的解释：缺少量化结果",
    "human_review_text": "周婷请求人工复核",
}


def database_text() -> str:
    """Every row of every table, as one JSON text (the test database is small)."""
    rows = {
        model._meta.label: list(model._default_manager.values())
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False)


def funnel() -> dict[str, Any]:
    """The counts a recruiting funnel is built from: invitations per template, sessions per status, scored and
    passed interviews, candidates per status."""
    newest = {score.session_id: score for score in SessionScore.objects.order_by("session_id", "version")}
    return {
        "invitations": {template.name: getattr(template, "invitation_total") for template in template_list()},  # noqa: B009
        "sessions": dict(Counter(InterviewSession.objects.values_list("status", flat=True))),
        "scored": len(newest),
        "passed": sum(1 for score in newest.values() if score.passed),
        "overall": sorted(score.overall for score in newest.values()),
        "candidates": dict(Candidate.objects.values_list("status").annotate(total=Count("pk"))),
        "answers": dict(Counter(Answer.objects.values_list("status", flat=True))),
    }


def agreement() -> list[tuple[str, int, object, object]]:
    tables = agreement_tables_get()
    rows = [*tables.by_question, *tables.by_dimension, *([tables.overall] if tables.overall else [])]
    return [(row.label, row.rating_count, row.ai_human, row.human_human) for row in rows]


@pytest.fixture
def followed(first: Interviewed, second: Interviewed, hr_user: User) -> Interviewed:
    """The first candidate's interview, rated by HR, reported, with a growth path and a resolved explanation; the
    second's is rated too (the agreement needs more than one person)."""
    Answer.objects.filter(session=first.session, order=1).update(text=THEIR_WORDS["answer"])
    Answer.objects.filter(session=first.session, order=3).update(draft_text=THEIR_WORDS["draft"])
    needs = Dimension.objects.get(code="customer-needs")
    for who, note in ((first, THEIR_WORDS["rating_note"]), (second, "")):
        for order, level in ((1, 4), (2, 2)):
            answer = Answer.objects.get(session=who.session, order=order)
            rating_record(rater=hr_user, answer=answer, dimension=needs, level=level, note=note if order == 1 else "")
    assert report_build(session=first.session) is not None
    path = growth_path_build(session=first.session, now=T0)
    item = path.items.order_by("rank").first()
    assert item is not None
    growth_item_note(item=item, note=THEIR_WORDS["growth_note"])
    review = review_request_create(
        actor=first.user,
        session=first.session,
        kind=ReviewRequest.Kind.EXPLANATION,
        text=THEIR_WORDS["review_text"],
        now=T0,
    )
    review_request_resolve(actor=hr_user, review_request=review, response=THEIR_WORDS["review_response"], now=T0)
    return first


def test_export_then_held_then_executed_erasure_leaves_only_anonymous_aggregates(
    client: Client,
    followed: Interviewed,
    second: Interviewed,
    hr_user: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given the candidate's whole story is in the database
    text = database_text()
    for words in set(THEIR_WORDS.values()) - {THEIR_WORDS["human_review_text"]}:
        assert words in text
    assert default_storage.exists(followed.recording_name)

    # when they export their data, then every part's section holds their words
    document = json.loads(
        personal_data_export_json(personal_data_export(actor=followed.user, person_id=followed.person.pk))
    )
    sections = document["sections"]
    assert document["schema_version"] == 2
    interview = sections["interviews"]["data"]["interviews"][0]["session"]
    assert interview["answers"][0]["answer"] == THEIR_WORDS["answer"]
    assert interview["answers"][2]["draft"] == THEIR_WORDS["draft"]
    assert interview["answers"][0]["recordings"][0]["transcript"] == THEIR_WORDS["transcript"]
    assert [r["note"] for r in sections["scores"]["data"]["human_ratings_of_your_answers"]] == [
        THEIR_WORDS["rating_note"],
        "",
    ]
    feedback = sections["feedback"]["data"]
    assert [report["version"] for report in feedback["reports"]] == [1]
    assert [a["note"] for a in feedback["growth_paths"][0]["actions"] if a["note"]] == [THEIR_WORDS["growth_note"]]
    assert [(r["text"], r["response"]) for r in feedback["review_requests"]] == [
        (THEIR_WORDS["review_text"], THEIR_WORDS["review_response"])
    ]

    # given they then ask for a human review, and for deletion
    review = review_request_create(
        actor=followed.user,
        session=followed.session,
        kind=ReviewRequest.Kind.HUMAN_REVIEW,
        text=THEIR_WORDS["human_review_text"],
        now=T0,
    )
    request = deletion_request_create(actor=followed.user, person_id=followed.person.pk, confirmed=True)

    # then the request is on legal hold, with the open review as its stated reason
    assert request.status == DeletionRequest.Status.HELD
    assert [(hold["code"], hold["params"]["review_request_id"]) for hold in request.hold_reasons] == [
        ("open_review_request", review.pk)
    ]
    assert "2026-11-20" in request.hold_reasons[0]["message"]  # the day the open review was asked for

    # and approval is refused with that reason, and nothing is written or erased
    before = database_text()
    with pytest.raises(Conflict) as refused:
        deletion_request_decide(actor=hr_user, deletion_request_id=request.pk, decision="approve")
    assert refused.value.code == PrivacyErrorCode.LEGAL_HOLD
    assert [hold["code"] for hold in refused.value.extra["holds"]] == ["open_review_request"]
    assert database_text() == before

    # when HR decides the review, the hold lifts, and HR approves (the erasure runs after commit)
    review_request_resolve(actor=hr_user, review_request=review, response="维持原决定", decision="uphold", now=T0)
    assert deletion_request_refresh(deletion_request_id=request.pk).status == DeletionRequest.Status.REQUESTED
    funnel_before, agreement_before = funnel(), agreement()
    with django_capture_on_commit_callbacks(execute=True):
        deletion_request_decide(actor=hr_user, deletion_request_id=request.pk, decision="approve")

    # then the request is executed
    request.refresh_from_db()
    assert request.status == DeletionRequest.Status.EXECUTED
    assert request.erased["feedback"] == {"reports_stripped": 1, "growth_items_cleared": 1, "review_texts_cleared": 2}
    assert request.erased["scores"] == {"answer_scores_stripped": 3, "rating_notes_cleared": 1}

    # and not one of their words remains anywhere in the database, audit log included, nor the audio file
    text = database_text()
    for words in THEIR_WORDS.values():
        assert words not in text, words
    assert not default_storage.exists(followed.recording_name)
    assert default_storage.exists(second.recording_name)
    report = Report.objects.get(session=followed.session)
    assert report.content["candidate"] == ""
    assert [p["evidence"] for d in report.content["dimensions"] for p in d["key_points"] if p["evidence"]] == []
    assert not GrowthPathItem.objects.filter(path__person=followed.person).exclude(note="").exists()

    # and the agreement figures and the funnel counts are exactly as before
    assert agreement() == agreement_before
    assert funnel() == funnel_before
    assert Invitation.objects.filter(candidate__person=followed.person).count() == 1

    # and HR's pages of the erased interview still open, showing the numbers and none of the words
    client.force_login(hr_user)
    for url in (
        reverse("console:interview_session", args=[followed.session.pk]),
        reverse("console:interview_report", args=[followed.session.pk]),
        reverse("console:agreement"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        for words in THEIR_WORDS.values():
            assert words not in response.content.decode(), (url, words)
