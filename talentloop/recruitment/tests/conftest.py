"""The recruitment world (openings, templates, a second employee)."""

from talentloop.recruitment.tests.fixtures import application, colleague, recruitment  # noqa: F401
