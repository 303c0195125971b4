"""Production settings: `check --deploy` is clean with only the secret key and the
hosts set; HTTPS-only (redirect, HSTS, secure cookies) is the default without
debug and can be turned off, as `make serve` does on plain HTTP."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50), "DJANGO_ALLOWED_HOSTS": "advisor.example.com"}


def clean_env(**overrides: str) -> dict[str, str]:
    """The machine's environment without any of the app's settings (the test run sets some)."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return environ | overrides


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


SHOW = (
    "import json; from advisor import settings as s; print(json.dumps([s.SECURE_SSL_REDIRECT, "
    "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SESSION_COOKIE_SECURE]))"
)


def security_settings(**env: str) -> list:
    done = subprocess.run(
        [sys.executable, "-c", SHOW], cwd=ROOT, env=clean_env(**env), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_check_deploy_is_clean_with_only_the_secret_key_and_the_hosts_set():
    done = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert done.returncode == 0, done.stderr + done.stdout
    # One deliberate silence: axes.W006, lockout by account rather than by IP (settings.py says why).
    assert "System check identified no issues (1 silenced)." in done.stdout
    from django.conf import settings

    assert settings.SILENCED_SYSTEM_CHECKS == ["axes.W006"]
    assert "WARNINGS" not in done.stderr and "security.W" not in done.stderr


def test_without_debug_https_is_required_by_default():
    assert security_settings(**PRODUCTION) == [True, 365 * 24 * 60 * 60, True, True, True]


def test_with_debug_on_nothing_insists_on_https():
    assert security_settings(DJANGO_DEBUG="true") == [False, 0, False, False, False]


def test_plain_http_turns_the_redirect_and_hsts_off_and_check_deploy_names_them():
    env = PRODUCTION | {"DJANGO_SSL_REDIRECT": "false", "DJANGO_HSTS_SECONDS": "0", "DJANGO_SECURE_COOKIES": "false"}
    assert security_settings(**env) == [False, 0, False, False, False]
    done = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert done.returncode != 0
    assert all(code in done.stderr for code in ("security.W004", "security.W008", "security.W012"))


def test_a_shorter_hsts_without_preload_is_honoured():
    env = PRODUCTION | {"DJANGO_HSTS_SECONDS": "3600", "DJANGO_HSTS_PRELOAD": "false"}
    assert security_settings(**env)[1:4] == [3600, True, False]


def test_malformed_hsts_seconds_stop_start_up_naming_the_variable():
    for raw in ("a year", "-1"):
        done = manage("check", **PRODUCTION, DJANGO_HSTS_SECONDS=raw)
        assert done.returncode != 0 and "DJANGO_HSTS_SECONDS" in done.stderr, raw


def test_serve_turns_https_off_on_plain_http_and_keeps_it_behind_a_proxy():
    """bin/serve's environment, read by the same shell lines, without starting gunicorn."""
    script = (ROOT / "bin" / "serve").read_text()
    block = script[script.index("behind_proxy=") : script.index("fi\n", script.index("behind_proxy=")) + 3]
    show = 'echo "$DJANGO_SECURE_COOKIES,$DJANGO_SSL_REDIRECT,$DJANGO_HSTS_SECONDS"'

    def run(**env: str) -> str:
        done = subprocess.run(["bash", "-c", block + show], env=clean_env(**env), capture_output=True, text=True)
        return done.stdout.strip()

    assert run() == "false,false,0"
    assert run(DJANGO_BEHIND_PROXY="true") == ",,"  # unset: settings.py's secure defaults apply
    assert run(DJANGO_BEHIND_PROXY="True") == ",,"
    assert run(DJANGO_SSL_REDIRECT="true") == "false,true,0"
