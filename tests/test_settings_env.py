from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from advisor import env

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("raw", "value"), [("true", True), ("True", True), ("1", True), ("false", False), ("0", False)]
)
def test_booleans_accept_plain_words(monkeypatch, raw, value):
    monkeypatch.setenv("X_FLAG", raw)
    assert env.env_bool("X_FLAG", not value) is value


@pytest.mark.parametrize("raw", ["yes", "on", "ture", "2"])
def test_a_malformed_boolean_is_an_error_not_a_default(monkeypatch, raw):
    monkeypatch.setenv("X_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="X_FLAG"):
        env.env_bool("X_FLAG", False)


def test_hosts_are_a_comma_separated_list(monkeypatch):
    monkeypatch.setenv("X_HOSTS", "a.example, b.example")
    assert env.env_list("X_HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.setenv("X_HOSTS", "a.example,,b")
    with pytest.raises(ImproperlyConfigured):
        env.env_list("X_HOSTS", [])


def test_database_urls_for_postgres_and_sqlite_are_understood(monkeypatch):
    monkeypatch.setenv("X_DB", "postgres://postgres@127.0.0.1:5432/advisor")
    config = env.env_database("X_DB", "sqlite:///db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql" and config["NAME"] == "advisor"
    monkeypatch.delenv("X_DB")
    assert env.env_database("X_DB", "sqlite:///db.sqlite3")["ENGINE"] == "django.db.backends.sqlite3"


def test_postgres_connections_give_up_after_a_few_seconds_unless_the_url_says_otherwise(monkeypatch):
    monkeypatch.setenv("X_DB", "postgres://postgres@127.0.0.1:5432/advisor")
    assert env.env_database("X_DB", "")["OPTIONS"]["connect_timeout"] == env.CONNECT_TIMEOUT == 3
    monkeypatch.setenv("X_DB", "postgres://postgres@127.0.0.1:5432/advisor?connect_timeout=20")
    assert int(env.env_database("X_DB", "")["OPTIONS"]["connect_timeout"]) == 20


@pytest.mark.parametrize("raw", ["127.0.0.1:5432", "mysql://root@localhost/x", "nonsense://x"])
def test_a_malformed_or_unsupported_database_url_is_an_error(monkeypatch, raw):
    monkeypatch.setenv("X_DB", raw)
    with pytest.raises(ImproperlyConfigured, match="X_DB"):
        env.env_database("X_DB", "sqlite:///db.sqlite3")


def _check(**overrides):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    environ.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60
    )


def test_without_debug_a_missing_secret_key_stops_start_up_with_a_clear_message():
    result = _check(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_with_debug_on_the_development_key_is_allowed():
    assert _check(DJANGO_DEBUG="true").returncode == 0
