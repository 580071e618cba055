"""What every benchmark needs: a throw-away PostgreSQL database and ``talentloop serve`` running on it.

Both are context managers that always clean up, also after Ctrl+C: the server is stopped, the database dropped.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

REPO_ROOT = Path(__file__).resolve().parent.parent
BIN_DIR = Path(sys.executable).parent
TALENTLOOP = str(BIN_DIR / "talentloop")
DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


class BenchError(RuntimeError):
    """The benchmark could not be set up (not a performance failure)."""


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url(admin_url: str, name: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def postgres_query(url: str, sql: str) -> list[tuple[Any, ...]]:
    """Run one statement on ``url`` (autocommit) and return its rows."""
    libpq_url = url.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(libpq_url, autocommit=True, connect_timeout=5) as connection, connection.cursor() as cursor:
        cursor.execute(sql)
        return list(cursor.fetchall()) if cursor.description else []


def redact(url: str) -> str:
    """``url`` without its password, for logs and result files."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


@contextlib.contextmanager
def temporary_database(admin_url: str, *, keep: bool = False) -> Iterator[str]:
    """Create ``talentloop_bench_<pid>`` next to ``admin_url``'s database; yield its URL; drop it afterwards."""
    name = f"talentloop_bench_{os.getpid()}"
    try:
        postgres_query(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        postgres_query(admin_url, f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0")
    except Exception as error:
        raise BenchError(f"cannot create database {name} through {redact(admin_url)}: {error}") from error
    log(f"created database {name}")
    try:
        yield database_url(admin_url, name)
    finally:
        if keep:
            drop = f"psql {redact(admin_url)} -c 'DROP DATABASE \"{name}\"'"
            log(f"kept database {name} (--keep-db); drop it with: {drop}")
        else:
            with contextlib.suppress(Exception):
                postgres_query(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                log(f"dropped database {name}")


def server_environment(*, database: str, data_dir: Path) -> dict[str, str]:
    """The environment of a production-like installation (DEBUG off) on plain http at 127.0.0.1."""
    environment = dict(os.environ)
    environment.update(
        {
            "DATABASE_URL": database,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "DEBUG": "false",
            "TALENTLOOP_DATA_DIR": str(data_dir),
            "CELERY_BROKER_URL": "",  # tasks in-process: the benchmark measures the web path only
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join(p for p in (str(REPO_ROOT), environment.get("PYTHONPATH", "")) if p),
        }
    )
    return environment


def manage(arguments: list[str], environment: Mapping[str, str], *, timeout: float = 600) -> str:
    """Run ``talentloop manage ...``; raise BenchError with its output if it fails."""
    result = subprocess.run(  # noqa: S603 - our own executable, fixed arguments
        [TALENTLOOP, "manage", *arguments],
        env=dict(environment),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(
            f"talentloop manage {arguments[0]} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
        )
    return result.stdout


@dataclass
class Server:
    host: str
    port: int
    workers: int
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def _healthy(host: str, port: int) -> bool:
    connection = http.client.HTTPConnection(host, port, timeout=2)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _stop(process: subprocess.Popen[bytes], *, grace: float = 15) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGTERM)  # gunicorn: graceful shutdown of the master and its workers
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # its own session: the master and its workers only
        process.wait(timeout=5)


@contextlib.contextmanager
def talentloop_serve(
    environment: Mapping[str, str], *, workers: int, log_path: Path, startup_timeout: float = 120
) -> Iterator[Server]:
    """Start ``talentloop serve`` (collectstatic, then gunicorn) on a free port; wait for /healthz; stop it after."""
    host, port = "127.0.0.1", free_port()
    arguments = [TALENTLOOP, "serve", "--bind", f"{host}:{port}", "--workers", str(workers)]
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(  # noqa: S603 - our own executable, fixed arguments
            arguments,
            env=dict(environment),
            cwd=REPO_ROOT,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            # Its own session: Ctrl+C reaches only the benchmark, which then stops the server in order.
            start_new_session=True,
        )
    server = Server(host, port, workers, process, log_path)
    try:
        log(f"started talentloop serve on {host}:{port} with {workers} gunicorn workers (pid {process.pid})")
        deadline = time.monotonic() + startup_timeout
        while not _healthy(host, port):
            if process.poll() is not None:
                raise BenchError(f"talentloop serve exited with {process.returncode}:\n{server.log_tail()}")
            if time.monotonic() > deadline:
                raise BenchError(f"/healthz did not answer 200 within {startup_timeout:.0f} s:\n{server.log_tail()}")
            time.sleep(0.25)
        log("server is healthy")
        yield server
    finally:
        _stop(process)
        log("stopped talentloop serve")
