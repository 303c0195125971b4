"""Helpers for the account tests; the people themselves are in fixtures.py."""

from __future__ import annotations

import re

from tests.fixtures import PASSWORD


def signup_data(**overrides) -> dict[str, str]:
    data = {"username": "carol", "email": "carol@example.com", "password1": PASSWORD, "password2": PASSWORD}
    return data | overrides


def logged_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def link_in(body: str) -> str:
    """The path of the password reset link in an email body."""
    match = re.search(r"https?://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)", body)
    assert match, body
    return match.group(1)
