"""The review-request tests use the review fixtures; here ``scored`` is review_fixtures' interview, not the report's."""

from talentloop.feedback.tests.review_fixtures import review_world, scored, scored_b  # noqa: F401
