"""Reading growth paths and the facts they are built from."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch

from talentloop.assessments.models import AnswerScore
from talentloop.assessments.selectors import answer_scores_by_answer, session_score_get
from talentloop.competencies.models import Dimension
from talentloop.feedback.growth_ranking import (
    KIND_COURSE,
    KIND_MENTOR,
    KIND_PROJECT,
    DimensionResult,
    LibraryOption,
    Tip,
)
from talentloop.feedback.models import GrowthPath, GrowthPathItem
from talentloop.interviews.models import Answer, InterviewSession, Invitation
from talentloop.learning.selectors import active_targets_for
from talentloop.questionbank.models import KeyPoint


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def growth_path_get(*, session: InterviewSession | None) -> GrowthPath | None:
    """The session's growth path with its items and their library items, if it was built."""
    if session is None:
        return None
    items = GrowthPathItem.objects.select_related(
        "dimension", "course", "project", "mentor__employee__person"
    ).order_by("rank")
    return (
        GrowthPath.objects.filter(session=session)
        .select_related("session_score")
        .prefetch_related(Prefetch("items", queryset=items))
        .first()
    )


def growth_path_progress(*, path: GrowthPath | None) -> Progress:
    if path is None:
        return Progress(0, 0)
    statuses = [item.status for item in path.items.all()]
    return Progress(done=statuses.count(GrowthPathItem.Status.DONE), total=len(statuses))


def growth_paths_for_candidate(*, candidate_id: int) -> list[tuple[Invitation, GrowthPath | None, Progress]]:
    """Each of a candidate's interviews with its growth path (or None) and progress (console, candidate detail)."""
    invitations = (
        Invitation.objects.filter(candidate_id=candidate_id, session__isnull=False)
        .select_related("template__job_profile__position", "session")
        .order_by("-created_at")
    )
    result = []
    for invitation in invitations:
        path = growth_path_get(session=invitation.session)
        result.append((invitation, path, growth_path_progress(path=path)))
    return result


def dimension_results(*, dimensions: dict[str, dict[str, object]]) -> list[DimensionResult]:
    """The stored session score's dimensions (``SessionScore.dimensions``) as ranking input."""
    english = dict(Dimension.objects.filter(code__in=list(dimensions)).values_list("code", "name_en"))
    results = []
    for code, values in sorted(dimensions.items()):
        results.append(
            DimensionResult(
                code=code,
                name=str(values.get("name") or code),
                name_en=english.get(code) or "",
                score=float(values["score"]),  # type: ignore[arg-type]
                weight=float(values["weight"]),  # type: ignore[arg-type]
                required_level=int(values["required_level"]),  # type: ignore[call-overload]
            )
        )
    return results


def missed_key_point_tips(*, session: InterviewSession) -> list[Tip]:
    """The rubric's tips for every key point the candidate missed or partly hit, from the newest stored score of
    each answer and dimension."""
    latest: dict[tuple[int, int], AnswerScore] = {}
    for answer_id, rows in answer_scores_by_answer(session=session).items():
        for row in rows:  # newest first per dimension
            latest.setdefault((answer_id, row.dimension_id), row)
    orders = dict(Answer.objects.filter(session=session).values_list("pk", "order"))
    rubric_ids = {row.rubric_id for row in latest.values()}
    key_points = {
        (point.rubric_id, f"kp{point.order}"): point for point in KeyPoint.objects.filter(rubric_id__in=rubric_ids)
    }
    tips = []
    for row in latest.values():
        for result in row.result.get("dimension", {}).get("key_points", []):
            if result.get("status") not in ("miss", "partial"):
                continue
            point = key_points.get((row.rubric_id, result.get("identifier")))
            tips.append(
                Tip(
                    dimension_code=row.dimension.code,
                    status=result["status"],
                    points_lost=float(result.get("points_lost") or 0),
                    key_point=point.text if point else str(result.get("text", "")),
                    key_point_en=point.text_en if point else "",
                    tip=point.improvement_tip if point else "",
                    tip_en=point.improvement_tip_en if point else "",
                    question_order=orders.get(row.answer_id, 0),
                    key_point_order=point.order if point else 0,
                )
            )
    return tips


def library_options(*, dimension_codes: list[str]) -> list[LibraryOption]:
    """Every active library item's target for these dimensions; mentors without free capacity are unavailable."""
    busy = Counter(
        GrowthPathItem.objects.filter(
            kind=GrowthPathItem.Kind.MENTOR, status=GrowthPathItem.Status.ENROLLED
        ).values_list("mentor_id", flat=True)
    )
    options = []
    for target in active_targets_for(dimension_codes=dimension_codes):
        code = target.dimension.code
        if target.course is not None:
            course = target.course
            options.append(
                LibraryOption(
                    KIND_COURSE, course.pk, code, target.level_from, target.level_to, course.title,
                    course.title_en, float(course.duration_hours),
                )
            )  # fmt: skip
        elif target.project is not None:
            project = target.project
            options.append(
                LibraryOption(
                    KIND_PROJECT, project.pk, code, target.level_from, target.level_to, project.title,
                    project.title_en, float(project.effort_hours),
                )
            )  # fmt: skip
        elif target.mentor is not None:
            mentor = target.mentor
            name = mentor.employee.person.full_name
            options.append(
                LibraryOption(
                    KIND_MENTOR, mentor.pk, code, target.level_from, target.level_to, name, name,
                    available=busy[mentor.pk] < mentor.capacity,
                )
            )  # fmt: skip
    return options


def session_scored(*, session: InterviewSession | None) -> bool:
    return session is not None and session_score_get(session=session) is not None


def growth_path_overview(*, session: InterviewSession | None, path: GrowthPath | None = None) -> dict[str, object]:
    """What a page showing a path needs: the path (or None), whether the interview is scored, and progress."""
    path = path if path is not None else growth_path_get(session=session)
    return {"path": path, "scored": session_scored(session=session), "progress": growth_path_progress(path=path)}
