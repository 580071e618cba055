"""Environments for running TalentLoop in a subprocess, with nothing of the test run's own configuration leaking in.

The test settings fill ``os.environ`` with their defaults and CI adds DATABASE_URL and CELERY_BROKER_URL, so a
subprocess starts from an empty environment plus only what a test names.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

KEPT = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")

# The console script installed beside the interpreter running the tests, as `pip install` put it there.
TALENTLOOP = Path(sys.executable).parent / "talentloop"

PRODUCTION_SECRET_KEY = "a-production-like-secret-key-of-fifty-characters!!"


def clean_environment(data_dir: Path, **variables: str) -> dict[str, str]:
    """Only PATH, HOME and the locale, TALENTLOOP_DATA_DIR=``data_dir``, and ``variables``."""
    environment = {name: os.environ[name] for name in KEPT if name in os.environ}
    environment["TALENTLOOP_DATA_DIR"] = str(data_dir)
    environment.update(variables)
    return environment


def production_environment(data_dir: Path, **variables: str) -> dict[str, str]:
    """A complete configuration with DEBUG off, on a SQLite file in ``data_dir``; ``variables`` override it."""
    return clean_environment(
        data_dir,
        **{
            "DEBUG": "false",
            "SECRET_KEY": PRODUCTION_SECRET_KEY,
            "ALLOWED_HOSTS": "talentloop.example.com",
            "DATABASE_URL": f"sqlite:///{data_dir / 'talentloop.sqlite3'}",
            **variables,
        },
    )
