"""Writing reports and their visibility policies."""

from __future__ import annotations

import re
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from talentloop.assessments.models import AnswerScore, SessionScore
from talentloop.assessments.selectors import answer_scores_by_answer, session_score_get
from talentloop.competencies.levels import level_required_score, score_level
from talentloop.competencies.models import Dimension, JobProfile, LevelAnchor
from talentloop.core.exceptions import ValidationFailed
from talentloop.core.models import AuditEvent
from talentloop.core.services import audit_record
from talentloop.feedback.models import Report, ReportPolicy
from talentloop.feedback.notes import answer_notes
from talentloop.interviews.models import InterviewSession
from talentloop.questionbank.models import KeyPoint
from talentloop.scoring.text import split_sentences

_KEY_POINT_ORDER = re.compile(r"^kp(\d+)$")


def report_build(*, session: InterviewSession) -> Report | None:
    """The report of the interview's current score, built and stored the first time it is asked for.

    Idempotent: a score already reported gives back its report. A new score version (re-scoring) gives a new
    report version; the old one is kept. ``None`` while the interview has no score."""
    score = session_score_get(session=session)
    if score is None:
        return None
    existing = Report.objects.filter(session_score=score).first()
    if existing is not None:
        return existing
    content = _content_build(session=session, score=score)
    try:
        with transaction.atomic():
            latest = Report.objects.filter(session=session).aggregate(latest=Max("version"))["latest"] or 0
            return Report.objects.create(session=session, session_score=score, version=latest + 1, content=content)
    except IntegrityError:
        # Another request built it at the same moment: theirs is the same snapshot.
        return Report.objects.get(session_score=score)


def evidence_sentences(text: str, evidence: list[dict[str, Any]]) -> list[str]:
    """The quotes a report shows for a key point: each matched span widened to the sentence of the answer that holds
    it (a matched keyword alone, "合同", says little), each sentence once, in the order found. A span whose offsets no
    longer quote the answer text is shown as it was stored."""
    sentences = split_sentences(text) if text else []
    quotes: list[str] = []
    for item in evidence:
        quote, start, end = str(item.get("quote", "")), item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int)):
            start = end = -1
        if 0 <= start < end <= len(text) and text[start:end] == quote:
            # Every sentence the match touches (almost always one), from the first one's start to the last one's end.
            touched = [sentence for sentence in sentences if sentence.start < end and start < sentence.end]
            if touched:
                quote = text[min(touched[0].start, start) : max(touched[-1].end, end)]
        if quote and quote not in quotes:
            quotes.append(quote)
    return quotes


def _content_build(*, session: InterviewSession, score: SessionScore) -> dict[str, Any]:
    profile: JobProfile = session.invitation.template.job_profile
    codes = sorted(score.dimensions)
    dimensions = {dimension.code: dimension for dimension in Dimension.objects.filter(code__in=codes)}
    anchors = {
        (anchor.dimension.code, anchor.level): anchor
        for anchor in LevelAnchor.objects.filter(dimension__code__in=codes).select_related("dimension")
    }
    answers = {answer.pk: answer for answer in session.answers.select_related("question").order_by("order")}
    rows_by_answer = answer_scores_by_answer(session=session)
    current: list[AnswerScore] = []
    for answer_id in answers:
        seen: set[int] = set()
        for row in rows_by_answer.get(answer_id, []):
            # The rows the session score was computed from: its scorer version, the newest row per dimension.
            if (row.scorer_name, row.scorer_version) != (score.scorer_name, score.scorer_version):
                continue
            if row.dimension_id in seen:
                continue
            seen.add(row.dimension_id)
            current.append(row)
    key_points = {
        (key_point.rubric_id, key_point.order): key_point
        for key_point in KeyPoint.objects.filter(rubric_id__in={row.rubric_id for row in current})
    }
    lost: dict[str, list[dict[str, Any]]] = {code: [] for code in codes}
    for row in current:
        answer = answers[row.answer_id]
        for item in (row.result.get("dimension") or {}).get("key_points") or []:
            match = _KEY_POINT_ORDER.match(str(item.get("identifier", "")))
            key_point = key_points.get((row.rubric_id, int(match.group(1)))) if match else None
            lost.setdefault(row.dimension.code, []).append(
                {
                    "question": answer.order,
                    "text": key_point.text if key_point else str(item.get("text", "")),
                    "text_en": key_point.text_en if key_point else "",
                    "status": str(item.get("status", "miss")),
                    "points_lost": round(float(item.get("points_lost") or 0.0), 2),
                    "tip": key_point.improvement_tip if key_point else "",
                    "tip_en": key_point.improvement_tip_en if key_point else "",
                    "evidence": evidence_sentences(answer.text, item.get("evidence") or []),
                }
            )
    dimension_content = []
    for code, stored in sorted(score.dimensions.items()):
        dimension = dimensions.get(code)
        required_level = stored.get("required_level")
        anchor = anchors.get((code, required_level)) if required_level else None
        value = float(stored["score"])
        dimension_content.append(
            {
                "code": code,
                "name": dimension.name if dimension else str(stored.get("name", code)),
                "name_en": dimension.name_en if dimension else "",
                "kind": dimension.kind if dimension else Dimension.Kind.COMPETENCY,
                "score": value,
                "level": score_level(value),
                "weight": float(stored.get("weight") or 0.0),
                "required_level": required_level,
                "required_score": level_required_score(required_level) if required_level else None,
                "meets_requirement": value >= level_required_score(required_level) if required_level else None,
                "anchor": {
                    "level": anchor.level,
                    "description": anchor.description,
                    "description_en": anchor.description_en,
                }
                if anchor
                else None,
                "key_points": lost.get(code, []),
            }
        )
    answer_content = []
    for answer in answers.values():
        first = next((row for row in current if row.answer_id == answer.pk), None)
        if first is None:
            continue
        answer_content.append(
            {
                "order": answer.order,
                "question": answer.question_text or answer.question.text,
                "question_en": answer.question.text_en,
                "notes": answer_notes(result=first.result, question_kind=answer.question.kind),
            }
        )
    return {
        "scorer": f"{score.scorer_name}.{score.scorer_version}",
        "overall": score.overall,
        "threshold": score.threshold,
        "passed": score.passed,
        "candidate": session.invitation.candidate.person.full_name,
        "position": profile.position.title,
        "summary": profile.summary,
        "summary_en": profile.summary_en,
        "dimensions": dimension_content,
        "answers": answer_content,
    }


def report_release(*, report: Report, actor: Any, request: HttpRequest | None = None) -> Report:
    """HR releases a report version to the candidate (where the job profile's policy waits for HR). Releasing
    twice keeps the first release."""
    if report.released_at is None:
        report.released_at = timezone.now()
        report.released_by = actor
        report.save(update_fields=["released_at", "released_by"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.UPDATE,
            target=report,
            changes={"released_at": [None, report.released_at.isoformat()]},
            request=request,
        )
    return report


POLICY_FIELDS = ("score_display", "show_overall", "show_evidence", "show_delivery_notes", "release")


def report_policy_update(
    *,
    job_profile: JobProfile,
    actor: Any,
    score_display: str,
    show_overall: bool,
    show_evidence: bool,
    show_delivery_notes: bool,
    release: str,
    request: HttpRequest | None = None,
) -> ReportPolicy:
    """Set what candidates of ``job_profile`` may see of their reports; the change is audited field by field."""
    errors: dict[str, list[str]] = {}
    if score_display not in ReportPolicy.ScoreDisplay.values:
        errors["score_display"] = [_("Choose scores or levels.")]
    if release not in ReportPolicy.Release.values:
        errors["release"] = [_("Choose when the report is released.")]
    if errors:
        raise ValidationFailed(_("Some settings are not valid."), fields=errors)
    with transaction.atomic():
        policy, created = ReportPolicy.objects.select_for_update().get_or_create(job_profile=job_profile)
        new = {
            "score_display": score_display,
            "show_overall": show_overall,
            "show_evidence": show_evidence,
            "show_delivery_notes": show_delivery_notes,
            "release": release,
        }
        changes = {
            name: [getattr(policy, name), value] for name, value in new.items() if getattr(policy, name) != value
        }
        for name, value in new.items():
            setattr(policy, name, value)
        policy.save()
        if changes or created:
            audit_record(
                actor=actor,
                action=AuditEvent.Action.CREATE if created else AuditEvent.Action.UPDATE,
                target=policy,
                changes=changes,
                request=request,
            )
    return policy


def report_download_record(*, report: Report, actor: Any, audience: str, request: HttpRequest | None = None) -> None:
    """Audit a PDF download of a report (HR's, the candidate's or HR's preview of the candidate's)."""
    audit_record(
        actor=actor,
        action=AuditEvent.Action.EXPORT,
        target=report,
        changes={"format": "pdf", "audience": audience},
        request=request,
    )
