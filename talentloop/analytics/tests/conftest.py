"""The fairness audit world (see fairness_world.py) and the recruitment world (openings, templates) for every
analytics test, read in Chinese (the default language) whatever an earlier test's request left active."""

from collections.abc import Iterator

import pytest
from django.utils import translation

from talentloop.analytics.tests.fairness_world import audit_world, sensitive_categories  # noqa: F401
from talentloop.recruitment.tests.fixtures import colleague, recruitment  # noqa: F401


@pytest.fixture(autouse=True)
def _in_chinese() -> Iterator[None]:
    with translation.override("zh-hans"):
        yield
