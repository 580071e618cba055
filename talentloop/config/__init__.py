"""Project configuration: settings, URLs, WSGI and the Celery application."""

# Load the Celery application whenever Django starts (web, `talentloop manage`, tests), so `task.delay()` uses our
# configured app (the broker from the settings, or eager in-process execution) instead of Celery's default app,
# which would send the task to amqp://localhost and fail.
from talentloop.config.celery import app as celery_app

__all__ = ("celery_app",)
