"""Log records without the keys to reports: a report's private and read-only links
are secrets carried in the path, and Django logs the path of every refused request."""

from __future__ import annotations

import logging
import re

# /r/<token>/… and /s/<token>/…; the tokens are URL-safe base64, 43 characters when real.
REPORT_PATH = re.compile(r"/([rs])/[A-Za-z0-9_-]+(?=/|$|\s)")


class RedactReportTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = REPORT_PATH.sub(r"/\1/…", message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
