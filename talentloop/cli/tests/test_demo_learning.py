"""The demo learning library: enough realistic, bilingual items across the ten demo dimensions, loaded idempotently."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from talentloop.cli.demo import demo_load
from talentloop.cli.demo_interviews import demo_content_bytes
from talentloop.core.models import AuditEvent
from talentloop.learning.models import Course, LearningTarget, Mentor, PracticeProject


def library() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(demo_content_bytes("learning_library.json"))
    return document


def test_the_library_covers_every_demo_dimension_in_both_languages() -> None:
    document = library()
    dimensions = {item["code"] for item in json.loads(demo_content_bytes("competencies.json"))["dimensions"]}
    covered = Counter(
        target["dimension"]
        for kind in ("courses", "projects", "mentors")
        for item in document[kind]
        for target in item["targets"]
    )
    assert (len(document["courses"]), len(document["projects"]), len(document["mentors"])) == (17, 5, 4)
    assert set(covered) == dimensions
    assert min(covered.values()) >= 3
    assert all(item["title"] and item["title_en"] for kind in ("courses", "projects") for item in document[kind])
    assert all(course["url"] or course["content"] for course in document["courses"])


@pytest.mark.django_db
def test_demo_load_imports_the_library_once() -> None:
    demo_load()
    counts = (Course.objects.count(), PracticeProject.objects.count(), Mentor.objects.count())
    targets, audit = LearningTarget.objects.count(), AuditEvent.objects.count()
    # when
    demo_load()
    # then
    assert counts == (17, 5, 4)
    assert (LearningTarget.objects.count(), AuditEvent.objects.count()) == (targets, audit)
    assert sorted(Mentor.objects.values_list("employee__person__full_name", flat=True)) == sorted(
        ["张伟", "陈磊", "孙浩", "李娜"]
    )
