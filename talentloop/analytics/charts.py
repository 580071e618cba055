"""Server-rendered SVG charts for the analytics pages: histograms, horizontal bars and the reliability curve.

Like the report's radar (`feedback.radar`): no JavaScript, no CDN, deterministic markup (coordinates rounded to two
decimals) and every label escaped. Each chart carries a ``<title>`` and an ``aria-label`` so a screen reader reads
what it shows, and the pages print the same numbers in a table beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from talentloop.analytics.statistics.calibration import ReliabilityBin

WIDTH = 480.0
HEIGHT = 200.0
LEFT = 40.0
BOTTOM = 36.0
TOP = 12.0
BAR_GAP = 2.0
ROW_HEIGHT = 26.0
LABEL_WIDTH = 150.0
BAR_AREA = 260.0
CALIBRATION_SIZE = 240.0
CALIBRATION_MARGIN = 32.0


@dataclass(frozen=True)
class HistogramBin:
    """One bar of a histogram: its label (the range it covers) and how many values fell in it."""

    label: str
    count: int


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart: a label, a value and the text printed after the bar."""

    label: str
    value: float
    text: str


def _number(value: float) -> str:
    return f"{round(value, 2):g}"


def histogram_svg(bins: Sequence[HistogramBin], *, title: str, css_class: str = "histogram") -> SafeString:
    """Vertical bars, one per bin, scaled to the tallest; the count above each bar and the label below."""
    plot_width = WIDTH - LEFT
    plot_height = HEIGHT - BOTTOM - TOP
    tallest = max((item.count for item in bins), default=0)
    slot = plot_width / len(bins) if bins else plot_width
    bars = []
    for index, item in enumerate(bins):
        height = plot_height * item.count / tallest if tallest else 0.0
        x = LEFT + index * slot + BAR_GAP / 2
        y = TOP + plot_height - height
        bars.append(
            (
                _number(x),
                _number(y),
                _number(max(slot - BAR_GAP, 1.0)),
                _number(height),
                item.label,
                item.count,
                _number(x + (slot - BAR_GAP) / 2),
                _number(y - 3),
                _number(HEIGHT - BOTTOM + 14),
            )
        )
    body = format_html_join(
        "",
        '<g class="bin"><rect x="{0}" y="{1}" width="{2}" height="{3}"><title>{4}: {5}</title></rect>'
        '<text x="{6}" y="{7}" text-anchor="middle" class="count">{5}</text>'
        '<text x="{6}" y="{8}" text-anchor="middle" class="label">{4}</text></g>',
        bars,
    )
    return format_html(
        '<svg class="chart {}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        "<title>{}</title>"
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>{}</svg>',
        css_class,
        _number(WIDTH),
        _number(HEIGHT),
        title,
        title,
        _number(LEFT),
        _number(HEIGHT - BOTTOM),
        _number(WIDTH),
        _number(HEIGHT - BOTTOM),
        body,
    )


def bar_chart_svg(bars: Sequence[Bar], *, title: str, css_class: str = "bars") -> SafeString:
    """Horizontal bars scaled to the largest value, the label on the left and the text after the bar."""
    largest = max((item.value for item in bars), default=0.0)
    height = ROW_HEIGHT * len(bars) + 4
    rows = []
    for index, item in enumerate(bars):
        width = BAR_AREA * item.value / largest if largest > 0 else 0.0
        y = index * ROW_HEIGHT + 4
        rows.append(
            (
                _number(LABEL_WIDTH - 6),
                _number(y + ROW_HEIGHT / 2 + 4),
                item.label,
                _number(LABEL_WIDTH),
                _number(y + 3),
                _number(width),
                _number(ROW_HEIGHT - 8),
                _number(LABEL_WIDTH + width + 6),
                item.text,
            )
        )
    body = format_html_join(
        "",
        '<g class="bar"><text x="{0}" y="{1}" text-anchor="end" class="label">{2}</text>'
        '<rect x="{3}" y="{4}" width="{5}" height="{6}"/><text x="{7}" y="{1}" class="value">{8}</text></g>',
        rows,
    )
    return format_html(
        '<svg class="chart {}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        "<title>{}</title>{}</svg>",
        css_class,
        _number(LABEL_WIDTH + BAR_AREA + 90),
        _number(height),
        title,
        title,
        body,
    )


def calibration_svg(bins: Sequence[ReliabilityBin], *, title: str) -> SafeString:
    """The reliability curve: mean predicted probability (x) against the observed rate (y), one dot per non-empty
    bin, joined in order, over the diagonal of perfect calibration."""
    size = CALIBRATION_SIZE
    margin = CALIBRATION_MARGIN
    span = size - 2 * margin

    def x_of(value: float) -> str:
        return _number(margin + span * value)

    def y_of(value: float) -> str:
        return _number(size - margin - span * value)

    points = [
        (x_of(item.mean_predicted), y_of(item.observed_rate), item.count)
        for item in bins
        if item.mean_predicted is not None and item.observed_rate is not None
    ]
    line = " ".join(f"{x},{y}" for x, y, _ in points)
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4"><title>n = {}</title></circle>',
        points,
    )
    return format_html(
        '<svg class="chart calibration" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {0} {0}" role="img" '
        'aria-label="{1}"><title>{1}</title>'
        '<rect x="{2}" y="{2}" width="{3}" height="{3}" class="frame"/>'
        '<line x1="{2}" y1="{4}" x2="{4}" y2="{2}" class="diagonal"/>'
        '<polyline points="{5}" class="curve"/>{6}'
        '<text x="{2}" y="{7}" class="label">0</text><text x="{4}" y="{7}" text-anchor="end" class="label">1</text>'
        "</svg>",
        _number(size),
        title,
        _number(margin),
        _number(span),
        _number(size - margin),
        line,
        dots,
        _number(size - margin + 16),
    )
