"""Settings from the environment: every helper refuses what it does not understand and names the variable, and a
bad value stops the process at start-up."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from talentloop.config.env import (
    SettingError,
    env_bool,
    env_broker,
    env_choice,
    env_database,
    env_email,
    env_int,
    env_list,
    env_str,
    env_time_zone,
)
from talentloop.config.tests.environment import TALENTLOOP, clean_environment, production_environment

NAME = "TALENTLOOP_TEST_SETTING"


SetSetting = Callable[[str | None], None]


@pytest.fixture
def setting(monkeypatch: pytest.MonkeyPatch) -> SetSetting:
    """Set (or, with None, remove) the variable under test."""
    monkeypatch.delenv(NAME, raising=False)

    def set_value(value: str | None) -> None:
        if value is None:
            monkeypatch.delenv(NAME, raising=False)
        else:
            monkeypatch.setenv(NAME, value)

    return set_value


def assert_refused(error: pytest.ExceptionInfo[SettingError], value: str, expected: str) -> None:
    assert isinstance(error.value, ImproperlyConfigured)
    assert error.value.name == NAME
    assert str(error.value) == f"Environment variable {NAME}={value!r} is invalid: expected {expected}."


# --- env_str ---------------------------------------------------------------------------------------------------


def test_env_str_defaults_when_unset(setting: SetSetting) -> None:
    assert env_str(NAME) == ""
    assert env_str(NAME, "fallback") == "fallback"


def test_env_str_strips_and_keeps_an_empty_value(setting: SetSetting) -> None:
    setting("  TalentLoop 华腾  ")
    assert env_str(NAME, "fallback") == "TalentLoop 华腾"
    setting("")
    assert env_str(NAME, "fallback") == ""


# --- env_bool --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_defaults_when_unset(setting: SetSetting, default: bool) -> None:
    assert env_bool(NAME, default) is default


@pytest.mark.parametrize("value", ["1", "true", "True", " YES ", "on"])
def test_env_bool_reads_true(setting: SetSetting, value: str) -> None:
    setting(value)
    assert env_bool(NAME, False) is True


@pytest.mark.parametrize("value", ["0", "false", "FALSE", "no", "off", ""])
def test_env_bool_reads_false(setting: SetSetting, value: str) -> None:
    setting(value)
    assert env_bool(NAME, True) is False


@pytest.mark.parametrize("value", ["maybe", "2", "y", "enabled"])
def test_env_bool_refuses_anything_else(setting: SetSetting, value: str) -> None:
    setting(value)
    with pytest.raises(SettingError) as error:
        env_bool(NAME, True)
    assert_refused(error, value, "one of 1/0, true/false, yes/no, on/off")


# --- env_int ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "   "])
def test_env_int_defaults_when_unset_or_blank(setting: SetSetting, value: str | None) -> None:
    setting(value)
    assert env_int(NAME, 60) == 60


def test_env_int_reads_a_whole_number_within_bounds(setting: SetSetting) -> None:
    setting(" 42 ")
    assert env_int(NAME, 0, minimum=1, maximum=100) == 42
    setting("1")
    assert env_int(NAME, 0, minimum=1, maximum=1) == 1


@pytest.mark.parametrize("value", ["4.5", "ten", "1e3"])
def test_env_int_refuses_what_is_not_a_whole_number(setting: SetSetting, value: str) -> None:
    setting(value)
    with pytest.raises(SettingError) as error:
        env_int(NAME, 0)
    assert_refused(error, value, "a whole number")


@pytest.mark.parametrize(
    ("value", "minimum", "maximum", "expected"),
    [
        ("0", 1, None, "a whole number of at least 1"),
        ("101", None, 100, "a whole number of at most 100"),
        ("-1", 0, 10, "a whole number between 0 and 10"),
        ("11", 0, 10, "a whole number between 0 and 10"),
    ],
)
def test_env_int_refuses_a_number_out_of_bounds(
    setting: SetSetting, value: str, minimum: int | None, maximum: int | None, expected: str
) -> None:
    setting(value)
    with pytest.raises(SettingError) as error:
        env_int(NAME, 5, minimum=minimum, maximum=maximum)
    assert_refused(error, value, expected)


# --- env_list --------------------------------------------------------------------------------------------------


def test_env_list_defaults_to_a_copy_when_unset(setting: SetSetting) -> None:
    default = ("localhost", "127.0.0.1")
    assert env_list(NAME, default) == ["localhost", "127.0.0.1"]
    assert env_list(NAME, []) == []


def test_env_list_splits_on_commas_and_drops_blanks(setting: SetSetting) -> None:
    setting(" hr.example.com, ,talentloop.example.com ,")
    assert env_list(NAME, []) == ["hr.example.com", "talentloop.example.com"]


@pytest.mark.parametrize("value", ["", " , ,"])
def test_env_list_refuses_a_set_but_empty_list(setting: SetSetting, value: str) -> None:
    setting(value)
    with pytest.raises(SettingError) as error:
        env_list(NAME, ["default"])
    assert_refused(error, value, "a comma-separated list with at least one entry")


# --- env_choice ------------------------------------------------------------------------------------------------


def test_env_choice_defaults_and_reads_an_allowed_value(setting: SetSetting) -> None:
    assert env_choice(NAME, "zh-hans", ["zh-hans", "en"]) == "zh-hans"
    setting(" en ")
    assert env_choice(NAME, "zh-hans", ["zh-hans", "en"]) == "en"


@pytest.mark.parametrize("value", ["fr", "EN", ""])
def test_env_choice_refuses_other_values(setting: SetSetting, value: str) -> None:
    setting(value)
    with pytest.raises(SettingError) as error:
        env_choice(NAME, "zh-hans", ["zh-hans", "en"])
    assert_refused(error, value, "one of zh-hans, en")


def test_env_choice_refuses_a_default_that_is_not_a_choice(setting: SetSetting) -> None:
    with pytest.raises(SettingError):
        env_choice(NAME, "fr", ["zh-hans", "en"])


# --- env_time_zone ---------------------------------------------------------------------------------------------


def test_env_time_zone_defaults_and_reads_an_iana_zone(setting: SetSetting) -> None:
    assert env_time_zone(NAME, "Asia/Shanghai") == "Asia/Shanghai"
    setting("Europe/Berlin")
    assert env_time_zone(NAME, "Asia/Shanghai") == "Europe/Berlin"
    setting("UTC")
    assert env_time_zone(NAME, "Asia/Shanghai") == "UTC"


@pytest.mark.parametrize("value", ["Mars/Olympus", "", "../../etc/passwd", "Beijing"])
def test_env_time_zone_refuses_unknown_zones(setting: SetSetting, value: str) -> None:
    setting(value)
    with pytest.raises(SettingError) as error:
        env_time_zone(NAME, "Asia/Shanghai")
    assert_refused(error, value, "an IANA time zone such as Asia/Shanghai or Europe/Berlin")


# --- env_database ----------------------------------------------------------------------------------------------


def test_env_database_defaults_to_the_sqlite_file(setting: SetSetting, tmp_path: Path) -> None:
    config = env_database(NAME, f"sqlite:///{tmp_path / 'talentloop.sqlite3'}")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "talentloop.sqlite3")


@pytest.mark.parametrize("scheme", ["postgres", "postgresql", "pgsql"])
def test_env_database_reads_a_postgres_url(setting: SetSetting, scheme: str) -> None:
    setting(f"{scheme}://talentloop:s3cret@db.internal:5433/talentloop")
    config = env_database(NAME, "sqlite://:memory:")
    assert {key: config[key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")} == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "talentloop",
        "USER": "talentloop",
        "PASSWORD": "s3cret",
        "HOST": "db.internal",
        "PORT": 5433,
    }


@pytest.mark.parametrize("value", ["mysql2://x", "mysql://root@localhost/talentloop", "talentloop.sqlite3", ""])
def test_env_database_refuses_other_databases(setting: SetSetting, value: str) -> None:
    setting(value)
    with pytest.raises(SettingError) as error:
        env_database(NAME, "sqlite://:memory:")
    assert_refused(error, value, "a sqlite:/// or postgres:// URL")


def test_env_database_refuses_a_malformed_url(setting: SetSetting) -> None:
    setting("postgres://talentloop@db:port/talentloop")
    with pytest.raises(SettingError) as error:
        env_database(NAME, "sqlite://:memory:")
    assert error.value.name == NAME
    assert str(error.value).startswith(f"Environment variable {NAME}='postgres://talentloop@db:port/talentloop'")
    assert "expected a database URL (" in str(error.value)


# --- env_broker ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "  "])
def test_env_broker_is_empty_without_a_broker(setting: SetSetting, value: str | None) -> None:
    setting(value)
    assert env_broker(NAME) == ""


@pytest.mark.parametrize(
    "value", ["redis://127.0.0.1:6379/0", "rediss://:pw@redis:6380/1", "amqp://guest@rabbit//", "memory://"]
)
def test_env_broker_reads_a_supported_url(setting: SetSetting, value: str) -> None:
    setting(value)
    assert env_broker(NAME) == value


@pytest.mark.parametrize("value", ["http://x", "redis", "sqs://queue", "127.0.0.1:6379"])
def test_env_broker_refuses_other_urls(setting: SetSetting, value: str) -> None:
    setting(value)
    with pytest.raises(SettingError) as error:
        env_broker(NAME)
    assert_refused(error, value, "a redis://, rediss://, amqp:// or memory:// URL, or empty")


# --- env_email -------------------------------------------------------------------------------------------------


def test_env_email_defaults_to_the_console(setting: SetSetting) -> None:
    assert env_email(NAME, "consolemail://")["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_env_email_reads_an_smtp_url(setting: SetSetting) -> None:
    setting("smtp+tls://hr%40huateng.cn:p%40ss@smtp.exmail.qq.com:587")
    config = env_email(NAME, "consolemail://")
    assert {
        key: config[key]
        for key in ("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD")
    } == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.exmail.qq.com",
        "EMAIL_PORT": 587,
        "EMAIL_HOST_USER": "hr@huateng.cn",
        "EMAIL_HOST_PASSWORD": "p@ss",
    }
    assert config["EMAIL_USE_TLS"] is True


@pytest.mark.parametrize("value", ["nonsense://x", ""])
def test_env_email_refuses_an_unknown_scheme(setting: SetSetting, value: str) -> None:
    setting(value)
    with pytest.raises(SettingError) as error:
        env_email(NAME, "consolemail://")
    assert error.value.name == NAME
    assert str(error.value).startswith(f"Environment variable {NAME}={value!r} is invalid: expected an email URL")


# --- the settings module in a fresh process ------------------------------------------------------------------


def setup_django(environment: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('settings loaded')"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "talentloop.config.settings"},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_complete_production_configuration_loads(tmp_path: Path) -> None:
    result = setup_django(production_environment(tmp_path), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "settings loaded\n"


@pytest.mark.parametrize(
    ("variables", "removed", "message"),
    [
        ({"DEBUG": "maybe"}, (), "Environment variable DEBUG='maybe' is invalid"),
        ({"TIME_ZONE": "Mars/Olympus"}, (), "Environment variable TIME_ZONE='Mars/Olympus' is invalid"),
        (
            {"LANGUAGE_CODE": "fr"},
            (),
            "Environment variable LANGUAGE_CODE='fr' is invalid: expected one of zh-hans, en",
        ),
        ({"DATABASE_URL": "mysql2://x"}, (), "Environment variable DATABASE_URL='mysql2://x' is invalid"),
        ({"CELERY_BROKER_URL": "http://x"}, (), "Environment variable CELERY_BROKER_URL='http://x' is invalid"),
        ({"SECRET_KEY": "short"}, (), "Environment variable SECRET_KEY is invalid: expected 32+ characters"),
        ({}, ("SECRET_KEY",), "Environment variable SECRET_KEY is required when DEBUG is off"),
        ({}, ("ALLOWED_HOSTS",), "Environment variable ALLOWED_HOSTS is required when DEBUG is off"),
        ({"AXES_FAILURE_LIMIT": "0"}, (), "Environment variable AXES_FAILURE_LIMIT='0' is invalid"),
        ({"LOG_LEVEL": "LOUD"}, (), "Environment variable LOG_LEVEL='LOUD' is invalid"),
    ],
    ids=[
        "DEBUG",
        "TIME_ZONE",
        "LANGUAGE_CODE",
        "DATABASE_URL",
        "CELERY_BROKER_URL",
        "short SECRET_KEY",
        "missing SECRET_KEY",
        "missing ALLOWED_HOSTS",
        "AXES_FAILURE_LIMIT",
        "LOG_LEVEL",
    ],
)
def test_a_bad_setting_stops_start_up_naming_the_variable(
    tmp_path: Path, variables: dict[str, str], removed: tuple[str, ...], message: str
) -> None:
    environment = production_environment(tmp_path, **variables)
    for name in removed:
        del environment[name]

    result = setup_django(environment, tmp_path)

    assert result.returncode == 1
    error_class, error_message = result.stderr.strip().splitlines()[-1].split(": ", 1)
    assert error_class in {"django.core.exceptions.ImproperlyConfigured", "talentloop.config.env.SettingError"}
    assert error_message.startswith(message)
    assert result.stdout == ""


def test_debug_generates_a_secret_key_once_and_keeps_it(tmp_path: Path) -> None:
    environment = clean_environment(tmp_path, DEBUG="true")

    first = setup_django(environment, tmp_path)
    key = (tmp_path / "secret_key").read_text()
    second = setup_django(environment, tmp_path)

    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert len(key) >= 50
    assert (tmp_path / "secret_key").read_text() == key
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_talentloop_manage_reports_a_configuration_error_and_exits_2(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(TALENTLOOP), "manage", "check"],
        env=production_environment(tmp_path, TIME_ZONE="Mars/Olympus"),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 2
    assert result.stderr == (
        "talentloop: configuration error: Environment variable TIME_ZONE='Mars/Olympus' is invalid: "
        "expected an IANA time zone such as Asia/Shanghai or Europe/Berlin.\n"
    )
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_talentloop_manage_check_passes_on_a_complete_configuration(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(TALENTLOOP), "manage", "check"],
        env=production_environment(tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"


# --- WeCom -------------------------------------------------------------------------------------------------------

WECOM = {
    "WECOM_CORP_ID": "ww1234567890abcdef",
    "WECOM_AGENT_ID": 1000002,
    "WECOM_SECRET": "secret",
    "WECOM_TOKEN": "callbackToken42",
    "WECOM_ENCODING_AES_KEY": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
}


def test_wecom_settings_are_accepted_when_complete() -> None:
    from talentloop.config.env import wecom_settings_check

    wecom_settings_check(WECOM)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "WECOM_CORP_ID",
            "",
            "Environment variable WECOM_CORP_ID='' is invalid: expected a value (required when WECOM_ENABLED is on).",
        ),
        (
            "WECOM_AGENT_ID",
            0,
            "Environment variable WECOM_AGENT_ID='0' is invalid: expected the app's AgentId, a number.",
        ),
        (
            "WECOM_ENCODING_AES_KEY",
            "short",
            "Environment variable WECOM_ENCODING_AES_KEY='<5 characters>' is invalid: "
            "expected the 43 letters and digits of the app's EncodingAESKey.",
        ),
        (
            "WECOM_TOKEN",
            "no spaces allowed",
            "Environment variable WECOM_TOKEN='<17 characters>' is invalid: "
            "expected the app's callback Token (3 to 32 letters and digits).",
        ),
    ],
)
def test_wecom_settings_refuse_a_missing_or_malformed_credential_without_echoing_secrets(
    name: str, value: object, message: str
) -> None:
    from talentloop.config.env import wecom_settings_check

    with pytest.raises(SettingError) as error:
        wecom_settings_check({**WECOM, name: value})
    assert (error.value.name, str(error.value)) == (name, message)


def test_the_process_refuses_to_start_with_wecom_on_and_no_credentials(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=production_environment(tmp_path, DJANGO_SETTINGS_MODULE="talentloop.config.settings", WECOM_ENABLED="true"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "WECOM_CORP_ID='' is invalid" in result.stderr
