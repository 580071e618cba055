"""Every Django process uses TalentLoop's Celery app, configured from the settings — never Celery's default app,
which would send tasks to amqp://localhost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from talentloop.config.tests.environment import clean_environment

REPORT = (
    "import django; django.setup(); "
    "from celery import current_app; "
    "print(current_app.main, current_app.conf.task_always_eager, current_app.conf.broker_url or '-', "
    "current_app.conf.result_backend or '-')"
)


def celery_app_report(environment: dict[str, str], cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", REPORT],
        env={**environment, "DJANGO_SETTINGS_MODULE": "talentloop.config.settings"},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_without_a_broker_tasks_run_in_process(tmp_path: Path) -> None:
    assert celery_app_report(clean_environment(tmp_path, DEBUG="true"), tmp_path) == "talentloop True - -\n"


def test_with_a_redis_broker_tasks_go_to_it_and_results_come_back_through_it(tmp_path: Path) -> None:
    environment = clean_environment(tmp_path, DEBUG="true", CELERY_BROKER_URL="redis://broker.internal:6379/3")

    assert celery_app_report(environment, tmp_path) == (
        "talentloop False redis://broker.internal:6379/3 redis://broker.internal:6379/3\n"
    )
