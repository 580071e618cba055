"""The interview world's fixtures, shared with the API tests."""

from talentloop.assessments.tests.fixtures import submitted, two_scored  # noqa: F401
from talentloop.feedback.tests.growth_fixtures import interview_of_a, library, scored_interview_of_a  # noqa: F401
from talentloop.interviews.tests.conftest import interview_world, invitation, started  # noqa: F401
from talentloop.recruitment.tests.fixtures import application, colleague, recruitment  # noqa: F401
