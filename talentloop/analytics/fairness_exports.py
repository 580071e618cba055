"""The fairness audit as a downloadable report: CSV (the facts, then one row per group) and PDF (the same facts,
the chart and the method, printed by the feedback room's WeasyPrint helper in the packaged CJK font)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from talentloop.analytics.fairness_chart import fairness_chart
from talentloop.analytics.fairness_selectors import FairnessReport, Outcome
from talentloop.feedback.pdf import pdf_render


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _in_language(name: str, name_en: str) -> str:
    return name_en if name_en and (get_language() or "").startswith("en") else name


def _day(value: Any) -> str:
    return value.isoformat() if value is not None else ""


def fairness_report_facts(report: FairnessReport) -> list[tuple[str, str]]:
    """The report's header: when, which data, which filters — the same lines in the CSV, the PDF and the page."""
    filters = report.filters
    facts = [
        (_("Generated at"), timezone.localtime(report.generated_at).strftime("%Y-%m-%d %H:%M")),
        (_("Data range"), f"{_day(report.data_from)} – {_day(report.data_to)}" if report.data_from else _("no data")),
        (_("Outcome"), report.outcome_label),
        (_("Categories"), report.category_label),
        (
            _("Opening"),
            _in_language(filters.opening.title, filters.opening.title_en) if filters.opening else _("All openings"),
        ),
        (
            _("Department"),
            _in_language(filters.department.name, filters.department.name_en)
            if filters.department
            else _("All departments"),
        ),
        (_("Period from"), _day(filters.date_from) or _("any")),
        (_("Period to"), _day(filters.date_to) or _("any")),
        (_("Groups under 2% excluded"), _yes_no(filters.exclude_small)),
        (_("Assessed"), str(report.audit.total)),
        (_("Unknown category"), str(report.audit.unknown)),
        (_("Unknown and selected"), str(report.audit.unknown_selected)),
    ]
    if filters.outcome == Outcome.AI_SCORE and report.audit.median is not None:
        facts.append((_("Median score (full sample)"), f"{report.audit.median:g}"))
    return facts


def fairness_report_csv(report: FairnessReport) -> str:
    """The report as CSV text: the facts as "name,value" lines, a blank line, then the group table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_("Fairness audit")])
    writer.writerows(fairness_report_facts(report))
    writer.writerow([])
    writer.writerow(
        [
            _("Group"),
            _("Count"),
            _("Selected"),
            _("Selection rate"),
            _("Share"),
            _("Impact ratio"),
            _("Impact ratio (exact)"),
            _("Below four fifths"),
            _("Small group"),
            _("Excluded"),
            _("Reference group"),
        ]
    )
    for row in report.rows:
        group = row.group
        writer.writerow(
            [
                row.label,
                group.count,
                group.selected,
                f"{float(group.selection_rate):.4f}",
                f"{float(group.share):.4f}",
                "" if group.impact_ratio is None else f"{float(group.impact_ratio):.4f}",
                row.impact_ratio_exact,
                _yes_no(group.flagged),
                _yes_no(group.small),
                _yes_no(group.excluded),
                _yes_no(group.reference),
            ]
        )
    return buffer.getvalue()


def fairness_report_pdf(report: FairnessReport) -> bytes:
    """The report as PDF bytes."""
    return pdf_render(
        template="analytics/fairness_report_pdf.html",
        context={"report": report, "facts": fairness_report_facts(report), "chart": fairness_chart(report)},
    )


def fairness_report_filename(report: FairnessReport, extension: str) -> str:
    stamp = timezone.localtime(report.generated_at).strftime("%Y%m%d-%H%M")
    return f"fairness-audit-{report.filters.outcome}-{stamp}.{extension}"
