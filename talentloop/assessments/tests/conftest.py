"""The interview world's fixtures, shared with the assessments tests."""

from talentloop.interviews.tests.conftest import interview_world, invitation, started  # noqa: F401
