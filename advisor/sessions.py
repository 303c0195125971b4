"""Django's database sessions (settings.SESSION_ENGINE), refusing session keys it
could never have made. Django's cookie parser turns an escaped `\\000` into a NUL
byte, which PostgreSQL refuses in a query: every page answered 500. A key like
that is treated as no session, so the visitor gets a fresh one."""

from __future__ import annotations

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

# The column's width (django.contrib.sessions.base_session); Django makes 32-character keys.
KEY_MAX_LENGTH = 40
_KEY_CHARS = frozenset(VALID_KEY_CHARS)


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key) -> bool:
        return bool(
            super()._validate_session_key(key)
            and isinstance(key, str)
            and len(key) <= KEY_MAX_LENGTH
            and _KEY_CHARS.issuperset(key)
        )
