"""The real events: a review request answered or made, a report released, a deletion request refused."""

from __future__ import annotations

from typing import Any

from django.core import mail

from talentloop.accounts.models import User
from talentloop.feedback.models import ReportPolicy, ReviewRequest
from talentloop.feedback.selectors import report_get
from talentloop.feedback.services.reports import report_release
from talentloop.feedback.services.reviews import review_request_create, review_request_resolve
from talentloop.feedback.tests.review_fixtures import interview_taken
from talentloop.interviews.models import InterviewSession
from talentloop.notifications.events import (
    report_available_notify,
    report_available_notify_after_scoring,
    review_request_answered_notify,
    review_request_created_notify,
)
from talentloop.notifications.models import Notification
from talentloop.privacy.services import deletion_request_create, deletion_request_decide


def answered(session: InterviewSession, candidate: User, hr: User) -> ReviewRequest:
    review_request = review_request_create(actor=candidate, session=session, kind="explanation", text="为什么？")
    return review_request_resolve(actor=hr, review_request=review_request, response="关键点缺失")


class TestReviewRequests:
    def test_the_candidate_is_told_once_in_their_language(
        self, scored: InterviewSession, candidate_a: User, hr: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        # given
        candidate_a.preferred_language = "en"
        candidate_a.save(update_fields=["preferred_language"])
        review_request = answered(scored, candidate_a, hr)
        # when it is notified twice
        with django_capture_on_commit_callbacks(execute=True):
            first = review_request_answered_notify(review_request=review_request)
            second = review_request_answered_notify(review_request=review_request)
        # then
        assert first is not None and second == first
        assert (first.recipient, first.kind, first.params, first.link) == (
            candidate_a,
            "review_request_answered",
            {"kind": "explanation"},
            f"/portal/interviews/{scored.pk}/review/",
        )
        (email,) = mail.outbox
        assert (email.to, email.subject) == (["zhou.ting@example.com"], "Your request has been answered: Explanation")
        assert "关键点缺失" not in email.body  # the answer is read after signing in
        review_request.refresh_from_db()
        assert review_request.notified_at == first.created_at

    def test_an_open_request_is_not_announced_as_answered(
        self, scored: InterviewSession, candidate_a: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        review_request = review_request_create(actor=candidate_a, session=scored, kind="explanation", text="为什么？")
        with django_capture_on_commit_callbacks(execute=True):
            assert review_request_answered_notify(review_request=review_request) is None
        assert (Notification.objects.count(), mail.outbox) == (0, [])

    def test_a_new_request_reaches_every_hr_user(
        self,
        scored: InterviewSession,
        candidate_a: User,
        hr: User,
        hr_admin: User,
        sales_manager: User,
        django_capture_on_commit_callbacks: Any,
    ) -> None:
        review_request = review_request_create(actor=candidate_a, session=scored, kind="human_review", text="请复核")
        with django_capture_on_commit_callbacks(execute=True):
            sent = review_request_created_notify(review_request=review_request)
        assert sorted(notification.recipient.username for notification in sent) == sorted(
            [hr.username, hr_admin.username]
        )
        assert {notification.link for notification in sent} == {f"/console/reviews/{review_request.pk}/"}
        assert sorted(email.to[0] for email in mail.outbox) == sorted([hr.email, hr_admin.email])
        assert not Notification.objects.filter(recipient=sales_manager).exists()


class TestReport:
    def test_told_when_scoring_releases_it_at_once(
        self, review_world: dict[str, Any], candidate_a: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        # given a submitted interview not yet scored (the default policy releases reports automatically)
        session = interview_taken(review_world, candidate_a, scored=False)
        # when the submitting edge asks for it
        with django_capture_on_commit_callbacks(execute=True):
            report_available_notify_after_scoring(session_id=session.pk)
        # then it was scored, and the candidate told once
        (notification,) = Notification.objects.filter(recipient=candidate_a)
        assert (notification.kind, notification.link) == ("report_available", f"/portal/reports/{session.pk}/")
        assert [email.subject for email in mail.outbox] == ["您的面试报告已生成"]
        with django_capture_on_commit_callbacks(execute=True):
            report_available_notify_after_scoring(session_id=session.pk)
        assert (Notification.objects.count(), len(mail.outbox)) == (1, 1)

    def test_after_hr_release_only_once_released(
        self, scored: InterviewSession, candidate_a: User, hr: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        ReportPolicy.objects.create(
            job_profile=scored.invitation.template.job_profile, release=ReportPolicy.Release.AFTER_HR_RELEASE
        )
        with django_capture_on_commit_callbacks(execute=True):
            assert report_available_notify(session_id=scored.pk) is None
        assert (Notification.objects.count(), mail.outbox) == (0, [])
        report = report_get(session=scored)
        assert report is not None
        report_release(report=report, actor=hr)
        with django_capture_on_commit_callbacks(execute=True):
            notification = report_available_notify(session_id=scored.pk)
        assert notification is not None and notification.recipient == candidate_a
        assert len(mail.outbox) == 1


class TestDeletionRequest:
    def test_a_refusal_is_told_in_the_app_and_emailed_once_by_privacy(
        self, candidate_a: User, hr: User, django_capture_on_commit_callbacks: Any
    ) -> None:
        request = deletion_request_create(actor=candidate_a, person_id=candidate_a.person.pk, confirmed=True)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            deletion_request_decide(actor=hr, deletion_request_id=request.pk, decision="reject", reason="合同期内")
        (notification,) = Notification.objects.filter(recipient=candidate_a)
        assert (notification.kind, notification.params, notification.link) == (
            "deletion_request_decided",
            {"status": "rejected"},
            "/portal/my-data/",
        )
        assert list(notification.deliveries.values_list("channel", "status")) == [("in_app", "sent")]
        assert len(mail.outbox) == 1  # privacy's own notice, not a second email
