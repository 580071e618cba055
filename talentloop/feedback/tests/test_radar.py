"""The radar chart's exact geometry on a hand-made case."""

from __future__ import annotations

from talentloop.feedback.radar import RadarAxis, bar_geometry, radar_geometry, radar_svg


def test_four_axes_start_at_the_top_and_go_clockwise() -> None:
    # given a 300-unit chart with a 60-unit margin: centre 150, radius 90
    axes = [RadarAxis("A", 100, 60), RadarAxis("B", 50, 60), RadarAxis("C", 0, 40), RadarAxis("D", 75, None)]
    # when
    geometry = radar_geometry(axes, size=300, margin=60)
    # then
    assert (geometry.centre, geometry.radius) == (150, 90)
    assert geometry.value_points == ((150.0, 60.0), (195.0, 150.0), (150.0, 150.0), (82.5, 150.0))
    assert geometry.required_points == ((150.0, 96.0), (204.0, 150.0), (150.0, 186.0), (150.0, 150.0))
    assert geometry.axis_ends == ((150.0, 60.0), (240.0, 150.0), (150.0, 240.0), (60.0, 150.0))
    # one ring where each level from 2 begins (25, 50, 75, 100)
    assert [ring[0] for ring in geometry.rings] == [
        (150.0, 127.5),
        (150.0, 105.0),
        (150.0, 82.5),
        (150.0, 60.0),
    ]
    assert geometry.label_points[1] == (254.0, 150.0)


def test_three_axes_and_values_out_of_range_are_clamped() -> None:
    geometry = radar_geometry(
        [RadarAxis("A", 120, None), RadarAxis("B", -5, None), RadarAxis("C", 100, None)], size=200, margin=50
    )
    assert geometry.value_points == ((100.0, 50.0), (100.0, 100.0), (56.7, 125.0))


def test_svg_escapes_labels_and_draws_both_polygons() -> None:
    svg = radar_svg(
        [RadarAxis("<问题解决>", 45, 60), RadarAxis("沟通能力", 80, 40), RadarAxis("C", 10, 20)],
        title="t",
        value_label="本次",
        required_label="要求",
    )
    assert "&lt;问题解决&gt;" in svg and "<问题解决>" not in svg
    assert svg.count('class="radar-value"') == 1 and svg.count('class="radar-required"') == 1
    assert svg.count('class="radar-ring"') == 4
    assert "<script" not in svg and "http://www.w3.org/2000/svg" in svg


def test_fewer_than_three_dimensions_are_drawn_as_bars() -> None:
    axes = [RadarAxis("沟通能力", 80, 40), RadarAxis("问题解决", 45, None)]
    assert bar_geometry(axes) == [(8.0, 152.0, 186.0), (44.0, 85.5, None)]
    svg = radar_svg(axes, title="t", value_label="本次", required_label="要求")
    assert 'class="radar radar-bars"' in svg and 'width="152"' in svg and 'width="85.5"' in svg
    assert svg.count('class="radar-required"') == 1 and "<polygon" not in svg
