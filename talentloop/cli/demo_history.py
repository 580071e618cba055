"""Six months of synthetic but plausible hiring history, so analytics has something real to show.

``talentloop manage demo_history --seed 7 [--months 6]`` (and `demo_load`) adds, for the three demo roles (sales
representative, backend engineer, production supervisor), one closed opening per role that ran over the period,
and several hundred applicants to them, each with a submitted AI interview:

- every applicant has a hidden ability, and one per dimension correlated with it; an answer mentions each of its
  rubric's key points (by a keyword or an example phrase) with a probability that rises with the dimension's
  ability, so the **real scorer** (`assessments.services.scores.session_score`, nothing about a score is written
  here) gives scores with evidence that follow ability, plus noise;
- answer times around each question's expected time, about 4 % of questions skipped and 12 % retried, with the
  matching interview events (shown, started, retried, skipped, answered, submitted);
- interview dates spread over the period, on working hours.

- then the pipeline (`recruitment` stages): screening, the AI interview, and, for those the AI passed (and 30 %
  of the others), the department interview 0.5–3 days after the interview, with a submitted scorecard whose 1–5
  ratings follow the dimension abilities plus noise; passing it depends on the hidden ability (so the AI scores
  predict it, imperfectly); then background check, offer, and a hire or a declined offer; rejections carry their
  reasons; applications whose next step would fall after ``end`` stay active where they are, so the last weeks
  have candidates waiting for their department interview.

Stored scores: the real scorer scores each pool answer the first time an applicant gives it; later applicants with
the same pool answer get a copy of those rows (score and evidence, marked ``demo_scores_copied_from_answer``, with
their own duration), since scoring every answer took 130 s for the six months and the pool takes about 25 s.
Idempotent: an applicant whose e-mail exists is skipped, so a second run adds nothing.
Deterministic for a seed: every choice comes from ``random.Random(seed)``; times are counted back from ``end``.
"""

from __future__ import annotations

import copy
import math
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from talentloop.accounts.models import User
from talentloop.analytics.services import sensitive_attributes_declare, sensitive_categories_ensure_defaults
from talentloop.assessments.models import AnswerScore, SessionScore
from talentloop.assessments.services.scores import answer_score, session_score
from talentloop.interviews.models import Answer, InterviewSession, InterviewTemplate, Invitation, SessionEvent
from talentloop.org.models import Candidate, Company, Position
from talentloop.org.services import candidate_create
from talentloop.questionbank.models import KeyPoint, Rubric
from talentloop.recruitment.models import (
    DEFAULT_STAGES,
    Application,
    Opening,
    PipelineStage,
    Scorecard,
    ScorecardRating,
    StageMove,
)

#: (position code, title, English title, applicants per month)
HISTORY_ROLES = [
    ("sales-rep", "销售代表 · 华东（上半年）", "Sales Representative, East China (first half)", 30),
    ("backend-engineer", "后端工程师（上半年）", "Backend Engineer (first half)", 26),
    ("production-supervisor", "生产主管 · 一号车间（上半年）", "Production Supervisor, Workshop 1 (first half)", 16),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN_NAMES = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞宇浩然晨欣怡子涵雨轩博文思远佳琪梓萱"
OPENERS = ["我举一个具体的例子。", "这个问题我结合上一份工作来说。", "我说一次印象比较深的经历。", "好的，我想想。"]
FILLERS = ["当时时间比较紧，", "团队里意见也不一致，", "这件事对我触动很大，", "一开始我也没有把握，"]
CLOSERS = ["最后结果还不错。", "这件事让我学到了很多。", "后来我们把这个做法固定了下来。", "大概就是这样。"]
SKIP_RATE = 0.04
RETRY_RATE = 0.12
#: Who ran the department interviews, by role.
INTERVIEWERS = {"sales-rep": "sales.manager", "backend-engineer": "rnd.manager", "production-supervisor": "interviewer"}
#: Answers per question in the pool the applicants' answers are drawn from (see `_answer_pool`).
POOL_SIZE = 12


@dataclass(frozen=True)
class HistorySummary:
    created: int
    existing: int
    seconds: float


def history_email(seed: int, number: int) -> str:
    return f"history.{seed}.{number:04d}@history.demo.example"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN_NAMES) for _ in range(rng.choice((1, 2))))


def _mobile(seed: int, number: int) -> str:
    return f"139{seed % 100:02d}{number:06d}"


def _opening(
    *,
    company: Company,
    position: Position,
    title: str,
    title_en: str,
    start: datetime,
    end: datetime,
    template: InterviewTemplate,
) -> Opening:
    existing = Opening.objects.filter(company=company, title=title).first()
    if existing is not None:
        return existing
    opening = Opening.objects.create(
        company=company,
        title=title,
        title_en=title_en,
        position=position,
        department=position.department,
        job_profile=getattr(position, "job_profile", None),
        interview_template=template,
        headcount=3,
        status=Opening.Status.CLOSED,
        description="历史岗位（演示数据）。",
        opened_at=start,
        closed_at=end,
    )
    PipelineStage.objects.bulk_create(
        PipelineStage(opening=opening, name=name, name_en=name_en, kind=kind, position=position)
        for position, (name, name_en, kind) in enumerate(DEFAULT_STAGES, start=1)
    )
    return opening


def _sentence(point: KeyPoint, rng: random.Random) -> str:
    if point.example_phrases and rng.random() < 0.5:
        return str(rng.choice(point.example_phrases)) + "。"
    keywords = list(point.keywords) or [point.text]
    return f"我会{rng.choice(keywords)}，{point.text}。"


@dataclass
class PoolAnswer:
    """One answer of a question's pool: its text, and the answer whose real scores later uses of it copy."""

    text: str
    scored_answer_id: int | None = None


def _answer_pool(rubrics: list[Rubric], rng: random.Random) -> list[PoolAnswer]:
    """``POOL_SIZE`` answers from weakest to strongest: answer k mentions each key point with probability k / (n-1),
    so the real scorer's scores climb along the pool (with the noise of which points and how they are said)."""
    points = [point for rubric in rubrics for point in rubric.key_points.all()]
    pool = []
    for index in range(POOL_SIZE):
        coverage = index / (POOL_SIZE - 1)
        parts = [rng.choice(OPENERS)]
        for point in points:
            if rng.random() < coverage:
                parts.append(rng.choice(FILLERS) + _sentence(point, rng))
        parts.append(rng.choice(CLOSERS))
        pool.append(PoolAnswer(text="".join(parts)))
    return pool


def _pool_index(ability: float, rng: random.Random) -> int:
    share = 1 / (1 + math.exp(-(1.4 * ability + rng.gauss(0, 0.5))))
    return max(0, min(POOL_SIZE - 1, round(share * (POOL_SIZE - 1))))


def _answer_scores_store(answer: Answer, pool_answer: PoolAnswer | None) -> None:
    """The answer's stored scores: the real scorer's for a skipped answer or a pool answer's first use; later uses
    copy the first use's rows (score and evidence, the same text and rubric), with this answer's own timing."""
    if pool_answer is None or pool_answer.scored_answer_id is None:
        answer_score(answer_id=answer.pk)
        if pool_answer is not None:
            pool_answer.scored_answer_id = answer.pk
        return
    copies = []
    for row in AnswerScore.objects.filter(answer_id=pool_answer.scored_answer_id):
        result = copy.deepcopy(row.result)
        result.setdefault("inputs", {})["duration_seconds"] = answer.duration_seconds
        result["demo_scores_copied_from_answer"] = pool_answer.scored_answer_id
        copies.append(
            AnswerScore(
                answer=answer,
                dimension_id=row.dimension_id,
                rubric_id=row.rubric_id,
                scorer_name=row.scorer_name,
                scorer_version=row.scorer_version,
                score=row.score,
                result=result,
                inputs_digest=row.inputs_digest,
            )
        )
    AnswerScore.objects.bulk_create(copies)


def _interview(
    *,
    template: InterviewTemplate,
    candidate: Candidate,
    when: datetime,
    abilities: dict[int, float],
    rng: random.Random,
    rubrics_by_question: dict[int, list[Rubric]],
    pools: dict[int, list[PoolAnswer]],
) -> Invitation:
    invitation = Invitation.objects.create(
        template=template,
        candidate=candidate,
        token_nonce=f"{rng.getrandbits(64):016x}",
        expires_at=when + timedelta(days=7),
        send_count=1,
        last_sent_at=when - timedelta(days=1),
    )
    items = list(template.items.order_by("order"))
    session = InterviewSession.objects.create(
        invitation=invitation,
        status=InterviewSession.Status.SUBMITTED,
        consent_version="1",
        consented_at=when,
        started_at=when,
        question_count=len(items),
        current_order=len(items),
    )
    events = [SessionEvent(session=session, kind=SessionEvent.Kind.CONSENTED, occurred_at=when)]
    clock = when + timedelta(seconds=20)
    scored: list[tuple[Answer, PoolAnswer | None]] = []
    for item in items:
        rubrics = rubrics_by_question[item.question_id]
        skipped = rng.random() < SKIP_RATE
        retried = not skipped and item.allowed_retries > 0 and rng.random() < RETRY_RATE
        expected = item.question.expected_answer_seconds
        duration = round(min(item.max_answer_seconds, expected * math.exp(rng.gauss(-0.15, 0.35))), 1)
        shown = clock
        started = shown + timedelta(seconds=round(rng.uniform(5, item.preparation_seconds or 10), 1))
        finished = started + timedelta(seconds=0.5 if skipped else duration)
        question_ability = sum(abilities.get(rubric.dimension_id, 0.0) for rubric in rubrics) / max(len(rubrics), 1)
        pool_answer = None if skipped else pools[item.question_id][_pool_index(question_ability, rng)]
        text = "" if pool_answer is None else pool_answer.text
        answer = Answer.objects.create(
            session=session,
            order=item.order,
            question=item.question,
            question_text=item.question.text,
            preparation_seconds=item.preparation_seconds,
            max_answer_seconds=item.max_answer_seconds,
            allowed_retries=item.allowed_retries,
            expected_answer_seconds=expected,
            status=Answer.Status.SKIPPED if skipped else Answer.Status.ANSWERED,
            mode="" if skipped else Answer.Mode.TEXT,
            text=text,
            shown_at=shown,
            answer_started_at=started,
            first_input_at=None if skipped else started + timedelta(seconds=round(rng.uniform(2, 15), 1)),
            finished_at=finished,
            retries_used=1 if retried else 0,
            duration_seconds=None if skipped else duration,
            character_count=len(text),
        )
        answer.rubrics.set(rubrics)
        scored.append((answer, pool_answer))
        events.append(
            SessionEvent(session=session, answer=answer, kind=SessionEvent.Kind.QUESTION_SHOWN, occurred_at=shown)
        )
        events.append(
            SessionEvent(session=session, answer=answer, kind=SessionEvent.Kind.ANSWER_STARTED, occurred_at=started)
        )
        if retried:
            events.append(
                SessionEvent(
                    session=session,
                    answer=answer,
                    kind=SessionEvent.Kind.RETRIED,
                    occurred_at=started + timedelta(seconds=duration / 3),
                    payload={"discarded": "（重新作答）"},
                )
            )
        kind = SessionEvent.Kind.SKIPPED if skipped else SessionEvent.Kind.ANSWERED
        events.append(SessionEvent(session=session, answer=answer, kind=kind, occurred_at=finished))
        clock = finished + timedelta(seconds=5)
    session.submitted_at = clock
    session.last_activity_at = clock
    session.save(update_fields=["submitted_at", "last_activity_at"])
    events.append(SessionEvent(session=session, kind=SessionEvent.Kind.SUBMITTED, occurred_at=clock))
    SessionEvent.objects.bulk_create(events)
    for answer, pool_answer in scored:
        _answer_scores_store(answer, pool_answer)
    return invitation


def _days(rng: random.Random, low: float, high: float) -> timedelta:
    return timedelta(days=round(rng.uniform(low, high), 2))


def _pipeline(
    *,
    application: Application,
    applied: datetime,
    submitted: datetime,
    ability: float,
    abilities: dict[int, float],
    end: datetime,
    interviewer: User,
    rng: random.Random,
) -> None:
    """Walk the application through the stages after its AI interview, stopping at ``end`` (still active there)."""
    stages = {stage.kind: stage for stage in application.opening.stages.all()}
    kind = PipelineStage.Kind
    status = Application.Status
    moves: list[StageMove] = []
    state: dict[str, Any] = {"stage": stages[kind.SCREENING], "status": status.ACTIVE, "at": applied}

    def move(to_kind: str | None, at: datetime, *, to_status: str = status.ACTIVE, reason: str = "") -> bool:
        if at > end:
            return False
        moves.append(
            StageMove(
                application=application,
                from_stage=state["stage"],
                to_stage=stages[to_kind] if to_kind else state["stage"],
                from_status=state["status"],
                to_status=to_status,
                reason=reason,
                moved_at=at,
            )
        )
        state.update(stage=stages[to_kind] if to_kind else state["stage"], status=to_status, at=at)
        return True

    session = application.invitation.session  # type: ignore[union-attr]
    score = SessionScore.objects.filter(session=session).order_by("-version").first()
    moves.append(
        StageMove(
            application=application,
            from_stage=None,
            to_stage=stages[kind.SCREENING],
            from_status=status.ACTIVE,
            to_status=status.ACTIVE,
            moved_at=applied,
        )
    )
    steps_done = move(kind.AI_INTERVIEW, applied + _days(rng, 0.2, 1.5))
    ai_passed = score is not None and score.passed
    human_passed = rng.random() < 1 / (1 + math.exp(-(1.8 * ability + rng.gauss(0, 0.8) - 0.3)))
    decided = submitted + _days(rng, 0.5, 3)
    if steps_done and not ai_passed and rng.random() < 0.7:
        move(None, decided, to_status=status.REJECTED, reason=Application.RejectionReason.SKILLS_GAP)
    elif steps_done and move(kind.HUMAN_INTERVIEW, decided):
        interviewed = decided + _days(rng, 2, 9)
        if interviewed <= end:
            scorecard = Scorecard.objects.create(
                application=application,
                stage=stages[kind.HUMAN_INTERVIEW],
                interviewer=interviewer,
                recommendation=(
                    (Scorecard.Recommendation.STRONG_YES if ability > 1.2 else Scorecard.Recommendation.YES)
                    if human_passed
                    else (Scorecard.Recommendation.STRONG_NO if ability < -1.2 else Scorecard.Recommendation.NO)
                ),
                notes="部门复试（演示数据）",
                submitted_at=interviewed,
            )
            ScorecardRating.objects.bulk_create(
                ScorecardRating(
                    scorecard=scorecard,
                    dimension_id=dimension_id,
                    rating=max(1, min(5, round(3 + 1.1 * dimension_ability + rng.gauss(0, 0.7)))),
                )
                for dimension_id, dimension_ability in sorted(abilities.items())
            )
            if not human_passed:
                reason = rng.choice([Application.RejectionReason.SKILLS_GAP, Application.RejectionReason.EXPERIENCE])
                move(None, interviewed + _days(rng, 0.5, 2), to_status=status.REJECTED, reason=reason)
            elif move(kind.BACKGROUND_CHECK, interviewed + _days(rng, 0.5, 2)) and move(
                kind.OFFER, state["at"] + _days(rng, 2, 6)
            ):
                if rng.random() < 0.15:
                    move(
                        None,
                        state["at"] + _days(rng, 1, 5),
                        to_status=status.REJECTED,
                        reason=Application.RejectionReason.CANDIDATE_DECLINED,
                    )
                else:
                    move(kind.HIRED, state["at"] + _days(rng, 3, 10), to_status=status.HIRED)
    StageMove.objects.bulk_create(moves)
    finished = state["status"] != status.ACTIVE
    Application.objects.filter(pk=application.pk).update(
        created_at=applied,
        stage=state["stage"],
        stage_entered_at=state["at"],
        status=state["status"],
        rejection_reason=next((m.reason for m in reversed(moves) if m.to_status == status.REJECTED), ""),
        decided_at=state["at"] if finished else None,
    )


#: What the history's applicants declare for the fairness audit: (value, weight); "" is "prefer not to say".
HISTORY_SEX = (("female", 46), ("male", 50), ("", 4))
HISTORY_AGE_BANDS = (("under_25", 22), ("25_34", 45), ("35_44", 22), ("45_54", 9), ("55_plus", 2))
#: The share of applicants who skip the equal-opportunity questions altogether (they count as unknown).
HISTORY_UNDECLARED = 0.12


def _sensitive_attributes_declare(*, candidate: Candidate, seed: int, number: int) -> None:
    """The applicant's own answers to the optional equal-opportunity questions, drawn from their own stream (so
    adding them changed none of the history's other draws) and independent of their ability: the audit shows
    what chance alone does to impact ratios, including a group under 2 % and the unknowns."""
    rng = random.Random(f"{seed}:sensitive:{number}")
    if rng.random() < HISTORY_UNDECLARED:
        return
    sex = rng.choices([value for value, _ in HISTORY_SEX], weights=[weight for _, weight in HISTORY_SEX])[0]
    age_band = rng.choices(
        [value for value, _ in HISTORY_AGE_BANDS], weights=[weight for _, weight in HISTORY_AGE_BANDS]
    )[0]
    sensitive_attributes_declare(
        actor=None, person=candidate.person, values={"sex": sex, "age_band": age_band}, consent=True
    )


@transaction.atomic
def demo_history_load(
    *, company: Company, seed: int = 7, months: int = 6, end: datetime | None = None
) -> HistorySummary:
    """Add ``months`` of history ending at ``end`` (default: now) for the three demo roles; see the module docstring."""
    started = time.perf_counter()
    sensitive_categories_ensure_defaults()
    rng = random.Random(seed)
    end = end or timezone.now().replace(minute=0, second=0, microsecond=0)
    start = end - timedelta(days=30 * months)
    created = existing = 0
    number = 0
    for position_code, title, title_en, per_month in HISTORY_ROLES:
        position = Position.objects.select_related("department").get(code=position_code)
        template = (
            InterviewTemplate.objects.filter(job_profile__position=position, is_active=True).order_by("pk").first()
        )
        if template is None:
            continue
        interviewer = User.objects.get(username=INTERVIEWERS[position_code])
        opening = _opening(
            company=company, position=position, title=title, title_en=title_en, start=start, end=end, template=template
        )
        rubrics_by_question: dict[int, list[Rubric]] = {}
        for item in template.items.select_related("question"):
            rubrics_by_question[item.question_id] = list(
                Rubric.objects.filter(question_id=item.question_id, is_current=True)
                .select_related("dimension")
                .prefetch_related("key_points")
            )
        pool_rng = random.Random(f"{seed}:{position_code}")
        pools = {question: _answer_pool(rubrics, pool_rng) for question, rubrics in sorted(rubrics_by_question.items())}
        dimension_ids = sorted({rubric.dimension_id for rubrics in rubrics_by_question.values() for rubric in rubrics})
        for _ in range(per_month * months):
            number += 1
            # Every draw happens whether or not the applicant exists, so the stream (and the result) is the same.
            name = _name(rng)
            ability = rng.gauss(0, 1)
            abilities = {dimension: 0.7 * ability + rng.gauss(0, 0.7) for dimension in dimension_ids}
            day = rng.uniform(0, 30 * months - 1)
            when = timezone.localtime(start + timedelta(days=day)).replace(
                hour=rng.randint(9, 18), minute=rng.randint(0, 59), second=0, microsecond=0
            )
            text_seed = rng.getrandbits(32)
            pipeline_seed = rng.getrandbits(32)
            email = history_email(seed, number)
            if Candidate.objects.filter(person__company=company, person__email=email).exists():
                existing += 1
                continue
            candidate = candidate_create(
                actor=None,
                company=company,
                full_name=name,
                email=email,
                mobile=_mobile(seed, number),
                applied_position=position,
                source="history",
            )
            _sensitive_attributes_declare(candidate=candidate, seed=seed, number=number)
            invitation = _interview(
                template=template,
                candidate=candidate,
                when=when,
                abilities=abilities,
                rng=random.Random(text_seed),
                rubrics_by_question=rubrics_by_question,
                pools=pools,
            )
            application = Application.objects.create(
                opening=opening,
                person=candidate.person,
                candidate=candidate,
                source=Application.Source.EXTERNAL,
                invitation=invitation,
            )
            session_score(session_id=invitation.session.pk)
            _pipeline(
                application=application,
                applied=when - timedelta(days=2),
                submitted=invitation.session.submitted_at or when,
                ability=ability,
                abilities=abilities,
                end=end,
                interviewer=interviewer,
                rng=random.Random(pipeline_seed),
            )
            created += 1
    return HistorySummary(created=created, existing=existing, seconds=time.perf_counter() - started)


__all__ = ["HistorySummary", "demo_history_load", "history_email"]
