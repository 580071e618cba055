"""Two demo-like dimensions for the library tests."""

from __future__ import annotations

from typing import Any

import pytest

from talentloop.competencies.models import Dimension
from talentloop.competencies.services import dimension_create
from talentloop.interviews.tests.conftest import ANCHORS


@pytest.fixture
def dimensions(db: Any) -> list[Dimension]:
    return [
        dimension_create(code="communication", name="沟通能力", name_en="Communication", anchors=ANCHORS),
        dimension_create(code="problem-solving", name="问题解决", name_en="Problem solving", anchors=ANCHORS),
    ]


@pytest.fixture(autouse=True)
def in_english() -> Any:
    """Messages are asserted in English (the source language); the suite's default language is Chinese."""
    from django.utils import translation

    with translation.override("en"):
        yield
