"""Coming back stronger: may a candidate re-apply after an interview they did not pass, and what HR sees of it.

**Eligibility** (``reapplication_eligibility_get``), checked in this order, the first that fails decides:

1. the interview was submitted (``reapplication_no_failed_interview`` otherwise);
2. its outcome is final: scored, not under human review, no new interview decided
   (``reapplication_result_pending``);
3. it was not passed (``reapplication_already_passed``);
4. the candidate has not re-applied from it yet (``reapplication_already_reapplied``);
5. they have passed no other interview for the job profile (``reapplication_already_passed``);
6. they have no open interview for the job profile (``reapplication_open_interview``);
7. it is their most recent submitted interview for the job profile (``reapplication_not_latest_interview``);
8. the job profile's policy lets candidates re-apply (``reapplication_not_offered``);
9. the cool-down period (counted from the day the interview was submitted) is over, or, where the policy allows
   it, every action of the growth path for the weak dimensions is done (``reapplication_cooling_down``).

**Weak dimensions** are the interview's gaps (``growth_ranking.gaps_rank``: the dimensions scored below the level
the role requires), taken from the growth path when it was built, else from the newest score.

**The funnel** counts candidates once per job profile: those with an interview that was not passed, those who
started the growth path of such an interview (an action enrolled or done), finished it (the same "complete" rule
as early re-applying), re-applied, passed the new interview, and were hired (``org.Candidate`` status *hired*).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from talentloop.assessments.models import SessionScore
from talentloop.competencies.models import JobProfile
from talentloop.core.exceptions import Conflict
from talentloop.feedback.growth_ranking import gaps_rank
from talentloop.feedback.growth_selectors import dimension_results
from talentloop.feedback.models import GrowthPath, GrowthPathItem, Reapplication, ReapplicationPolicy
from talentloop.feedback.reapplication_errors import ReapplicationErrorCode
from talentloop.feedback.review_selectors import InterviewOutcome, OutcomeState, interview_outcomes_get
from talentloop.interviews.models import InterviewSession, Invitation
from talentloop.interviews.services.invitations import OPEN_STATUSES, InvitationStatus, invitation_status
from talentloop.org.models import Candidate


def reapplication_policy_get(*, job_profile: JobProfile) -> ReapplicationPolicy:
    """The job profile's re-application policy; the defaults (an unsaved row) when HR has not set one."""
    return ReapplicationPolicy.objects.filter(job_profile=job_profile).first() or ReapplicationPolicy(
        job_profile=job_profile
    )


@dataclass(frozen=True)
class WeakDimension:
    code: str
    name: str
    name_en: str


def _weak_from_gaps(gaps: Iterable[dict[str, Any]]) -> list[WeakDimension]:
    return [WeakDimension(str(g["code"]), str(g.get("name") or g["code"]), str(g.get("name_en") or "")) for g in gaps]


def weak_dimensions_get(*, path: GrowthPath | None, score: SessionScore | None) -> list[WeakDimension]:
    """The interview's weak dimensions, most important first: the growth path's gaps, else the newest score's."""
    if path is not None:
        return _weak_from_gaps(path.gaps)
    if score is None:
        return []
    return _weak_from_gaps(gap.as_dict() for gap in gaps_rank(dimension_results(dimensions=score.dimensions)))


def growth_path_weak_progress(*, path: GrowthPath | None, weak_codes: Iterable[str]) -> tuple[int, int]:
    """(done, total) of the path's actions for the weak dimensions. The path is *complete* when total > 0 and
    done == total: the one rule behind early re-applying and the funnel's "finished the path"."""
    if path is None:
        return 0, 0
    codes = set(weak_codes)
    statuses = [item.status for item in path.items.all() if item.dimension.code in codes]
    return statuses.count(GrowthPathItem.Status.DONE), len(statuses)


def _path_complete(done: int, total: int) -> bool:
    return total > 0 and done == total


def _path_get(session: InterviewSession) -> GrowthPath | None:
    items = GrowthPathItem.objects.select_related("dimension")
    return GrowthPath.objects.filter(session=session).prefetch_related(Prefetch("items", queryset=items)).first()


@dataclass(frozen=True)
class ReapplicationEligibility:
    """Whether the candidate may re-apply from ``session`` now, and the facts that explain why (or why not)."""

    session: InterviewSession
    policy: ReapplicationPolicy
    code: ReapplicationErrorCode | None  # None: eligible now
    basis: str = ""  # Reapplication.Basis when eligible
    cooldown_ends_at: datetime | None = None
    weak_dimensions: list[WeakDimension] = field(default_factory=list)
    path_done: int = 0
    path_total: int = 0
    path_built: bool = False
    reapplication: Reapplication | None = None  # the re-application already made from this interview

    @property
    def eligible(self) -> bool:
        return self.code is None

    @property
    def path_complete(self) -> bool:
        return _path_complete(self.path_done, self.path_total)

    @property
    def relevant(self) -> bool:
        """Worth showing to the candidate: the interview's final result is that it was not passed."""
        return self.code not in (
            ReapplicationErrorCode.NO_FAILED_INTERVIEW,
            ReapplicationErrorCode.RESULT_PENDING,
            ReapplicationErrorCode.ALREADY_PASSED,
        )

    @property
    def waiting_or_eligible(self) -> bool:
        """Eligible now, or only waiting for the cool-down: the candidate is on their way back."""
        return self.code is None or self.code == ReapplicationErrorCode.COOLING_DOWN

    @property
    def message(self) -> str:
        """Why the candidate can or cannot re-apply now, in the reader's language."""
        date = _date(self.cooldown_ends_at)
        if self.code is None:
            if self.basis == Reapplication.Basis.GROWTH_PATH_COMPLETE:
                return _(
                    "You completed every action of your growth path for the dimensions you were weak in, and "
                    "HR lets candidates of this role re-apply early: you can re-apply now (the cool-down period "
                    "would end on %(date)s)."
                ) % {"date": date}
            return _("The cool-down period of %(days)d days ended on %(date)s: you can re-apply now.") % {
                "days": self.policy.cooldown_days,
                "date": date,
            }
        if self.code == ReapplicationErrorCode.COOLING_DOWN:
            message = _(
                "After an interview that was not passed there is a cool-down period of %(days)d days for this "
                "role: you can re-apply from %(date)s."
            ) % {"days": self.policy.cooldown_days, "date": date}
            if self.policy.early_after_growth_path:
                if not self.path_built:
                    message += " " + _(
                        "You can re-apply earlier once every action of your growth path for the dimensions you were "
                        "weak in is done: open your growth path to start."
                    )
                elif self.path_total:
                    message += " " + _(
                        "You can re-apply earlier, as soon as every action of your growth path for the dimensions "
                        "you were weak in is done (%(done)d of %(total)d done)."
                    ) % {"done": self.path_done, "total": self.path_total}
                else:
                    message += " " + _(
                        "Re-applying earlier needs a growth path with actions for the dimensions you were weak in; "
                        "yours has none, so the cool-down period applies."
                    )
            else:
                message += " " + _("For this role HR does not offer re-applying earlier.")
            return message
        return _REFUSALS[self.code]()

    def error(self) -> Conflict:
        """The refusal as the error the service raises (409, with the code tests and the API assert)."""
        assert self.code is not None
        extra = {"cooldown_ends_at": self.cooldown_ends_at.isoformat()} if self.cooldown_ends_at else {}
        return Conflict(self.message, code=self.code, extra=extra)


def _date(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return str(formats.date_format(timezone.localtime(moment).date(), "DATE_FORMAT"))


_REFUSALS = {
    ReapplicationErrorCode.NO_FAILED_INTERVIEW: lambda: _(
        "You can re-apply only after an interview you submitted and did not pass."
    ),
    ReapplicationErrorCode.RESULT_PENDING: lambda: _(
        "The result of this interview is not final yet (it is being scored or reviewed by a person), so it is "
        "too early to re-apply."
    ),
    ReapplicationErrorCode.ALREADY_PASSED: lambda: _("You have passed the interview for this role already."),
    ReapplicationErrorCode.ALREADY_REAPPLIED: lambda: _(
        "You have already re-applied after this interview; open your new interview from your profile."
    ),
    ReapplicationErrorCode.OPEN_INTERVIEW: lambda: _(
        "You already have an open interview for this role; finish it first."
    ),
    ReapplicationErrorCode.NOT_LATEST: lambda: _(
        "You have a more recent interview for this role; re-applying starts from your most recent one."
    ),
    ReapplicationErrorCode.NOT_OFFERED: lambda: _(
        "For this role HR does not offer interviewing again after an interview that was not passed."
    ),
}


def reapplication_eligibility_get(
    *, session: InterviewSession, now: datetime | None = None
) -> ReapplicationEligibility:
    """May the candidate of ``session`` re-apply from it now? (The order of the checks is in the module docstring.)"""
    now = now or timezone.now()
    invitation = session.invitation
    profile = invitation.template.job_profile
    person_id = invitation.candidate.person_id
    policy = reapplication_policy_get(job_profile=profile)
    existing = Reapplication.objects.filter(previous_session=session).select_related("invitation").first()

    def refuse(code: ReapplicationErrorCode, **facts: Any) -> ReapplicationEligibility:
        return ReapplicationEligibility(session, policy, code, reapplication=existing, **facts)

    if session.status != InterviewSession.Status.SUBMITTED or session.submitted_at is None:
        return refuse(ReapplicationErrorCode.NO_FAILED_INTERVIEW)
    # Every interview of the person for this job profile, with its outcome (the failed one among them).
    others = list(
        InterviewSession.objects.filter(
            invitation__candidate__person_id=person_id, invitation__template__job_profile=profile
        ).select_related("invitation")
    )
    if session.pk not in {other.pk for other in others}:
        others.append(session)
    outcomes = interview_outcomes_get(
        sessions=[other for other in others if other.status == InterviewSession.Status.SUBMITTED],
        scores=_latest_scores([other.pk for other in others]),
    )
    outcome = outcomes[session.pk]
    if outcome.passed is None:
        return refuse(ReapplicationErrorCode.RESULT_PENDING)
    if outcome.passed:
        return refuse(ReapplicationErrorCode.ALREADY_PASSED)
    path = _path_get(session)
    weak = weak_dimensions_get(path=path, score=outcome.ai_score)
    done, total = growth_path_weak_progress(path=path, weak_codes=[w.code for w in weak])
    cooldown_ends_at = session.submitted_at + timedelta(days=policy.cooldown_days)
    facts: dict[str, Any] = {
        "weak_dimensions": weak,
        "path_done": done,
        "path_total": total,
        "path_built": path is not None,
        "cooldown_ends_at": cooldown_ends_at,
    }
    if existing is not None:
        return refuse(ReapplicationErrorCode.ALREADY_REAPPLIED, **facts)
    if any(result.passed for result in outcomes.values()):
        return refuse(ReapplicationErrorCode.ALREADY_PASSED, **facts)
    open_invitations = Invitation.objects.filter(
        candidate__person_id=person_id, template__job_profile=profile, revoked_at__isnull=True
    ).select_related("session")
    if any(invitation_status(other, now=now) in OPEN_STATUSES for other in open_invitations):
        return refuse(ReapplicationErrorCode.OPEN_INTERVIEW, **facts)
    if any(
        other.submitted_at is not None and other.submitted_at > session.submitted_at
        for other in others
        if other.pk != session.pk and other.status == InterviewSession.Status.SUBMITTED
    ):
        return refuse(ReapplicationErrorCode.NOT_LATEST, **facts)
    if not policy.is_open:
        return refuse(ReapplicationErrorCode.NOT_OFFERED, **facts)
    if now >= cooldown_ends_at:
        return ReapplicationEligibility(session, policy, None, basis=Reapplication.Basis.COOLDOWN_OVER, **facts)
    if policy.early_after_growth_path and _path_complete(done, total):
        return ReapplicationEligibility(session, policy, None, basis=Reapplication.Basis.GROWTH_PATH_COMPLETE, **facts)
    return refuse(ReapplicationErrorCode.COOLING_DOWN, **facts)


def _latest_scores(session_ids: list[int]) -> dict[int, SessionScore | None]:
    """The newest score of each interview, in one query."""
    latest: dict[int, SessionScore | None] = dict.fromkeys(session_ids)
    for score in SessionScore.objects.filter(session_id__in=session_ids).order_by("session_id", "-version", "-pk"):
        if latest.get(score.session_id) is None:
            latest[score.session_id] = score
    return latest


# HR: the funnel and the list ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelStage:
    key: str
    label: str
    count: int


FUNNEL_KEYS = ("failed", "started_path", "finished_path", "reapplied", "passed", "hired")


def _funnel_labels() -> dict[str, str]:
    return {
        "failed": _("Did not pass an interview"),
        "started_path": _("Started their growth path"),
        "finished_path": _("Finished their growth path"),
        "reapplied": _("Re-applied"),
        "passed": _("Passed the new interview"),
        "hired": _("Hired"),
    }


def reapplication_funnel_get(*, job_profile: JobProfile | None = None) -> list[FunnelStage]:
    """How many candidates (once per job profile) reached each stage of coming back stronger.

    A fixed number of queries, whatever the number of interviews."""
    sessions = list(
        InterviewSession.objects.filter(status=InterviewSession.Status.SUBMITTED)
        .filter(**({"invitation__template__job_profile": job_profile} if job_profile is not None else {}))
        .select_related("invitation__candidate", "invitation__template")
    )
    outcomes = interview_outcomes_get(sessions=sessions, scores=_latest_scores([s.pk for s in sessions]))
    by_id = {session.pk: session for session in sessions}

    def key(session: InterviewSession) -> tuple[int, int]:
        return (session.invitation.candidate.person_id, session.invitation.template.job_profile_id)

    failed = {session_id for session_id, outcome in outcomes.items() if outcome.passed is False}
    stages: dict[str, set[tuple[int, int]]] = {name: set() for name in FUNNEL_KEYS}
    stages["failed"] = {key(by_id[session_id]) for session_id in failed}
    items = GrowthPathItem.objects.select_related("dimension")
    paths = GrowthPath.objects.filter(session_id__in=failed).prefetch_related(Prefetch("items", queryset=items))
    for path in paths:
        pair = key(by_id[path.session_id])
        if any(item.status != GrowthPathItem.Status.NOT_STARTED for item in path.items.all()):
            stages["started_path"].add(pair)
        done, total = growth_path_weak_progress(path=path, weak_codes=[w.code for w in _weak_from_gaps(path.gaps)])
        if _path_complete(done, total):
            stages["finished_path"].add(pair)
    hired_candidates = set(
        Candidate.objects.filter(
            status=Candidate.Status.HIRED, pk__in={s.invitation.candidate_id for s in sessions}
        ).values_list("pk", flat=True)
    )
    reapplications = Reapplication.objects.filter(previous_session_id__in=failed).select_related("invitation__session")
    for reapplication in reapplications:
        pair = key(by_id[reapplication.previous_session_id])
        stages["reapplied"].add(pair)
        new_session_id = _session_id(reapplication.invitation)
        outcome = outcomes.get(new_session_id) if new_session_id is not None else None
        if outcome is not None and outcome.passed:
            stages["passed"].add(pair)
            if by_id[reapplication.previous_session_id].invitation.candidate_id in hired_candidates:
                stages["hired"].add(pair)
    labels = _funnel_labels()
    return [FunnelStage(name, labels[name], len(stages[name])) for name in FUNNEL_KEYS]


def _session_id(invitation: Invitation) -> int | None:
    session = getattr(invitation, "session", None)
    return session.pk if session is not None else None


class ReapplicationStatus(models.TextChoices):
    """Where a re-application stands, read from the new interview."""

    INVITED = "invited", gettext_lazy("Invited")
    IN_PROGRESS = "in_progress", gettext_lazy("In progress")
    EXPIRED = "expired", gettext_lazy("Link expired")
    WITHDRAWN = "withdrawn", gettext_lazy("Link withdrawn")
    BEING_SCORED = "being_scored", gettext_lazy("Submitted, being scored")
    UNDER_REVIEW = "under_review", gettext_lazy("Under human review")
    PASSED = "passed", gettext_lazy("Passed")
    NOT_PASSED = "not_passed", gettext_lazy("Not passed")


def _status(invitation: Invitation, outcome: InterviewOutcome | None, now: datetime) -> str:
    status = invitation_status(invitation, now=now)
    if status == InvitationStatus.SUBMITTED:
        if outcome is None or outcome.state == OutcomeState.NOT_SCORED:
            return ReapplicationStatus.BEING_SCORED
        if outcome.passed is None:
            return ReapplicationStatus.UNDER_REVIEW
        return ReapplicationStatus.PASSED if outcome.passed else ReapplicationStatus.NOT_PASSED
    return {
        InvitationStatus.PENDING: ReapplicationStatus.INVITED,
        InvitationStatus.OPENED: ReapplicationStatus.IN_PROGRESS,
        InvitationStatus.IN_PROGRESS: ReapplicationStatus.IN_PROGRESS,
        InvitationStatus.EXPIRED: ReapplicationStatus.EXPIRED,
    }.get(status, ReapplicationStatus.WITHDRAWN)


@dataclass(frozen=True)
class ReapplicationRow:
    reapplication: Reapplication
    status: str

    @property
    def status_label(self) -> str:
        return str(ReapplicationStatus(self.status).label)


def reapplication_rows(
    reapplications: Iterable[Reapplication], *, now: datetime | None = None
) -> list[ReapplicationRow]:
    """Each re-application with where it stands (one query for the scores, one for the human reviews)."""
    now = now or timezone.now()
    reapplications = list(reapplications)
    sessions = [s for s in (getattr(r.invitation, "session", None) for r in reapplications) if s is not None]
    submitted = [s for s in sessions if s.status == InterviewSession.Status.SUBMITTED]
    outcomes = interview_outcomes_get(sessions=submitted, scores=_latest_scores([s.pk for s in submitted]))
    rows = []
    for reapplication in reapplications:
        session_id = _session_id(reapplication.invitation)
        outcome = outcomes.get(session_id) if session_id is not None else None
        rows.append(ReapplicationRow(reapplication, _status(reapplication.invitation, outcome, now)))
    return rows


def reapplication_list(*, job_profile: JobProfile | None = None) -> QuerySet[Reapplication]:
    """Every re-application (HR), newest first, optionally for one job profile."""
    rows = Reapplication.objects.select_related(
        "person", "job_profile__position", "previous_session__invitation", "invitation__session"
    )
    if job_profile is not None:
        rows = rows.filter(job_profile=job_profile)
    return rows.order_by("-requested_at", "-pk")


def reapplication_list_for_person(*, person_id: int) -> QuerySet[Reapplication]:
    return reapplication_list().filter(person_id=person_id)
