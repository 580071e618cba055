"""Typed readers for environment settings that fail loudly.

django-environ parses URLs and lists for us; these wrappers add what it does not do: they refuse values they
do not understand and always name the variable, so a typo stops the process at start-up instead of silently
falling back to a default.
"""

from __future__ import annotations

import os
import zoneinfo
from collections.abc import Iterable
from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

_env = environ.Env()


class SettingError(ImproperlyConfigured):
    """A setting read from the environment has a value we cannot use."""

    def __init__(self, name: str, value: str, expected: str) -> None:
        super().__init__(f"Environment variable {name}={value!r} is invalid: expected {expected}.")
        self.name = name


def _raw(name: str) -> str | None:
    return os.environ.get(name)


def env_str(name: str, default: str = "") -> str:
    value = _raw(name)
    return default if value is None else value.strip()


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise SettingError(name, value, "one of 1/0, true/false, yes/no, on/off")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = _raw(name)
    if value is None or not value.strip():
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise SettingError(name, value, "a whole number") from None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        raise SettingError(name, value, _whole_number_range(minimum, maximum))
    return number


def _whole_number_range(minimum: int | None, maximum: int | None) -> str:
    if maximum is None:
        return f"a whole number of at least {minimum}"
    if minimum is None:
        return f"a whole number of at most {maximum}"
    return f"a whole number between {minimum} and {maximum}"


def env_list(name: str, default: Iterable[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",") if item.strip()]
    if not items:
        raise SettingError(name, value, "a comma-separated list with at least one entry")
    return items


def env_choice(name: str, default: str, choices: Iterable[str]) -> str:
    allowed = list(choices)
    value = env_str(name, default)
    if value not in allowed:
        raise SettingError(name, value, "one of " + ", ".join(allowed))
    return value


def env_time_zone(name: str, default: str) -> str:
    value = env_str(name, default)
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SettingError(name, value, "an IANA time zone such as Asia/Shanghai or Europe/Berlin") from None
    return value


_DATABASE_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql", "postgis")


def env_database(name: str, default: str) -> dict[str, Any]:
    value = env_str(name, default)
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme not in _DATABASE_SCHEMES:
        raise SettingError(name, value, "a sqlite:/// or postgres:// URL")
    try:
        config: dict[str, Any] = _env.db_url_config(value)
    except Exception as error:  # django-environ raises several types for a malformed URL
        raise SettingError(name, value, f"a database URL ({error})") from None
    return config


_BROKER_SCHEMES = ("redis", "rediss", "amqp", "amqps", "memory")


def env_broker(name: str) -> str:
    """Return the broker URL, or an empty string when tasks must run in-process."""
    value = env_str(name, "")
    if not value:
        return ""
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme not in _BROKER_SCHEMES:
        raise SettingError(name, value, "a redis://, rediss://, amqp:// or memory:// URL, or empty")
    return value


def env_email(name: str, default: str) -> dict[str, Any]:
    value = env_str(name, default)
    try:
        config: dict[str, Any] = _env.email_url_config(value)
    except Exception as error:
        raise SettingError(name, value, f"an email URL such as smtp://user:pass@host:587 ({error})") from None
    return config


def env_url(name: str, default: str) -> str:
    value = env_str(name, default)
    if not value.startswith(("http://", "https://")) or "://" not in value or not value.split("://", 1)[1]:
        raise SettingError(name, value, "an http:// or https:// address")
    return value


_CACHE_SCHEMES = ("locmemcache", "dummycache", "filecache", "rediscache", "redis", "rediss")


def env_cache(name: str, default: str) -> dict[str, Any]:
    """The default cache from a URL (``redis://host:6379/1``, ``locmemcache://``): shared state between workers,
    such as a channel's access token, needs a cache every worker reaches (Redis)."""
    value = env_str(name, default)
    scheme = value.split("://", 1)[0] if "://" in value else ""
    if scheme not in _CACHE_SCHEMES:
        raise SettingError(name, value, "a redis://, rediss://, filecache:// or locmemcache:// URL")
    try:
        config: dict[str, Any] = _env.cache_url_config(value)
    except Exception as error:
        raise SettingError(name, value, f"a cache URL ({error})") from None
    return config


_WECOM_REQUIRED = ("WECOM_CORP_ID", "WECOM_SECRET", "WECOM_TOKEN", "WECOM_ENCODING_AES_KEY")


def wecom_settings_check(values: dict[str, Any]) -> None:
    """With ``WECOM_ENABLED`` on, refuse a missing or malformed credential at start-up (the values are the
    settings read from the environment, by name)."""
    for name in _WECOM_REQUIRED:
        if not values.get(name):
            raise SettingError(name, "", "a value (required when WECOM_ENABLED is on)")
    if values.get("WECOM_AGENT_ID", 0) < 1:
        raise SettingError("WECOM_AGENT_ID", str(values.get("WECOM_AGENT_ID", "")), "the app's AgentId, a number")
    key = values["WECOM_ENCODING_AES_KEY"]
    if len(key) != 43 or not key.isascii() or not key.isalnum():
        # A secret is never echoed into a log: only its length.
        raise SettingError(
            "WECOM_ENCODING_AES_KEY",
            f"<{len(key)} characters>",
            "the 43 letters and digits of the app's EncodingAESKey",
        )
    token = values["WECOM_TOKEN"]
    if not (3 <= len(token) <= 32) or not token.isascii() or not token.isalnum():
        raise SettingError(
            "WECOM_TOKEN", f"<{len(token)} characters>", "the app's callback Token (3 to 32 letters and digits)"
        )
