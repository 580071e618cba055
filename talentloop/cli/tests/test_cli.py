"""The `talentloop` command as a person runs it: a fresh process, a fresh data folder, nothing else configured."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from talentloop.cli.demo import CANDIDATES, DEMO_PASSWORD, DEPARTMENTS, EMPLOYEES, POSITIONS, ROLE_LABELS
from talentloop.cli.demo_completed import demo_completed_candidates
from talentloop.cli.demo_history import HISTORY_ROLES
from talentloop.config.tests.environment import TALENTLOOP, clean_environment

# The demo's people, by username and display name.
COMPLETED = demo_completed_candidates()
DEMO_NAMES = (
    {username: name for username, name, *_rest in EMPLOYEES}
    | {username: name for username, name, *_rest in CANDIDATES if username}
    | {entry["username"]: entry["name"] for entry in COMPLETED if entry.get("username")}
)


def talentloop(*arguments: str, environment: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TALENTLOOP), *arguments],
        env=environment,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def row_counts(database: Path) -> dict[str, int]:
    """Rows in every table of the SQLite file."""
    with sqlite3.connect(database) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608


def test_demo_sets_up_sqlite_prints_every_account_and_is_idempotent(tmp_path: Path) -> None:
    # given an empty data folder and no configuration at all (but one month of analytics history, not six, for speed)
    environment = clean_environment(tmp_path)
    environment["TALENTLOOP_DEMO_HISTORY_MONTHS"] = "1"
    database = tmp_path / "talentloop.sqlite3"
    assert not database.exists()

    # when `talentloop demo --no-serve` runs
    first = talentloop("demo", "--no-serve", environment=environment, cwd=tmp_path)

    # then it creates the database with the demo company in it
    assert first.returncode == 0, first.stderr
    assert database.exists()
    after_first = row_counts(database)
    assert after_first["accounts_user"] == len(ROLE_LABELS)
    assert after_first["org_company"] == 1
    assert after_first["org_department"] == len(DEPARTMENTS)
    assert after_first["org_position"] == len(POSITIONS)
    assert after_first["org_employee"] == len(EMPLOYEES)
    history = sum(per_month for *_role, per_month in HISTORY_ROLES)  # one month of hiring history
    careers_site = 2  # the careers site's applicants who were not candidates yet
    assert after_first["org_candidate"] == len(CANDIDATES) + len(COMPLETED) + history + careers_site
    assert after_first["assessments_sessionscore"] == len(COMPLETED) + history
    assert after_first["org_rolegrant"] == sum(1 for *_rest, role, _department in EMPLOYEES if role is not None)

    # and prints every account with its password, name and role
    lines = first.stdout.splitlines()
    assert lines[0] == "Demo data is loaded. Sign in with any of these accounts:"
    width = max(len(username) for username in ROLE_LABELS)
    accounts = lines[1 : 1 + len(ROLE_LABELS)]
    assert accounts == [
        f"  {username:<{width}}  {DEMO_PASSWORD}  {DEMO_NAMES[username]} — {label}"
        for username, label in ROLE_LABELS.items()
    ]
    # followed by the demo candidates' interview links
    assert lines[1 + len(ROLE_LABELS) :][:2] == ["", "Interview links for the demo candidates (no sign-in needed):"]
    assert sum("/i/" in line for line in lines) == 2

    # when it runs a second time, then it creates nothing new and prints the same accounts
    second = talentloop("demo", "--no-serve", environment=environment, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert row_counts(database) == after_first

    def without_history(output: str) -> list[str]:
        return [line for line in output.splitlines() if not line.startswith("Hiring history for analytics:")]

    assert f"Hiring history for analytics: {history} applications added, 0 already there" in first.stdout
    assert f"Hiring history for analytics: 0 applications added, {history} already there" in second.stdout
    assert without_history(second.stdout) == without_history(first.stdout)


def test_demo_accounts_sign_in_with_the_printed_password(tmp_path: Path) -> None:
    environment = clean_environment(tmp_path)
    assert talentloop("demo", "--no-serve", environment=environment, cwd=tmp_path).returncode == 0

    check = (
        "from talentloop.accounts.models import User; "
        f"print(sorted(u.username for u in User.objects.all() if u.check_password({DEMO_PASSWORD!r})))"
    )
    result = talentloop(
        "manage", "shell", "--no-imports", "-c", check, environment={**environment, "DEBUG": "true"}, cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{sorted(ROLE_LABELS)!r}\n"


def test_worker_without_a_broker_explains_and_exits_2(tmp_path: Path) -> None:
    result = talentloop("worker", environment=clean_environment(tmp_path, DEBUG="true"), cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr == (
        "CELERY_BROKER_URL is not set: tasks run in-process, so there is nothing for a worker to do.\n"
        "Set CELERY_BROKER_URL=redis://127.0.0.1:6379/0 to run tasks on workers.\n"
    )
    assert result.stdout == ""


def test_worker_ping_without_a_broker_says_there_is_no_worker(tmp_path: Path) -> None:
    result = talentloop("manage", "worker_ping", environment=clean_environment(tmp_path, DEBUG="true"), cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr == (
        "CommandError: CELERY_BROKER_URL is not set: tasks run in-process, so there is no worker to ping.\n"
    )
    assert result.stdout == ""


def test_help_lists_every_command(tmp_path: Path) -> None:
    result = talentloop("--help", environment=clean_environment(tmp_path), cwd=tmp_path)

    assert result.returncode == 0
    assert result.stdout.startswith("usage: talentloop [-h] {demo,serve,worker,manage,score-answers,score-eval} ...")
    for command in ("demo", "serve", "worker", "manage", "score-answers", "score-eval"):
        assert f"\n    {command} " in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((), "error: the following arguments are required: command"),
        (("deploy",), "error: argument command: invalid choice: 'deploy'"),
        (("demo", "--no-such-option"), "error: unrecognised arguments: --no-such-option"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, arguments: tuple[str, ...], message: str) -> None:
    result = talentloop(*arguments, environment=clean_environment(tmp_path), cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.startswith("usage: talentloop")
    assert message in result.stderr
    assert not (tmp_path / "talentloop.sqlite3").exists()
