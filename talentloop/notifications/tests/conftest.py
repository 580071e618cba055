"""The review-request fixtures (a scored interview of ``candidate_a``), shared by this app's tests."""

from talentloop.feedback.tests.review_fixtures import review_world, scored  # noqa: F401
