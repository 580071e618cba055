"""Fixtures of the interview set-up tests, loaded with ``pytest_plugins`` (apart from the shared personas)."""

from __future__ import annotations

from typing import Any

import pytest

from talentloop.console.tests.setup_helpers import SetupWorld, setup_world_build


@pytest.fixture
def setup_world(db: Any) -> SetupWorld:
    return setup_world_build()
