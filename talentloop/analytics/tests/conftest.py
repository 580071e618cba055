"""The fairness audit world (see fairness_world.py) for every analytics test."""

from talentloop.analytics.tests.fairness_world import audit_world, sensitive_categories  # noqa: F401
