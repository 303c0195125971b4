"""Work that waits until the response has reached the client.

A WSGI server closes the response after it has written the body, and Django then
runs the response's closers. Work attached here is started there. It runs on one
background thread per process, in the request's language, so neither the client
nor the next request on the same worker waits for it. Used where the time of an
answer would tell a stranger something: the password-reset mail is only sent to
addresses that have an account, and sending it (an SMTP round trip) is slow.

The thread pool's queue is run to its end when the process exits (gunicorn's
graceful restart included), so queued work is not dropped. With
settings.AFTER_RESPONSE_IN_BACKGROUND off (the tests), work runs in the closer
itself: still after the body is written, but on the request's thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connections
from django.http import HttpResponseBase
from django.utils import translation

logger = logging.getLogger(__name__)
_background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="after-response")


def after_response(response: HttpResponseBase, work: Callable[[], object], *, what: str) -> None:
    """Run `work` once `response` has been sent. A failure is logged (Django would
    swallow it silently) and never reaches the person, who already has their page."""
    language = translation.get_language()

    def run() -> None:
        try:
            with translation.override(language):
                work()
        except Exception:
            logger.exception(
                "%s failed after the response", what, extra={"event": "after-response-failed", "what": what}
            )

    def on_its_thread() -> None:
        try:
            run()
        finally:
            connections.close_all()  # this thread's own; a request's are closed by request_finished

    def start() -> None:
        if settings.AFTER_RESPONSE_IN_BACKGROUND:
            _background.submit(on_its_thread)
        else:
            run()

    # Django's own hook: HttpResponseBase.close() calls each of these, then sends request_finished.
    response._resource_closers.append(start)


def wait() -> None:
    """Until the work queued so far has run (the tests use it)."""
    _background.submit(lambda: None).result()
