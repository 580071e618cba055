"""Evidence segments: the answer cut at every span boundary, overlaps named once per key point, text untouched."""

from __future__ import annotations

from talentloop.assessments.highlighting import EvidenceSpan, Segment, evidence_segments


def span(start: int, end: int, key_point: int, status: str = "hit") -> EvidenceSpan:
    return EvidenceSpan(start=start, end=end, key_point=key_point, label=f"要点{key_point}", status=status)


def test_no_spans_give_one_plain_segment() -> None:
    assert evidence_segments("我先了解需求", []) == [Segment(text="我先了解需求")]


def test_an_empty_answer_gives_no_marks() -> None:
    assert evidence_segments("", [span(0, 3, 1)]) == []


def test_separate_spans_are_marked_between_plain_text() -> None:
    # given "abcdefghij" with evidence on "bc" (1) and "fg" (2, partial)
    segments = evidence_segments("abcdefghij", [span(5, 7, 2, "partial"), span(1, 3, 1)])
    # then
    assert [
        (segment.text, segment.key_points, segment.status if segment.is_marked else "") for segment in segments
    ] == [
        ("a", (), ""),
        ("bc", (1,), "hit"),
        ("de", (), ""),
        ("fg", (2,), "partial"),
        ("hij", (), ""),
    ]
    assert "".join(segment.text for segment in segments) == "abcdefghij"


def test_overlapping_spans_are_cut_at_every_boundary() -> None:
    # given key point 1 covers [2, 8) and key point 2 covers [5, 10), both partly over the same words
    segments = evidence_segments("0123456789AB", [span(2, 8, 1), span(5, 10, 2, "partial")])
    # then
    assert [(segment.text, segment.key_points) for segment in segments] == [
        ("01", ()),
        ("234", (1,)),
        ("567", (1, 2)),
        ("89", (2,)),
        ("AB", ()),
    ]
    both = segments[2]
    assert both.title == "1. 要点1; 2. 要点2"
    assert both.status == "hit"  # one of the two was hit
    assert segments[3].status == "partial"


def test_a_span_inside_another_and_a_repeated_span_name_each_key_point_once() -> None:
    segments = evidence_segments("abcdef", [span(0, 6, 1), span(2, 4, 2), span(2, 4, 2), span(1, 5, 1)])
    assert [(segment.text, segment.key_points) for segment in segments] == [
        ("ab", (1,)),
        ("cd", (1, 2)),
        ("ef", (1,)),
    ]


def test_touching_spans_of_the_same_key_point_read_as_one_mark() -> None:
    segments = evidence_segments("预算和使用场景。", [span(0, 2, 1), span(2, 3, 1), span(3, 7, 1)])
    assert [(segment.text, segment.key_points) for segment in segments] == [("预算和使用场景", (1,)), ("。", ())]


def test_spans_outside_the_text_are_clipped_or_dropped() -> None:
    segments = evidence_segments("abc", [span(-2, 1, 1), span(2, 99, 2), span(5, 9, 3), span(2, 2, 4)])
    assert [(segment.text, segment.key_points) for segment in segments] == [("a", (1,)), ("b", ()), ("c", (2,))]


def test_html_in_the_answer_stays_plain_text_in_the_segments() -> None:
    # given an answer that contains markup; the template escapes each segment, so it must arrive unchanged
    text = '<script>alert("x")</script> 我会&先<b>了解</b>需求'
    start = text.index("<b>")
    segments = evidence_segments(text, [span(start, start + len("<b>了解</b>"), 1)])
    assert [(segment.text, segment.key_points) for segment in segments] == [
        ('<script>alert("x")</script> 我会&先', ()),
        ("<b>了解</b>", (1,)),
        ("需求", ()),
    ]
