"""The recruitment world (openings, templates, a second employee)."""

from talentloop.recruitment.tests.careers_fixtures import docx_resume, pdf_resume  # noqa: F401
from talentloop.recruitment.tests.fixtures import application, colleague, recruitment  # noqa: F401
