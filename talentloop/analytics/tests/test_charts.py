"""The SVG charts: deterministic coordinates and escaped labels."""

from __future__ import annotations

from talentloop.analytics.charts import Bar, HistogramBin, bar_chart_svg, calibration_svg, histogram_svg
from talentloop.analytics.statistics.calibration import ReliabilityBin


def test_histogram_scales_bars_to_the_tallest_and_escapes_labels() -> None:
    bins = [HistogramBin("0–30", 2), HistogramBin("<b>", 4), HistogramBin("60–90", 0)]
    svg = histogram_svg(bins, title="T&C")
    assert svg == histogram_svg(list(bins), title="T&C")
    assert 'aria-label="T&amp;C"' in svg
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    # plot height 152: the tallest bar is 152 high, half of it 76, the empty one 0.
    assert 'height="152"' in svg and 'height="76"' in svg and 'height="0"' in svg
    assert svg.count('<g class="bin">') == 3


def test_histogram_of_nothing_draws_no_bars() -> None:
    assert '<g class="bin">' not in histogram_svg([], title="empty")


def test_bar_chart_and_calibration_curve() -> None:
    bars = bar_chart_svg([Bar("应用", 10, "10"), Bar("面试", 5, "5 (50%)")], title="funnel")
    assert 'width="260"' in bars and 'width="130"' in bars and "5 (50%)" in bars
    curve = calibration_svg(
        [
            ReliabilityBin(0.0, 0.5, 2, 0.25, 0.5),
            ReliabilityBin(0.5, 1.0, 0, None, None),
        ],
        title="calibration",
    )
    # x = 32 + 176 × 0.25 = 76, y = 240 − 32 − 176 × 0.5 = 120; the empty bin draws nothing.
    assert 'points="76,120"' in curve
    assert curve.count("<circle") == 1
