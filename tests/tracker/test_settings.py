"""Settings from the environment: production-like settings pass `check --deploy`, bad values fail
at start-up with a message that names the variable."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from tracker.settings import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run manage.py in a fresh process with only the given environment (plus PATH)."""
    clean_env = {"PATH": os.environ["PATH"], "PYTHONDONTWRITEBYTECODE": "1", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "tracker.example.org",
        "DATABASE_URL": "postgres://tracker:secret@db.internal:5432/tracker",
        "CELERY_BROKER_URL": "redis://redis.internal:6379/0",
    }
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def test_check_deploy_passes_with_production_settings() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_still_fails_on_a_real_problem() -> None:
    # The deploy checks are live, not silenced wholesale: a weak key is reported.
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **production_env(SECRET_KEY="too-short")
    )
    assert result.returncode != 0
    assert "security.W009" in result.stderr


def test_hsts_preload_is_an_explicit_opt_in() -> None:
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **production_env(SECURE_HSTS_PRELOAD="1")
    )
    assert result.returncode == 0, result.stderr
    assert "(0 silenced)" in result.stdout
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **production_env(SECURE_HSTS_SECONDS="0"),
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr


def test_debug_off_without_secret_key_refuses_to_start(tmp_path) -> None:
    env = production_env(SECRET_KEY_FILE=str(tmp_path / "missing"))
    del env["SECRET_KEY"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured: SECRET_KEY is not set" in result.stderr
    assert "required when DEBUG is off" in result.stderr


def test_debug_off_without_allowed_hosts_refuses_to_start() -> None:
    env = production_env()
    del env["ALLOWED_HOSTS"]
    result = manage("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: ALLOWED_HOSTS is required when DEBUG is off" in result.stderr


def test_debug_on_runs_without_secret_key(tmp_path) -> None:
    result = manage("check", DEBUG="1", SECRET_KEY_FILE=str(tmp_path / "missing"))
    assert result.returncode == 0, result.stderr


def test_manage_after_make_run_needs_nothing_exported(tmp_path) -> None:
    """The embedded default: DEBUG on and the key `make run` wrote, nothing in the environment."""
    key = tmp_path / "secret_key"
    key.write_text("k" * 60 + "\n", encoding="utf-8")
    shown = manage("diffsettings", "--all", SECRET_KEY_FILE=str(key))
    assert shown.returncode == 0, shown.stderr
    assert f"SECRET_KEY = '{'k' * 60}'" in shown.stdout
    assert "DEBUG = True" in shown.stdout
    # With a database of its own (production), DEBUG stays off unless asked for.
    production = manage(
        "diffsettings",
        "--all",
        SECRET_KEY_FILE=str(key),
        ALLOWED_HOSTS="tracker.example.org",
        DATABASE_URL="postgres://tracker@db.internal:5432/tracker",
    )
    assert production.returncode == 0, production.stderr
    assert "DEBUG = False" in production.stdout


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG='maybe' is not a boolean (use 1/0, true/false, yes/no, on/off)"),
        ("SECURE_SSL_REDIRECT", "2", "SECURE_SSL_REDIRECT='2' is not a boolean"),
        ("SECURE_HSTS_SECONDS", "a year", "SECURE_HSTS_SECONDS='a year' is not an integer"),
        ("DATABASE_CONN_MAX_AGE", "1.5", "DATABASE_CONN_MAX_AGE='1.5' is not an integer"),
    ],
)
def test_bad_values_fail_at_start_up_naming_the_variable(
    name: str, value: str, message: str
) -> None:
    result = manage("check", **production_env(**{name: value}))
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr


def test_env_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRACKER_TEST_VAR", raising=False)
    assert env_bool("TRACKER_TEST_VAR", True) is True
    assert env_int("TRACKER_TEST_VAR", 7) == 7
    assert env_list("TRACKER_TEST_VAR", "a, b") == ["a", "b"]
    for raw, expected in [("1", True), (" Yes ", True), ("ON", True), ("off", False), ("", False)]:
        monkeypatch.setenv("TRACKER_TEST_VAR", raw)
        assert env_bool("TRACKER_TEST_VAR", not expected) is expected
    monkeypatch.setenv("TRACKER_TEST_VAR", "enabled")
    with pytest.raises(ImproperlyConfigured, match="TRACKER_TEST_VAR='enabled' is not a boolean"):
        env_bool("TRACKER_TEST_VAR", False)
    monkeypatch.setenv("TRACKER_TEST_VAR", " 42 ")
    assert env_int("TRACKER_TEST_VAR", 0) == 42
    monkeypatch.setenv("TRACKER_TEST_VAR", "x.org, ,y.org,")
    assert env_list("TRACKER_TEST_VAR") == ["x.org", "y.org"]


def test_healthz_answers_over_plain_http_while_the_rest_redirects(client: Client, settings) -> None:
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    response = client.get("/admin/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/admin/login/"


def test_cache_url_selects_the_shared_redis_cache() -> None:
    redis_url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    script = (
        "from django.core.cache import cache; from django.conf import settings; "
        "cache.set('settings-test', 'shared', 30); "
        "print(settings.CACHES['default']['BACKEND'], cache.get('settings-test'))"
    )
    result = manage("shell", "-c", script, **production_env(CACHE_URL=redis_url))
    assert result.returncode == 0, result.stderr
    last_line = result.stdout.strip().splitlines()[-1]
    assert last_line.split() == ["django.core.cache.backends.redis.RedisCache", "shared"]


def test_cache_url_must_be_redis() -> None:
    result = manage("check", **production_env(CACHE_URL="memcached://127.0.0.1:11211"))
    assert result.returncode != 0
    assert "CACHE_URL='memcached://127.0.0.1:11211' must be a redis:// URL" in result.stderr


@pytest.mark.parametrize(("value", "installed"), [("", False), ("1", True), ("0", False)])
def test_prepared_statements_are_off_unless_turned_on(value: str, installed: bool) -> None:
    script = (
        "from django.conf import settings; "
        "print(settings.MIDDLEWARE[0] == 'tracker.prepared.PreparedReadsMiddleware')"
    )
    env = production_env(**({"DATABASE_PREPARED_STATEMENTS": value} if value else {}))
    result = manage("shell", "-c", script, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(installed)
