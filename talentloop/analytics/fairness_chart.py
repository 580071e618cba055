"""The fairness audit's bar chart as plain geometry for a server-rendered SVG (no JavaScript): one horizontal bar
per group, its selection rate on a 0–100 % axis, and a dashed line at four fifths of the reference group's rate —
a bar ending left of the line is a group under the four-fifths rule."""

from __future__ import annotations

from dataclasses import dataclass

from talentloop.analytics.fairness_selectors import FairnessReport

WIDTH = 640
LABEL_WIDTH = 190
PLOT_WIDTH = 380
ROW_HEIGHT = 30
BAR_HEIGHT = 18
TOP = 24
BOTTOM = 34


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    width: float
    rate_percent: float
    flagged: bool
    excluded: bool
    reference: bool

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT - 4

    @property
    def value_x(self) -> float:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class FairnessChart:
    width: int
    height: int
    plot_left: int
    plot_right: int
    axis_y: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    threshold_x: float | None
    threshold_percent: float | None


def fairness_chart(report: FairnessReport) -> FairnessChart:
    """Bars, ticks and the four-fifths line for ``report``."""
    bars = []
    for index, row in enumerate(report.rows):
        rate = float(row.group.selection_rate)
        bars.append(
            Bar(
                label=row.label,
                y=TOP + index * ROW_HEIGHT,
                width=round(rate * PLOT_WIDTH, 1),
                rate_percent=row.rate_percent,
                flagged=row.group.flagged,
                excluded=row.group.excluded,
                reference=row.group.reference,
            )
        )
    axis_y = TOP + max(len(bars), 1) * ROW_HEIGHT
    reference_rate = report.reference_rate
    threshold = None if reference_rate is None else float(reference_rate * report.four_fifths)
    return FairnessChart(
        width=WIDTH,
        height=axis_y + BOTTOM,
        plot_left=LABEL_WIDTH,
        plot_right=LABEL_WIDTH + PLOT_WIDTH,
        axis_y=axis_y,
        bars=tuple(bars),
        ticks=tuple(Tick(LABEL_WIDTH + PLOT_WIDTH * step / 4, f"{25 * step}%") for step in range(5)),
        threshold_x=None if threshold is None else round(LABEL_WIDTH + threshold * PLOT_WIDTH, 1),
        threshold_percent=None if threshold is None else round(100 * threshold, 1),
    )
