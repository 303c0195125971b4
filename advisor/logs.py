"""Log records without secrets, one JSON object a line.

A report's private and read-only links are keys carried in the path, as are the
one-click unsubscribe link and a password-reset link: Django logs the path of
every refused request, and the request log (middleware.request_log) of every
request, so paths are redacted before anything is written."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

# /r/<token>/… and /s/<token>/… (URL-safe base64, 43 characters when real, but a
# pasted link with a stray character is still a key), /reminders/stop/<signed>/
# and /accounts/password/reset/<uid>/<token>/.
SECRET_PATHS = [
    (re.compile(r"/([rs])/[^/\s?#\"']+"), r"/\1/…"),
    (re.compile(r"/reminders/stop/[^/\s?#\"']+"), "/reminders/stop/…"),
    (re.compile(r"/accounts/password/reset/[^/\s?#\"']+/[^/\s?#\"']+"), "/accounts/password/reset/…/…"),
]

# What every LogRecord carries; anything else on a record came in through `extra=`.
STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


def redact(text: str) -> str:
    for pattern, replacement in SECRET_PATHS:
        text = pattern.sub(replacement, text)
    return text


class RedactReportTokens(logging.Filter):
    """On Django's loggers, whose messages hold request paths."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


class JsonLines(logging.Formatter):
    """One JSON object per record, on one line: time, level, logger, message, and
    the record's plain extra fields (numbers, strings, booleans). Objects such as
    Django's `request` are left out, since their text may hold a path."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key in STANDARD or key in line:
                continue
            if isinstance(value, str):
                line[key] = redact(value)
            elif value is None or isinstance(value, bool | int | float):
                line[key] = value
        if record.exc_info:
            line["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False)
