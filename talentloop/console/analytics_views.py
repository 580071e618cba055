"""Console pages for interview analytics (HR only): overview, per-question analysis, the pass predictor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from talentloop.analytics.access import analytics_check_view
from talentloop.analytics.charts import Bar, bar_chart_svg, calibration_svg, histogram_svg
from talentloop.analytics.interview_selectors import (
    AnalyticsFilter,
    ai_human_agreement,
    analytics_filter_options,
    analytics_filter_parse,
    funnel,
    question_analysis_get,
    question_analysis_list,
)
from talentloop.analytics.prediction import DIMENSION_PREFIX
from talentloop.analytics.prediction_selectors import (
    OVERALL_FEATURE,
    RESUME_PREFIX,
    ApplicationAdvice,
    prediction_report_get,
    resume_feature_values,
)
from talentloop.analytics.statistics.discrimination import MINIMUM_AUC, MINIMUM_PER_OUTCOME
from talentloop.core.exceptions import ValidationFailed


def _filter_context(request: HttpRequest, page: str) -> tuple[AnalyticsFilter | None, dict[str, Any]]:
    """The parsed filter (None when invalid) and the context every analytics page shares."""
    context: dict[str, Any] = {"section": "analytics", "page": page, "params": request.GET, "filter_errors": {}}
    context.update(analytics_filter_options())
    try:
        analytics_filter = analytics_filter_parse(request.GET)
    except ValidationFailed as error:
        context["filter_errors"] = error.fields
        context["filter_message"] = error.message
        return None, context
    context["filter"] = analytics_filter
    context["query"] = analytics_filter.query_string()
    return analytics_filter, context


def _invalid(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, template, context, status=400)


FEATURE_LABELS = {
    OVERALL_FEATURE: _lazy("AI overall score"),
    "delivery:skip_share": _lazy("share of questions skipped"),
    "delivery:retry_share": _lazy("share of questions retried"),
    "delivery:time_share": _lazy("answer time against the expected time"),
}


def feature_label(name: str) -> str:
    """A predictor feature in words: ``dimension:团队协作`` → "AI score on 团队协作"."""
    if name.startswith(DIMENSION_PREFIX):
        return _("AI score on %(dimension)s") % {"dimension": name[len(DIMENSION_PREFIX) :]}
    if name in FEATURE_LABELS:
        return str(FEATURE_LABELS[name])
    if name.startswith(RESUME_PREFIX):
        return _("résumé: %(feature)s") % {"feature": name[len(RESUME_PREFIX) :]}
    return name


@dataclass(frozen=True)
class AdviceRow:
    advice: ApplicationAdvice
    reasons: list[tuple[str, float, bool]]


@login_required
def analytics_overview(request: HttpRequest) -> HttpResponse:
    analytics_check_view(request.user)
    analytics_filter, context = _filter_context(request, "overview")
    template = "console/analytics/overview.html"
    if analytics_filter is None:
        return _invalid(request, template, context)
    questions = question_analysis_list(analytics_filter)
    context["question_count"] = len(questions)
    context["flagged_count"] = sum(1 for item in questions if item.flagged)
    context["answer_count"] = sum(item.answers for item in questions)
    result = funnel(analytics_filter)
    context["funnel"] = result
    context["funnel_chart"] = bar_chart_svg(
        [
            Bar(
                label=stage.label,
                value=stage.reached,
                text=f"{stage.reached}" + (f" ({stage.conversion:.0%})" if stage.conversion is not None else ""),
            )
            for stage in result.stages
        ],
        title=_("Applications that reached each stage"),
        css_class="bars funnel",
    )
    context["time_chart"] = bar_chart_svg(
        [
            Bar(
                label=stage.label,
                value=stage.median_days or 0.0,
                text="—" if stage.median_days is None else _("%(days)s days") % {"days": stage.median_days},
            )
            for stage in result.stages
            if stage.kind != "hired"
        ],
        title=_("Median days in each stage"),
        css_class="bars time-in-stage",
    )
    return render(request, template, context)


@login_required
def analytics_agreement(request: HttpRequest) -> HttpResponse:
    analytics_check_view(request.user)
    analytics_filter, context = _filter_context(request, "agreement")
    template = "console/analytics/agreement.html"
    if analytics_filter is None:
        return _invalid(request, template, context)
    context["agreement"] = ai_human_agreement(analytics_filter)
    return render(request, template, context)


@login_required
def analytics_questions(request: HttpRequest) -> HttpResponse:
    analytics_check_view(request.user)
    analytics_filter, context = _filter_context(request, "questions")
    template = "console/analytics/questions.html"
    if analytics_filter is None:
        return _invalid(request, template, context)
    context["questions"] = question_analysis_list(analytics_filter)
    context["minimum_per_outcome"] = MINIMUM_PER_OUTCOME
    return render(request, template, context)


@login_required
def analytics_question_detail(request: HttpRequest, question_id: int) -> HttpResponse:
    analytics_check_view(request.user)
    analytics_filter, context = _filter_context(request, "questions")
    template = "console/analytics/question_detail.html"
    if analytics_filter is None:
        return _invalid(request, template, context)
    item = question_analysis_get(analytics_filter, question_id=question_id)
    context.update(
        {
            "item": item,
            "question_text": item.question.text_for(request.LANGUAGE_CODE),
            "duration_chart": histogram_svg(
                item.duration_bins, title=_("Answer time (seconds)"), css_class="histogram duration"
            ),
            "score_chart": histogram_svg(item.score_bins, title=_("Score (0–100)"), css_class="histogram score"),
            "minimum_per_outcome": MINIMUM_PER_OUTCOME,
            "minimum_auc": MINIMUM_AUC,
        }
    )
    return render(request, template, context)


@login_required
def analytics_prediction(request: HttpRequest) -> HttpResponse:
    analytics_check_view(request.user)
    analytics_filter, context = _filter_context(request, "prediction")
    template = "console/analytics/prediction.html"
    if analytics_filter is None:
        return _invalid(request, template, context)
    report = prediction_report_get(analytics_filter, resume_features=resume_feature_values)
    context["report"] = report
    context["advice_rows"] = [
        AdviceRow(
            advice=item,
            reasons=[
                (feature_label(part.feature), part.value, part.contribution >= 0) for part in item.advice.contributions
            ],
        )
        for item in report.advice
    ]
    if report.validation is not None:
        context["calibration_chart"] = calibration_svg(
            report.validation.calibration.bins, title=_("Calibration: predicted against observed pass rate")
        )
    return render(request, template, context)
