"""A scored interview of ``candidate_a`` (Sales) for the discussion tests: HR, hr_admin, sales_manager (张伟) and
the assigned interviewer (刘洋) may see it; rnd_manager (陈磊) may not."""

from collections.abc import Iterator

import pytest
from django.utils import translation

from talentloop.feedback.tests.review_fixtures import review_world, scored, scored_b  # noqa: F401


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """Messages are asserted in English."""
    with translation.override("en"):
        yield


from talentloop.collaboration.tests.share_fixtures import share_world, shared_session  # noqa: E402, F401
