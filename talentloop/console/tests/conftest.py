"""The interview and scoring fixtures, and the fairness audit's hand-made world, shared with the console tests."""

from talentloop.analytics.tests.fairness_world import audit_world, sensitive_categories  # noqa: F401
from talentloop.assessments.tests.fixtures import submitted, two_scored  # noqa: F401
from talentloop.collaboration.tests.share_fixtures import share_world, shared_session  # noqa: F401
from talentloop.interviews.tests.conftest import interview_world, invitation, started  # noqa: F401
from talentloop.recruitment.tests.careers_fixtures import docx_resume, pdf_resume  # noqa: F401
from talentloop.recruitment.tests.fixtures import application, colleague, recruitment  # noqa: F401
