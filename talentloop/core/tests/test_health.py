"""/healthz: 200 when the database and the broker answer, 503 naming the component that does not — quickly."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db

# The brief of a load balancer's probe: an answer within about two seconds, whatever the broker does.
MAX_SECONDS = 2.5


def _closed_port() -> int:
    """A local port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def silent_broker() -> Iterator[int]:
    """A local server that accepts connections and never says a word: the worst broker to wait for."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield int(server.getsockname()[1])
    stop.set()
    thread.join(timeout=2)
    for peer in held:
        peer.close()
    server.close()


def _get_healthz(client: Client) -> tuple[int, dict[str, Any], float]:
    started = time.monotonic()
    response = client.get("/healthz")
    return response.status_code, response.json(), time.monotonic() - started


def test_healthy_when_database_and_broker_answer(client: Client) -> None:
    status, body, _seconds = _get_healthz(client)

    broker_detail = (
        settings.CELERY_BROKER_URL.split("://", 1)[0]
        if settings.CELERY_BROKER_URL
        else "in-process (no broker configured)"
    )
    assert status == 200
    assert body == {
        "status": "ok",
        "failing": [],
        "components": {
            "database": {"ok": True, "detail": connection.vendor},
            "broker": {"ok": True, "detail": broker_detail},
        },
    }


def test_healthz_is_never_cached_and_only_answers_get(client: Client) -> None:
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


def test_unavailable_naming_the_broker_when_its_port_is_closed(client: Client) -> None:
    port = _closed_port()
    with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{port}/0", CELERY_TASK_ALWAYS_EAGER=False):
        status, body, seconds = _get_healthz(client)

    assert status == 503
    assert body["status"] == "unavailable"
    assert body["failing"] == ["broker"]
    assert body["components"]["database"] == {"ok": True, "detail": connection.vendor}
    assert body["components"]["broker"]["ok"] is False
    assert f"127.0.0.1:{port}" in body["components"]["broker"]["detail"]
    assert seconds < MAX_SECONDS


def test_unavailable_naming_the_broker_when_it_never_answers(client: Client, silent_broker: int) -> None:
    with override_settings(CELERY_BROKER_URL=f"redis://127.0.0.1:{silent_broker}/0", CELERY_TASK_ALWAYS_EAGER=False):
        status, body, seconds = _get_healthz(client)

    assert status == 503
    assert body["failing"] == ["broker"]
    assert body["components"]["broker"]["ok"] is False
    assert seconds < MAX_SECONDS + 1  # one bounded wait for the reply that never comes


def test_unavailable_naming_the_database_when_it_fails(client: Client) -> None:
    failure = OperationalError("could not connect to server: Connection refused")
    with mock.patch.object(connection, "cursor", side_effect=failure):
        status, body, _seconds = _get_healthz(client)

    assert status == 503
    assert body["status"] == "unavailable"
    assert body["failing"] == ["database"]
    assert body["components"]["database"] == {
        "ok": False,
        "detail": "OperationalError: could not connect to server: Connection refused",
    }
    assert body["components"]["broker"]["ok"] is True
