"""Rate limits: django-ratelimit's counters in the shared `throttle` cache, and
the one 429 every limit answers with (a Problem page that says when to retry,
with Retry-After, for full pages and htmx alike).

Each limit's rate is a setting ("30/h", "5/15m", django-ratelimit's syntax)
read at request time, so the environment, a test or the benchmark can change it."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage

from advisor.problems import Problem, problem_response

Key = Callable[[HttpRequest], str]


def client_address(request: HttpRequest) -> str:
    """The client's IP address: behind a trusted proxy, the one it saw (the last
    X-Forwarded-For entry, which the proxy appends itself); else the socket's."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")


def posted_email(request: HttpRequest) -> str:
    """The address a form posted, as the accounts match it (case does not count)."""
    return request.POST.get("email", "").strip().lower()


def too_many(wait: int, message: str | None = None) -> Problem:
    """The refusal of a request over its limit: try again in `wait` seconds."""
    wait = max(1, int(wait))
    minutes = math.ceil(wait / 60)
    when = ngettext("Try again in %(minutes)d minute.", "Try again in %(minutes)d minutes.", minutes) % {
        "minutes": minutes
    }
    what = message or _("There were too many requests like this one from here; nothing was done.")
    # Translators: a refusal, then when to try again; drop the space if your language sets none.
    text = _("%(what)s %(when)s") % {"what": what, "when": when}
    return Problem(429, _("Too many requests"), text, retry_after=wait)


def count(request: HttpRequest, group: str, rate: str, value: str, message: str | None = None) -> None:
    """Count one request under `group` for `value`; raise too_many (with `message`,
    what was not done) once over `rate`. The value is hashed into the cache key,
    so no address is stored in the clear."""
    if not value:
        return  # nothing to count by (an empty field): the other keys still hold
    usage = get_usage(request, group=group, key=lambda _group, _request: value, rate=rate, increment=True)
    if usage is not None and usage["should_limit"]:
        raise too_many(usage["time_left"], message)


def limited(group: str, *limits: tuple[Key, str], when: Callable[[HttpRequest], bool] | None = None):
    """Limit a view's POSTs: each (key, setting) pair counts separately by its key
    (the client, the posted address...) at the rate in settings.<setting>; over
    any of them the answer is the 429 page and the view does not run."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST" and (when is None or when(request)):
                try:
                    for key, setting in limits:
                        count(request, f"{group}:{key.__name__}", getattr(settings, setting), key(request))
                except Problem as exc:
                    return problem_response(request, exc)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
