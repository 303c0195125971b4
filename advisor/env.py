"""Strict readers for settings that come from the environment.

A value that is present but malformed raises ImproperlyConfigured at start-up:
a typo in production must not silently fall back to a default.
"""

from __future__ import annotations

import os
import re

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"true", "1"}
FALSE_WORDS = {"false", "0"}
# Seconds to wait for PostgreSQL to accept a connection; libpq's default sslmode
# (prefer) may try twice, with TLS and without, so a request waits up to twice this.
CONNECT_TIMEOUT = 3


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use true, false, 1 or 0.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name}={raw!r} has an empty entry; use a comma-separated list.")
    return items


def env_str(name: str, default: str) -> str:
    raw = os.environ.get(name)
    return default if raw is None or raw == "" else raw


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None


RATE = re.compile(r"[1-9][0-9]*/(?:[1-9][0-9]*)?[smhd]")


def env_rate(name: str, default: str) -> str:
    """A rate limit in django-ratelimit's syntax: a count per period, e.g. 30/h or 5/15m."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    rate = raw.strip()
    if not RATE.fullmatch(rate):
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a rate; use a count per period such as 30/h, 5/15m, 100/d or 10/30s."
        )
    return rate


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    word = raw.strip().lower()
    if word not in choices:
        raise ImproperlyConfigured(f"{name}={raw!r} is not one of {', '.join(choices)}.")
    return word


def env_database(name: str, default: str) -> dict:
    raw = os.environ.get(name) or default
    if "://" not in raw:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a database URL such as postgres://user@host/db.")
    try:
        config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"{name} could not be parsed: {exc}") from None
    if config["ENGINE"] not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(f"{name} must point at SQLite or PostgreSQL, not {config['ENGINE']}.")
    if config["ENGINE"] == "django.db.backends.postgresql":
        # A server that does not answer (down, or unreachable) fails the request in
        # seconds, as a 503, instead of holding the worker until gunicorn kills it.
        # `?connect_timeout=N` in the URL says otherwise.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", CONNECT_TIMEOUT)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Several workers on one file: readers do not block the writer (WAL), a
        # write takes its lock when the transaction starts (IMMEDIATE) so two
        # writers queue instead of failing, and a busy writer is waited for.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return config


def secret_key(debug: bool) -> str:
    key = os.environ.get("DJANGO_SECRET_KEY", "")
    if key:
        return key
    if debug:
        # Only for a developer's machine; never used when DJANGO_DEBUG is off.
        return "dev-only-insecure-key-do-not-use-in-production"
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
