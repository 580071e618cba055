"""The radar chart of a report as server-rendered SVG: no JavaScript, no CDN, the same markup on the page and in
the PDF. Axes start at the top and go clockwise; rings mark the level bands of `competencies.levels`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from talentloop.competencies.levels import LEVELS, level_required_score
from talentloop.feedback.pdf import FONT_FAMILY

SIZE = 320.0
MARGIN = 70.0  # room for the axis labels
LABEL_OFFSET = 14.0
# A radar of one or two axes is a dot or a line: below three, the same facts are drawn as bars.
MINIMUM_RADAR_AXES = 3
BAR_LABEL_WIDTH = 110.0
BAR_WIDTH = 190.0
BAR_ROW = 36.0
# SVG text does not inherit the page's font in WeasyPrint: name the packaged CJK font first, then the usual
# system CJK fonts a browser may have.
FONT_STACK = f"'{FONT_FAMILY}', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"


@dataclass(frozen=True)
class RadarAxis:
    label: str
    value: float  # 0–100: the candidate
    required: float | None  # 0–100: the role, or None where the role does not weigh the dimension


@dataclass(frozen=True)
class RadarGeometry:
    centre: float
    radius: float
    axis_ends: tuple[tuple[float, float], ...]
    value_points: tuple[tuple[float, float], ...]
    required_points: tuple[tuple[float, float], ...]
    rings: tuple[tuple[tuple[float, float], ...], ...]
    label_points: tuple[tuple[float, float], ...]


def _at(centre: float, distance: float, index: int, count: int) -> tuple[float, float]:
    """The point ``distance`` from the centre on axis ``index`` of ``count`` (axis 0 points up, then clockwise)."""
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return (round(centre + distance * math.cos(angle), 2), round(centre + distance * math.sin(angle), 2))


def _point(centre: float, radius: float, index: int, count: int, value: float) -> tuple[float, float]:
    return _at(centre, radius * max(0.0, min(100.0, value)) / 100.0, index, count)


def radar_geometry(axes: Sequence[RadarAxis], *, size: float = SIZE, margin: float = MARGIN) -> RadarGeometry:
    """Every coordinate of the chart, rounded to 2 decimals (what the tests pin)."""
    centre = size / 2
    radius = centre - margin
    count = len(axes)
    indexes = range(count)
    # One ring where each level above 1 begins (level 1 begins at the centre).
    rings = tuple(
        tuple(_point(centre, radius, index, count, level_required_score(level)) for index in indexes)
        for level in LEVELS[1:]
    )
    return RadarGeometry(
        centre=centre,
        radius=radius,
        axis_ends=tuple(_point(centre, radius, index, count, 100.0) for index in indexes),
        value_points=tuple(_point(centre, radius, index, count, axis.value) for index, axis in enumerate(axes)),
        required_points=tuple(
            _point(centre, radius, index, count, axis.required or 0.0) for index, axis in enumerate(axes)
        ),
        rings=rings,
        label_points=tuple(_at(centre, radius + LABEL_OFFSET, index, count) for index in indexes),
    )


def _points(points: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def _anchor(x: float, centre: float) -> str:
    if abs(x - centre) < 1:
        return "middle"
    return "start" if x > centre else "end"


def radar_svg(axes: Sequence[RadarAxis], *, title: str, value_label: str, required_label: str) -> SafeString:
    """The chart as an inline ``<svg>`` element (escaped labels); empty when there is nothing to draw."""
    if not axes:
        return SafeString("")
    if len(axes) < MINIMUM_RADAR_AXES:
        return _bars_svg(axes, title=title, value_label=value_label, required_label=required_label)
    geometry = radar_geometry(axes)
    size = f"{SIZE:g}"
    rings = format_html_join(
        "",
        '<polygon class="radar-ring" points="{}" fill="none" stroke="#d0d4da" stroke-width="1"/>',
        ((_points(ring),) for ring in geometry.rings),
    )
    spokes = format_html_join(
        "",
        '<line class="radar-axis" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d0d4da" stroke-width="1"/>',
        ((f"{geometry.centre:g}", f"{geometry.centre:g}", f"{x:g}", f"{y:g}") for x, y in geometry.axis_ends),
    )
    labels = format_html_join(
        "",
        '<text class="radar-label" x="{}" y="{}" text-anchor="{}" dominant-baseline="middle" font-size="11">{}</text>',
        (
            (f"{x:g}", f"{y:g}", _anchor(x, geometry.centre), axis.label)
            for (x, y), axis in zip(geometry.label_points, axes, strict=True)
        ),
    )
    required = ""
    if any(axis.required is not None for axis in axes):
        required = format_html(
            '<polygon class="radar-required" points="{}" fill="none" stroke="#c2410c" stroke-width="2" '
            'stroke-dasharray="5 3"/>',
            _points(geometry.required_points),
        )
    return format_html(
        '<svg class="radar" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
        'aria-label="{}" font-family="{}"><title>{}</title>{}{}{}'
        '<polygon class="radar-value" points="{}" fill="#2563eb" fill-opacity="0.25" stroke="#2563eb" '
        'stroke-width="2"/>{}'
        '<g class="radar-legend" font-size="11"><rect x="8" y="{}" width="12" height="4" fill="#2563eb"/>'
        '<text x="24" y="{}" dominant-baseline="middle">{}</text>'
        '<rect x="8" y="{}" width="12" height="4" fill="#c2410c"/><text x="24" y="{}" dominant-baseline="middle">{}'
        "</text></g></svg>",
        size,
        size,
        size,
        size,
        title,
        FONT_STACK,
        title,
        rings,
        spokes,
        required,
        _points(geometry.value_points),
        labels,
        SIZE - 34,
        SIZE - 32,
        value_label,
        SIZE - 18,
        SIZE - 16,
        required_label,
    )


def bar_geometry(axes: Sequence[RadarAxis]) -> list[tuple[float, float, float | None]]:
    """Per axis: the row's top, the bar's length and the required marker's x (``None`` without a requirement)."""
    rows = []
    for index, axis in enumerate(axes):
        length = round(BAR_WIDTH * max(0.0, min(100.0, axis.value)) / 100.0, 2)
        marker = None
        if axis.required is not None:
            marker = round(BAR_LABEL_WIDTH + BAR_WIDTH * max(0.0, min(100.0, axis.required)) / 100.0, 2)
        rows.append((BAR_ROW * index + 8.0, length, marker))
    return rows


def _bars_svg(axes: Sequence[RadarAxis], *, title: str, value_label: str, required_label: str) -> SafeString:
    height = BAR_ROW * len(axes) + 30.0
    width = BAR_LABEL_WIDTH + BAR_WIDTH + 10.0
    rows = format_html_join(
        "",
        '<text class="radar-label" x="{}" y="{}" text-anchor="end" dominant-baseline="middle" font-size="11">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="16" fill="#e5e7eb"/>'
        '<rect class="radar-value" x="{}" y="{}" width="{}" height="16" fill="#2563eb"/>{}',
        (
            (
                f"{BAR_LABEL_WIDTH - 6:g}",
                f"{top + 8:g}",
                axis.label,
                f"{BAR_LABEL_WIDTH:g}",
                f"{top:g}",
                f"{BAR_WIDTH:g}",
                f"{BAR_LABEL_WIDTH:g}",
                f"{top:g}",
                f"{length:g}",
                format_html(
                    '<line class="radar-required" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#c2410c" stroke-width="2"/>',
                    f"{marker:g}",
                    f"{top - 3:g}",
                    f"{marker:g}",
                    f"{top + 19:g}",
                )
                if marker is not None
                else "",
            )
            for axis, (top, length, marker) in zip(axes, bar_geometry(axes), strict=True)
        ),
    )
    return format_html(
        '<svg class="radar radar-bars" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" '
        'role="img" aria-label="{}" font-family="{}"><title>{}</title>{}'
        '<g class="radar-legend" font-size="11"><rect x="8" y="{}" width="12" height="4" fill="#2563eb"/>'
        '<text x="24" y="{}" dominant-baseline="middle">{}</text>'
        '<rect x="120" y="{}" width="12" height="4" fill="#c2410c"/><text x="136" y="{}" dominant-baseline="middle">{}'
        "</text></g></svg>",
        f"{width:g}",
        f"{height:g}",
        f"{width:g}",
        f"{height:g}",
        title,
        FONT_STACK,
        title,
        rows,
        f"{height - 14:g}",
        f"{height - 12:g}",
        value_label,
        f"{height - 14:g}",
        f"{height - 12:g}",
        required_label,
    )
