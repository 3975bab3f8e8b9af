"""Settings come from the environment; production refuses to start unsafe."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import formats, timezone, translation

from khuyenhoc.settings import env_bool

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k9#Lq2@vX7!pR4$wZ8^nB3&mT6*yH1(cF5)dJ0-gS_eA+uV=iO",
    "ALLOWED_HOSTS": "khuyenhoc.example.gov.vn",
    "DATABASE_URL": "postgres://portal@db.internal:5432/khuyenhoc",
}


PORTAL_VARIABLES = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def portal_env(**env: str) -> dict[str, str]:
    """The current environment without the portal's variables, plus ``env``."""
    clean = {k: v for k, v in os.environ.items() if k not in PORTAL_VARIABLES}
    clean.update(env, DJANGO_SETTINGS_MODULE="khuyenhoc.settings")
    return clean


def run_django(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter with only ``env`` configuring the portal."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings as s; " + code],
        cwd=BASE_DIR,
        env=portal_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_mode_passes_the_deployment_checklist():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=portal_env(**PRODUCTION_ENV),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django("print(s.SECRET_KEY)", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    environment = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}
    result = run_django("print(s.DATABASES['default']['ENGINE'])", **environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured: DATABASE_URL must be set when DEBUG is off" in result.stderr
    assert "sqlite" not in result.stdout


@pytest.mark.parametrize(
    "variable, value",
    [("SECURE_SSL_REDIRECT", "ture"), ("SECURE_COOKIES", "enabled"), ("DEBUG", "yse"), ("EMAIL_USE_TLS", "2")],
)
def test_an_unknown_yes_no_value_stops_start_up_naming_the_variable(variable, value):
    result = run_django("print(s.SECURE_SSL_REDIRECT)", **{**PRODUCTION_ENV, variable: value})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {variable}='{value}' is not a yes/no value" in result.stderr
    assert "use 1/0, true/false, yes/no or on/off (in any case)" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "value, expected",
    [
        ("1", True),
        ("true", True),
        ("TRUE", True),
        (" Yes ", True),
        ("on", True),
        ("0", False),
        ("false", False),
        ("False", False),
        ("NO", False),
        ("off", False),
    ],
)
def test_yes_no_values_are_read_in_any_case(monkeypatch, value, expected):
    monkeypatch.setenv("SECURE_SSL_REDIRECT", value)
    assert env_bool("SECURE_SSL_REDIRECT", not expected) is expected


@pytest.mark.parametrize("default", [True, False])
def test_an_empty_or_unset_yes_no_value_is_the_default(monkeypatch, default):
    monkeypatch.setenv("SECURE_SSL_REDIRECT", "")
    assert env_bool("SECURE_SSL_REDIRECT", default) is default
    monkeypatch.delenv("SECURE_SSL_REDIRECT")
    assert env_bool("SECURE_SSL_REDIRECT", default) is default


def test_production_hardening_follows_spelled_out_yes_no_values():
    result = run_django(
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)",
        **PRODUCTION_ENV,
        SECURE_SSL_REDIRECT="Off",
        SECURE_COOKIES="YES",
        BEHIND_TLS_PROXY="on",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "('HTTP_X_FORWARDED_PROTO',", "'https')"]


def test_development_defaults_need_nothing_but_python():
    result = run_django(
        "import json; print(json.dumps([s.DATABASES['default']['ENGINE'], str(s.DATABASES['default']['NAME']),"
        " s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND'], s.EMAIL_BACKEND]))",
        DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    engine, name, eager, cache, email = json.loads(result.stdout)
    assert engine == "django.db.backends.sqlite3"
    assert name == str(BASE_DIR / "db.sqlite3")
    assert eager is True
    assert cache.endswith("LocMemCache")
    assert email == "django.core.mail.backends.console.EmailBackend"


def test_database_and_redis_urls_select_postgresql_and_redis():
    result = run_django(
        "import json; print(json.dumps([s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'],"
        " s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER, s.CACHES['default']['BACKEND']]))",
        DEBUG="1",
        DATABASE_URL="postgres://portal@db.internal:5432/khuyenhoc",
        REDIS_URL="redis://cache.internal:6379/1",
    )
    assert result.returncode == 0, result.stderr
    engine, name, broker, eager, cache = json.loads(result.stdout)
    assert engine == "django.db.backends.postgresql"
    assert name == "khuyenhoc"
    assert broker == "redis://cache.internal:6379/1"
    assert eager is False
    assert cache == "django.core.cache.backends.redis.RedisCache"


def test_smtp_is_used_when_a_mail_host_is_configured():
    result = run_django("print(s.EMAIL_BACKEND, s.EMAIL_HOST)", DEBUG="1", EMAIL_HOST="smtp.example.gov.vn")
    assert result.stdout.split() == ["django.core.mail.backends.smtp.EmailBackend", "smtp.example.gov.vn"]


def test_vietnamese_is_the_default_and_english_the_second_language():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _name in settings.LANGUAGES] == ["vi", "en"]


def test_dates_and_numbers_follow_vietnamese_conventions():
    with translation.override("vi"):
        assert formats.date_format(date(2012, 7, 24), "SHORT_DATE_FORMAT") == "24/07/2012"
        assert formats.number_format(32000, force_grouping=True) == "32.000"
    with translation.override("en"):
        assert formats.date_format(date(2012, 7, 24), "SHORT_DATE_FORMAT") == "24/07/2012"


def test_time_is_vietnamese_time():
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ
    assert timezone.get_current_timezone_name() == "Asia/Ho_Chi_Minh"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set: Redis is not in use")
def test_redis_answers_as_broker_and_cache():
    from django.core.cache import caches

    from khuyenhoc.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=2)
    cache = caches.create_connection("default")
    assert cache.__class__.__name__ == "RedisCache"
    cache.set("khuyenhoc-test-key", "xin chào", 10)
    assert cache.get("khuyenhoc-test-key") == "xin chào"
    cache.delete("khuyenhoc-test-key")
