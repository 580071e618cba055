"""What /healthz reports: can we reach the database and the task broker?"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection


@dataclass(frozen=True)
class ComponentStatus:
    name: str
    healthy: bool
    detail: str


@dataclass(frozen=True)
class HealthReport:
    components: list[ComponentStatus] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return all(component.healthy for component in self.components)

    @property
    def failing(self) -> list[str]:
        return [component.name for component in self.components if not component.healthy]


def _database_status() -> ComponentStatus:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return ComponentStatus("database", False, f"{type(error).__name__}: {error}"[:300])
    return ComponentStatus("database", True, connection.vendor)


# A load balancer's probe must get an answer quickly, even from a broker that accepts connections but never replies.
BROKER_TIMEOUT_SECONDS = 2


def _broker_status() -> ComponentStatus:
    url = settings.CELERY_BROKER_URL
    if settings.CELERY_TASK_ALWAYS_EAGER and not url:
        return ComponentStatus("broker", True, "in-process (no broker configured)")
    from talentloop.config.celery import app

    # One attempt, no retry and its sleep, each socket operation bounded; the URL named by the settings now, not
    # the one the Celery app read when it was first used.
    timeouts = {"socket_connect_timeout": BROKER_TIMEOUT_SECONDS, "socket_timeout": BROKER_TIMEOUT_SECONDS}
    try:
        with app.connection_for_write(
            url or None, connect_timeout=BROKER_TIMEOUT_SECONDS, transport_options=timeouts
        ) as broker:
            broker.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception as error:
        return ComponentStatus("broker", False, f"{type(error).__name__}: {error}"[:300])
    return ComponentStatus("broker", True, (url or app.conf.broker_url).split("://", 1)[0])


def health_check() -> HealthReport:
    """Check every component the product needs to serve requests."""
    return HealthReport(components=[_database_status(), _broker_status()])
