"""A real round trip through the broker: a `talentloop worker` process consumes echo_task from Redis and the result
comes back; `talentloop manage worker_ping` proves the same from the command line.

The test settings run tasks eagerly, so this module builds its own Celery client from CELERY_BROKER_URL. It skips
without a broker, unless TALENTLOOP_BROKER_TESTS=required (as in CI) makes that a failure.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings

from talentloop.config.tests.environment import TALENTLOOP, production_environment
from talentloop.core.tasks import echo_task

pytestmark = pytest.mark.broker

WORKER_START_SECONDS = 60
RESULT_SECONDS = 30


@pytest.fixture(scope="module")
def broker_url() -> str:
    url: str = settings.CELERY_BROKER_URL
    if not url:
        message = "CELERY_BROKER_URL is not set: no broker to test against"
        if os.environ.get("TALENTLOOP_BROKER_TESTS", "").strip().lower() == "required":
            pytest.fail(message + " (TALENTLOOP_BROKER_TESTS=required)", pytrace=False)
        pytest.skip(message)
    return url


@pytest.fixture
def environment(broker_url: str, tmp_path: Path) -> dict[str, str]:
    """What a deployment gives its worker: a complete configuration with DEBUG off and the broker."""
    return production_environment(tmp_path, CELERY_BROKER_URL=broker_url)


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> int:
        """Ask for a warm shutdown, as a process manager would, and wait for it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.process.returncode


@pytest.fixture
def worker(environment: dict[str, str], tmp_path: Path) -> Iterator[Worker]:
    """`talentloop worker` in its own process, started and waited for until it says it is ready."""
    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                str(TALENTLOOP),
                "worker",
                "--concurrency",
                "1",
                "--pool",
                "solo",
                "--hostname",
                f"talentloop-test-{uuid.uuid4().hex[:8]}@%h",
                "--without-gossip",
                "--without-mingle",
            ],
            env=environment,
            cwd=tmp_path,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    running = Worker(process=process, log=log)
    try:
        deadline = time.monotonic() + WORKER_START_SECONDS
        while " ready." not in running.output():
            if process.poll() is not None:
                pytest.fail(f"the worker exited with {process.returncode}:\n{running.output()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the worker was not ready after {WORKER_START_SECONDS}s:\n{running.output()}")
            time.sleep(0.2)
        yield running
    finally:
        running.stop()


@pytest.fixture
def client_app(broker_url: str) -> Iterator[Celery]:
    """A Celery client for the broker with eager execution off, whatever the test settings say."""
    app = Celery("talentloop-broker-test", set_as_current=False)
    app.conf.update(
        broker_url=broker_url,
        result_backend=settings.CELERY_RESULT_BACKEND or "rpc://",
        task_always_eager=False,
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        broker_connection_retry_on_startup=False,
    )
    app.finalize()  # binds the shared tasks, echo_task among them, to this app
    yield app
    app.close()


def test_echo_task_round_trips_through_a_real_worker(worker: Worker, client_app: Celery) -> None:
    # given a token a serializer could bend: Chinese, spaces, JSON metacharacters
    token = f'面试 "echo" {uuid.uuid4().hex} ✓'
    task = client_app.tasks[echo_task.name]
    assert task.app is client_app
    assert client_app.conf.task_always_eager is False

    # when it is sent through the broker
    result = task.apply_async((token,))

    # then the worker process answers with exactly the token
    assert result.get(timeout=RESULT_SECONDS) == token
    assert result.status == "SUCCESS"
    result.forget()

    # and it stops cleanly when asked, its log showing that it ran the task (read once it has exited: the result
    # can arrive before the worker has written its "succeeded" line)
    assert worker.stop() == 0
    log = worker.output()
    assert f"Task core.echo_task[{result.id}] received" in log
    assert f"Task core.echo_task[{result.id}] succeeded" in log
    assert "Traceback" not in log


def test_worker_ping_succeeds_against_a_running_worker(worker: Worker, environment: dict[str, str]) -> None:
    result = subprocess.run(
        [str(TALENTLOOP), "manage", "worker_ping", "--timeout", str(RESULT_SECONDS)],
        env=environment,
        cwd=worker.log.parent,
        capture_output=True,
        text=True,
        timeout=RESULT_SECONDS + 30,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == "A worker received the task and answered.\n"
    assert worker.stop() == 0
    assert "Task core.echo_task[" in worker.output()


def test_worker_ping_fails_clearly_when_no_worker_runs(environment: dict[str, str], tmp_path: Path) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [str(TALENTLOOP), "manage", "worker_ping", "--timeout", "2"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert result.stderr == "CommandError: No worker answered within 2.0s: The operation timed out.\n"
    assert result.stdout == ""
    assert time.monotonic() - started < 30
