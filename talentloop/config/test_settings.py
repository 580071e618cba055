"""Settings for the test suite: eager tasks, a fast hasher, an in-memory mailbox."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-secret-key-that-is-long-enough-for-django-checks")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from talentloop.config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests always run tasks in-process; the broker round-trip test builds its own worker from CELERY_BROKER_URL.
CELERY_TASK_ALWAYS_EAGER = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING["root"]["level"] = "WARNING"  # type: ignore[index]  # noqa: F405
# Nothing is collected in tests (the live server serves static files from the apps); without a root WhiteNoise
# does not look for the uncollected directory and warn about it on every request.
STATIC_ROOT = None  # type: ignore[assignment]

# The demo's six months of analytics history take about 25 s: tests that want it call demo_history_load.
TALENTLOOP_DEMO_HISTORY_MONTHS = 0
