"""Loaded with `-p tests.testenv` before pytest-django reads the settings."""

from __future__ import annotations

import os

# Tests run with a throwaway key; a real deployment sets its own.
os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-secret")
# Serve static files from the apps, as in development, so no collectstatic is needed.
os.environ.setdefault("DJANGO_STATIC_MANIFEST", "false")
# The test client and the live server speak plain HTTP: no redirect to HTTPS (debug is off, so it defaults to on).
os.environ.setdefault("DJANGO_SSL_REDIRECT", "false")
# Work after the response (the password-reset mail) runs as the response closes, so the
# test client's outbox is filled when the request returns; test_accounts_password_reset_timing
# turns the background thread on.
os.environ.setdefault("DJANGO_AFTER_RESPONSE_IN_BACKGROUND", "false")
