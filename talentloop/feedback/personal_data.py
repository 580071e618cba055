"""feedback's parts of "my data": the person's reports, growth paths and review requests, and their
re-applications after an interview they did not pass (see talentloop/core/personal_data.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talentloop.core.personal_data import Hold, PersonalDataPart, Subject, personal_data_part_register
from talentloop.feedback.models import GrowthPath, Report, ReviewRequest
from talentloop.feedback.reapplication_selectors import reapplication_list_for_person, reapplication_rows
from talentloop.feedback.services.erasure import person_feedback_erase
from talentloop.feedback.services.reapplications import person_reapplications_erase
from talentloop.org.models import Person


def _report(report: Report) -> dict[str, Any]:
    return {
        "interview": report.session.invitation.template.name,
        "version": report.version,
        "built_at": report.built_at,
        "released_at": report.released_at,
        "content": report.content,
    }


def _growth_path(path: GrowthPath) -> dict[str, Any]:
    return {
        "interview": path.session.invitation.template.name,
        "built_at": path.built_at,
        "gaps": path.gaps,
        "actions": [
            {
                "rank": item.rank,
                "kind": item.kind,
                "dimension": item.dimension.name,
                "key_point": item.key_point,
                "explanation": item.explanation,
                "explanation_en": item.explanation_en,
                "status": item.status,
                "note": item.note,
                "completion_evidence": item.evidence_text,
                "evidence_link": item.evidence_url,
                "enrolled_at": item.enrolled_at,
                "completed_at": item.completed_at,
            }
            for item in path.items.all()
        ],
    }


def _review_request(review_request: ReviewRequest) -> dict[str, Any]:
    # Who answered is left out: that names a member of staff.
    return {
        "interview": review_request.session.invitation.template.name,
        "kind": review_request.kind,
        "status": review_request.status,
        "text": review_request.text,
        "requested_at": review_request.requested_at,
        "due_at": review_request.due_at,
        "ai_overall": review_request.ai_overall,
        "ai_passed": review_request.ai_passed,
        "decision": review_request.decision,
        "response": review_request.response,
        "resolved_at": review_request.resolved_at,
    }


@personal_data_part_register
class FeedbackPart(PersonalDataPart):
    """Reports (the PDF is rendered from the stored content, so the content is the report), growth paths with the
    person's notes and completion evidence, and their requests for an explanation or a human review.

    An open review request is a legal hold: the person asked for a decision to be looked at again, and erasing the
    interview would destroy what the reviewer must read (PIPL Art. 24; GDPR Art. 22(3))."""

    key = "feedback"
    floor = 5
    title = _("Reports, growth paths and review requests")

    def export(self, subject: Subject) -> dict[str, Any]:
        reports = (
            Report.objects.filter(session__invitation__candidate__person_id=subject.person_id)
            .select_related("session__invitation__template")
            .order_by("session_id", "version")
        )
        paths = (
            GrowthPath.objects.filter(person_id=subject.person_id)
            .select_related("session__invitation__template")
            .prefetch_related("items__dimension")
            .order_by("created_at", "pk")
        )
        reviews = (
            ReviewRequest.objects.filter(session__invitation__candidate__person_id=subject.person_id)
            .select_related("session__invitation__template")
            .order_by("requested_at", "pk")
        )
        return {
            "reports": [_report(report) for report in reports],
            "growth_paths": [_growth_path(path) for path in paths],
            "review_requests": [_review_request(review) for review in reviews],
        }

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        for report_id in Report.objects.filter(session__invitation__candidate__person_id=subject.person_id).values_list(
            "pk", flat=True
        ):
            yield ("feedback.report", str(report_id))
        for path_id in GrowthPath.objects.filter(person_id=subject.person_id).values_list("pk", flat=True):
            yield ("feedback.growthpath", str(path_id))
        for review_id in ReviewRequest.objects.filter(
            session__invitation__candidate__person_id=subject.person_id
        ).values_list("pk", flat=True):
            yield ("feedback.reviewrequest", str(review_id))

    def holds(self, subject: Subject) -> list[Hold]:
        open_requests = ReviewRequest.objects.filter(
            session__invitation__candidate__person_id=subject.person_id, status=ReviewRequest.Status.OPEN
        ).order_by("requested_at", "pk")
        return [
            Hold(
                code="open_review_request",
                message=str(
                    _(
                        "A request for %(kind)s made on %(requested)s is still open; HR must answer it (due "
                        "%(due)s) before the interview can be deleted."
                    )
                    % {
                        "kind": review_request.get_kind_display().lower(),
                        "requested": timezone.localtime(review_request.requested_at).date().isoformat(),
                        "due": timezone.localtime(review_request.due_at).date().isoformat(),
                    }
                ),
                params={
                    "review_request_id": review_request.pk,
                    "kind": review_request.kind,
                    "due": review_request.due_at.isoformat(),
                },
            )
            for review_request in open_requests
        ]

    def erase(self, subject: Subject) -> dict[str, int]:
        person = Person.objects.filter(pk=subject.person_id).only("full_name", "erased_at").first()
        # The name is looked for in other people's growth actions only while it is still the person's real name.
        full_name = person.full_name if person is not None and person.erased_at is None else ""
        return person_feedback_erase(person_id=subject.person_id, full_name=full_name)


@personal_data_part_register
class ReapplicationsPart(PersonalDataPart):
    key = "reapplications"
    floor = 5
    title = _("Re-applications")

    def export(self, subject: Subject) -> dict[str, Any]:
        rows = reapplication_rows(reapplication_list_for_person(person_id=subject.person_id).order_by("requested_at"))
        return {
            "reapplications": [
                {
                    "position": row.reapplication.job_profile.position.title,
                    "interview_not_passed_submitted_at": row.reapplication.previous_session.submitted_at,
                    "reapplied_at": row.reapplication.requested_at,
                    "reapplied_because": row.reapplication.basis,
                    "weak_dimensions": row.reapplication.weak_dimensions,
                    "questions": row.reapplication.question_codes,
                    "questions_asked_again": row.reapplication.repeated_question_codes,
                    "new_interview_invited_at": row.reapplication.invitation.created_at,
                    "status": row.status,
                }
                for row in rows
            ]
        }

    def records(self, subject: Subject) -> Iterable[tuple[str, str]]:
        for pk in reapplication_list_for_person(person_id=subject.person_id).values_list("pk", flat=True):
            yield ("feedback.reapplication", str(pk))

    def erase(self, subject: Subject) -> dict[str, int]:
        return person_reapplications_erase(person_id=subject.person_id)
