"""Reading reports: the current version, the policy that applies, and the view one audience gets of a report.

``report_view_get`` is the one place that decides what a reader sees. HR's view shows every fact; the candidate's
view applies the job profile's `ReportPolicy`; HR's "preview as the candidate" is the candidate's view itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext_lazy, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from talentloop.competencies.levels import score_level
from talentloop.competencies.models import JobProfile
from talentloop.feedback.models import Report, ReportPolicy
from talentloop.feedback.notes import DELIVERY
from talentloop.feedback.radar import RadarAxis, radar_svg
from talentloop.interviews.models import InterviewSession

Audience = Literal["hr", "candidate"]
HR: Audience = "hr"
CANDIDATE: Audience = "candidate"

NOTE_TEXTS = {
    "skipped": gettext_lazy("The question was skipped."),
    "empty": gettext_lazy("The answer was empty."),
    "off_topic": gettext_lazy("The answer did not address the question."),
    "question_echo": gettext_lazy("The answer mostly repeated the question."),
    "keyword_list": gettext_lazy("The answer listed keywords without explaining them."),
    "repetition": gettext_lazy("The answer repeated the same sentence."),
    "star_missing": gettext_lazy("Missing parts of a STAR story: %(items)s."),
    "no_quantified_result": gettext_lazy("No quantified result (a number, percentage, amount or time)."),
    "only_about_self": gettext_lazy("The answer speaks only about yourself, not about the customer or the team."),
    "no_connectors": gettext_lazy("No connectors (first, then, finally) to order the answer."),
    "shorter_than_cohort": gettext_lazy("Answer %(value)s%% shorter than the average for this question."),
    "longer_than_cohort": gettext_lazy("Answer %(value)s%% longer than the average for this question."),
    "shorter_than_expected": gettext_lazy("Answer %(value)s%% shorter than the expected length."),
    "longer_than_expected": gettext_lazy("Answer %(value)s%% longer than the expected length."),
    "long_pauses": gettext_lazy("Long pauses: %(value)s."),
    "filler_words": gettext_lazy("Filler words: %(value)s per 100 words."),
    "retries": gettext_lazy("Answer restarted %(value)s time(s)."),
}
STAR_TEXTS = {
    "situation": pgettext_lazy("STAR element", "situation"),
    "task": pgettext_lazy("STAR element", "task"),
    "action": pgettext_lazy("STAR element", "action"),
    "result": pgettext_lazy("STAR element", "result"),
}


def report_get(*, session: InterviewSession) -> Report | None:
    """The newest report version of the interview, if one was built."""
    return Report.objects.filter(session=session).order_by("-version").first()


def report_policy_get(*, job_profile: JobProfile) -> ReportPolicy:
    """The job profile's visibility policy; the defaults (an unsaved row) when HR has not set one."""
    return ReportPolicy.objects.filter(job_profile=job_profile).first() or ReportPolicy(job_profile=job_profile)


def report_is_released(*, report: Report, policy: ReportPolicy) -> bool:
    """May the candidate read this report version now?"""
    return policy.release == ReportPolicy.Release.AUTOMATIC or report.released_at is not None


@dataclass(frozen=True)
class KeyPointView:
    question: int
    text: str
    status: str
    points_lost: float | None
    tip: str
    evidence: list[str]


@dataclass(frozen=True)
class DimensionView:
    code: str
    name: str
    score: str
    required: str
    meets_requirement: bool | None
    anchor_level: int | None
    anchor: str
    lost: list[KeyPointView]
    hits: list[KeyPointView]


@dataclass(frozen=True)
class AnswerNotesView:
    order: int
    question: str
    notes: list[str]


@dataclass(frozen=True)
class ReportView:
    audience: Audience
    version: int
    scorer: str
    candidate: str
    position: str
    passed: bool
    overall: str | None
    threshold: str | None
    shows_scores: bool
    shows_evidence: bool
    summary: str
    radar: SafeString
    dimensions: list[DimensionView]
    answers: list[AnswerNotesView] = field(default_factory=list)


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _pick(item: dict[str, Any], name: str) -> str:
    """The English text where the active language is English and there is one, else the Chinese."""
    if _english() and item.get(f"{name}_en"):
        return str(item[f"{name}_en"])
    return str(item.get(name) or "")


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _level_text(level: int) -> str:
    return _("Level %(level)s of 5") % {"level": level}


def note_text(note: dict[str, Any]) -> str:
    """One stored note in the active language."""
    template = NOTE_TEXTS.get(str(note.get("code")))
    if template is None:
        return str(note.get("code"))
    separator = pgettext("list separator", ", ")
    items = separator.join(str(STAR_TEXTS.get(item, item)) for item in note.get("items") or [])
    value = note.get("value")
    return str(template) % {"value": _number(float(value)) if value is not None else "", "items": items}


def report_view_get(*, report: Report, audience: Audience, policy: ReportPolicy) -> ReportView:
    """What ``audience`` sees of ``report``: HR every fact, the candidate what ``policy`` allows."""
    content = report.content
    candidate = audience == CANDIDATE
    shows_scores = not candidate or policy.score_display == ReportPolicy.ScoreDisplay.SCORES
    shows_evidence = not candidate or policy.show_evidence
    shows_delivery = not candidate or policy.show_delivery_notes
    shows_overall = not candidate or policy.show_overall
    dimensions = []
    axes = []
    for item in content["dimensions"]:
        name = _pick(item, "name")
        required_level = item.get("required_level")
        if shows_scores:
            score = _("%(score)s / 100") % {"score": _number(item["score"])}
            required = (
                _("Level %(level)s (%(score)s or more)")
                % {"level": required_level, "score": _number(item["required_score"])}
                if required_level
                else "—"
            )
            axes.append(RadarAxis(name, float(item["score"]), item["required_score"]))
        else:
            score = _level_text(item["level"])
            required = _level_text(required_level) if required_level else "—"
            # In bands the chart plots levels (level 3 at the third ring) so no raw score can be read off it.
            axes.append(RadarAxis(name, 20.0 * item["level"], 20.0 * required_level if required_level else None))
        key_points = [
            KeyPointView(
                question=point["question"],
                text=_pick(point, "text"),
                status=point["status"],
                points_lost=point["points_lost"] if shows_scores else None,
                tip=_pick(point, "tip"),
                evidence=list(point["evidence"]) if shows_evidence else [],
            )
            for point in item["key_points"]
        ]
        anchor = item.get("anchor")
        dimensions.append(
            DimensionView(
                code=item["code"],
                name=name,
                score=score,
                required=required,
                meets_requirement=item.get("meets_requirement"),
                anchor_level=anchor["level"] if anchor else None,
                anchor=_pick(anchor, "description") if anchor else "",
                lost=[point for point in key_points if point.status != "hit"],
                hits=[point for point in key_points if point.status == "hit"],
            )
        )
    answers = []
    for answer in content["answers"]:
        notes = [note_text(note) for note in answer["notes"] if shows_delivery or note["kind"] != DELIVERY]
        answers.append(AnswerNotesView(order=answer["order"], question=_pick(answer, "question"), notes=notes))
    overall = threshold = None
    if shows_overall:
        if shows_scores:
            overall, threshold = _number(content["overall"]), _number(content["threshold"])
        else:
            overall = _level_text(score_level(content["overall"]))
            threshold = _level_text(score_level(content["threshold"]))
    return ReportView(
        audience=audience,
        version=report.version,
        scorer=content["scorer"],
        candidate=content["candidate"],
        position=content["position"],
        passed=bool(content["passed"]),
        overall=overall,
        threshold=threshold,
        shows_scores=shows_scores,
        shows_evidence=shows_evidence,
        summary=_pick(content, "summary"),
        radar=radar_svg(
            axes,
            title=_("Dimensions against the role's required levels"),
            value_label=_("This interview"),
            required_label=_("Required by the role"),
        ),
        dimensions=dimensions,
        answers=answers,
    )
