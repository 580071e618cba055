"""The radar chart of a report as server-rendered SVG: no JavaScript, no CDN, the same markup on the page and in
the PDF. Axes start at the top and go clockwise; rings mark the level bands of `competencies.levels`."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from talentloop.competencies.levels import BAND_WIDTH

SIZE = 320.0
MARGIN = 70.0  # room for the axis labels
LABEL_OFFSET = 14.0


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
    rings = tuple(
        tuple(_point(centre, radius, index, count, BAND_WIDTH * step) for index in indexes) for step in (1, 2, 3, 4, 5)
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
        'aria-label="{}"><title>{}</title>{}{}{}<polygon class="radar-value" points="{}" fill="#2563eb" '
        'fill-opacity="0.25" stroke="#2563eb" stroke-width="2"/>{}'
        '<g class="radar-legend" font-size="11"><rect x="8" y="{}" width="12" height="4" fill="#2563eb"/>'
        '<text x="24" y="{}" dominant-baseline="middle">{}</text>'
        '<rect x="8" y="{}" width="12" height="4" fill="#c2410c"/><text x="24" y="{}" dominant-baseline="middle">{}'
        "</text></g></svg>",
        size,
        size,
        size,
        size,
        title,
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
