"""The recruitment world (openings, templates) for the analytics tests."""

from talentloop.recruitment.tests.fixtures import colleague, recruitment  # noqa: F401
