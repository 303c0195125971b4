"""Named people for the account tests."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model

PASSWORD = "plum-orchard-47-lantern"
NEW_PASSWORD = "quiet-harbour-82-violin"


def alice(**fields):
    """Alice has an account with an email address."""
    return get_user_model().objects.create_user("alice", fields.pop("email", "alice@example.com"), PASSWORD, **fields)


def bob():
    """Bob signed up without an email address."""
    return get_user_model().objects.create_user("bob", "", PASSWORD)


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
