"""Helpers for the account tests; the people themselves are in fixtures.py."""

from __future__ import annotations

import re
import threading

from django.core.mail.backends.base import BaseEmailBackend

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


class GatedMail(BaseEmailBackend):
    """An e-mail backend (settings.EMAIL_BACKEND) whose sending waits until a test
    opens `gate`, like a slow SMTP server; what it sends collects in `sent`."""

    gate = threading.Event()
    sent: list = []

    def send_messages(self, messages) -> int:
        GatedMail.gate.wait(timeout=GATE_SECONDS)
        GatedMail.sent.extend(messages)
        return len(messages)


# How long a closed gate holds a sender before it gives up waiting and sends anyway.
GATE_SECONDS = 5


class RefusingMail(BaseEmailBackend):
    """An e-mail backend like an SMTP server that is down."""

    def send_messages(self, messages) -> int:
        raise ConnectionRefusedError("no mail server")
