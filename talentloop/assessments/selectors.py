"""Reading stored scores, their versions, and what a re-score would change."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from talentloop.assessments.highlighting import EvidenceSpan, Segment, evidence_segments
from talentloop.assessments.models import AnswerScore, RescoreBatch, SessionScore
from talentloop.interviews.access import session_list_for_user
from talentloop.interviews.models import Answer, InterviewSession
from talentloop.questionbank.models import Rubric
from talentloop.scoring.scorer import SCORER_NAME, SCORER_VERSION


def session_score_get(*, session: InterviewSession) -> SessionScore | None:
    """The interview's current (newest) score version, if it has been scored."""
    return SessionScore.objects.filter(session=session).order_by("-version", "-pk").first()


def session_score_list(*, session: InterviewSession) -> QuerySet[SessionScore]:
    """Every score version of the interview, the current (newest) first."""
    return (
        SessionScore.objects.filter(session=session).select_related("requested_by", "batch").order_by("-version", "-pk")
    )


def answer_scores_by_answer(
    *, session: InterviewSession, score: SessionScore | None = None
) -> dict[int, list[AnswerScore]]:
    """The stored answer scores behind one score version (the current one unless ``score`` names another), keyed
    by answer id, in question and dimension order. Before the interview has a score version, every stored row,
    newest first."""
    score = score if score is not None else session_score_get(session=session)
    rows = AnswerScore.objects.filter(answer__session=session).select_related("dimension", "rubric")
    if score is not None:
        rows = rows.filter(scorer_name=score.scorer_name, scorer_version=score.scorer_version)
        rubric_ids = [entry["rubric"] for entry in score.rubric_versions]
        if rubric_ids:
            rows = rows.filter(rubric_id__in=rubric_ids)
    grouped: dict[int, list[AnswerScore]] = defaultdict(list)
    for row in rows.order_by("answer__order", "dimension__code", "-created_at", "-pk"):
        grouped[row.answer_id].append(row)
    return dict(grouped)


def cohort_note(*, percent_versus_cohort: float | None) -> str:
    """ "30% shorter than the average for this question", in the user's language; "" without a cohort."""
    if percent_versus_cohort is None:
        return ""
    percent = round(abs(percent_versus_cohort))
    if percent == 0:
        return _("As long as the average for this question")
    if percent_versus_cohort < 0:
        return _("%(percent)s%% shorter than the average for this question") % {"percent": percent}
    return _("%(percent)s%% longer than the average for this question") % {"percent": percent}


@dataclass(frozen=True)
class LegendEntry:
    number: int
    dimension: str
    text: str
    status: str
    located: bool  # its evidence could be marked in the answer text


@dataclass(frozen=True)
class AnswerEvidence:
    """One answer as scored by one score version: its rows, the text cut into evidence segments, and a legend."""

    answer: Answer
    scores: list[AnswerScore]
    segments: list[Segment]
    legend: list[LegendEntry]
    delivery: dict[str, Any]
    inputs: dict[str, Any]
    cohort_note: str


def _answer_evidence(answer: Answer, rows: list[AnswerScore]) -> AnswerEvidence:
    text = "" if answer.status == Answer.Status.SKIPPED else answer.text
    spans: list[EvidenceSpan] = []
    legend: list[LegendEntry] = []
    number = 0
    for row in rows:
        for key_point in row.result.get("dimension", {}).get("key_points", []):
            number += 1
            located = False
            if key_point.get("status") in ("hit", "partial"):
                for evidence in key_point.get("evidence", []):
                    start, end = int(evidence["start"]), int(evidence["end"])
                    # Offsets are into the stored answer text; a span that no longer quotes it is not marked.
                    if 0 <= start < end <= len(text) and text[start:end] == evidence.get("quote"):
                        spans.append(EvidenceSpan(start, end, number, str(key_point["text"]), key_point["status"]))
                        located = True
            legend.append(
                LegendEntry(
                    number=number,
                    dimension=row.dimension.name,
                    text=str(key_point.get("text", "")),
                    status=str(key_point.get("status", "")),
                    located=located,
                )
            )
    first = rows[0].result if rows else {}
    delivery = (first.get("features") or {}).get("delivery") or {}
    return AnswerEvidence(
        answer=answer,
        scores=rows,
        segments=evidence_segments(text, spans),
        legend=legend,
        delivery=delivery,
        inputs=first.get("inputs") or {},
        cohort_note=cohort_note(percent_versus_cohort=delivery.get("percent_versus_cohort")),
    )


def score_version_answers(*, session: InterviewSession, score: SessionScore | None) -> list[AnswerEvidence]:
    """Each scored answer of the interview under one score version (the current one if ``score`` is None), in
    question order, with its evidence marked in its text."""
    rows = answer_scores_by_answer(session=session, score=score)
    answers = session.answers.filter(pk__in=rows).order_by("order")
    return [_answer_evidence(answer, rows[answer.pk]) for answer in answers]


@dataclass(frozen=True)
class RescoreSelection:
    """Which interviews HR picked to re-score: every criterion given must match (an empty selection picks none)."""

    template_id: int | None = None
    job_profile_id: int | None = None
    session_ids: tuple[int, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self.template_id is None and self.job_profile_id is None and not self.session_ids

    def as_dict(self) -> dict[str, Any]:
        return {
            "template_id": self.template_id,
            "job_profile_id": self.job_profile_id,
            "session_ids": sorted(self.session_ids),
        }


def rescore_session_list(*, user: Any, selection: RescoreSelection) -> QuerySet[InterviewSession]:
    """The submitted interviews the user may see that the selection picks, oldest submission first."""
    if selection.is_empty:
        return InterviewSession.objects.none()
    sessions = session_list_for_user(user).filter(status=InterviewSession.Status.SUBMITTED)
    if selection.template_id is not None:
        sessions = sessions.filter(invitation__template_id=selection.template_id)
    if selection.job_profile_id is not None:
        sessions = sessions.filter(invitation__template__job_profile_id=selection.job_profile_id)
    if selection.session_ids:
        sessions = sessions.filter(pk__in=selection.session_ids)
    return sessions.order_by("submitted_at", "pk")


@dataclass(frozen=True)
class RubricChange:
    """A rubric whose current version differs from the one an interview's current score used."""

    question: str
    dimension: str
    used_versions: tuple[int, ...]
    current_version: int
    interviews: int


@dataclass(frozen=True)
class RescorePreview:
    interviews: int
    unscored: int
    changed_interviews: int
    current_scorer: str
    changed_scorers: tuple[str, ...]
    changes: tuple[RubricChange, ...] = field(default_factory=tuple)


def rescore_preview(*, sessions: QuerySet[InterviewSession]) -> RescorePreview:
    """What re-scoring these interviews would change: which rubric versions (used → current) and scorers differ
    from each interview's current score version. Interviews with no score yet get their first version."""
    session_ids = list(sessions.values_list("pk", flat=True))
    latest: dict[int, SessionScore] = {}
    for score in SessionScore.objects.filter(session_id__in=session_ids).order_by("session_id", "-version"):
        latest.setdefault(score.session_id, score)
    current = {
        (rubric.question.code, rubric.dimension.code): rubric.version
        for rubric in Rubric.objects.filter(
            is_current=True,
            question_id__in=Answer.objects.filter(session_id__in=session_ids).values("question_id"),
        ).select_related("question", "dimension")
    }
    current_scorer = f"{SCORER_NAME}.{SCORER_VERSION}"
    used_versions: dict[tuple[str, str], set[int]] = defaultdict(set)
    interviews_per_change: dict[tuple[str, str], set[int]] = defaultdict(set)
    changed_sessions: set[int] = set()
    changed_scorers: set[str] = set()
    for session_id, score in latest.items():
        scorer = f"{score.scorer_name}.{score.scorer_version}"
        if scorer != current_scorer:
            changed_scorers.add(scorer)
            changed_sessions.add(session_id)
        for entry in score.rubric_versions:
            key = (entry["question"], entry["dimension"])
            if key in current and current[key] != entry["version"]:
                used_versions[key].add(int(entry["version"]))
                interviews_per_change[key].add(session_id)
                changed_sessions.add(session_id)
    changes = tuple(
        RubricChange(
            question=key[0],
            dimension=key[1],
            used_versions=tuple(sorted(used_versions[key])),
            current_version=current[key],
            interviews=len(interviews_per_change[key]),
        )
        for key in sorted(used_versions)
    )
    return RescorePreview(
        interviews=len(session_ids),
        unscored=len(session_ids) - len(latest),
        changed_interviews=len(changed_sessions),
        current_scorer=current_scorer,
        changed_scorers=tuple(sorted(changed_scorers)),
        changes=changes,
    )


def rescore_batch_list(*, limit: int = 20) -> QuerySet[RescoreBatch]:
    """The most recent re-score batches, newest first."""
    return RescoreBatch.objects.select_related("requested_by").order_by("-created_at", "-pk")[:limit]
