"""The interview world's fixtures and the "my data" world (two interviewed candidates), shared with the portal
tests."""

from talentloop.analytics.tests.fairness_world import sensitive_categories  # noqa: F401
from talentloop.feedback.tests.growth_fixtures import interview_of_a, library, scored_interview_of_a  # noqa: F401
from talentloop.interviews.tests.conftest import interview_world, invitation, started  # noqa: F401
from talentloop.privacy.tests.conftest import first, hr_user, second  # noqa: F401
from talentloop.recruitment.tests.careers_fixtures import docx_resume, pdf_resume  # noqa: F401
from talentloop.recruitment.tests.fixtures import application, colleague, recruitment  # noqa: F401
