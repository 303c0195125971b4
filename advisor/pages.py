"""Pages that do not change between two visits are rendered once and kept.

A finished questionnaire's results never change, and a saved report changes
only when its owner changes it; yet people reload them, switch tracks and
tabs, and a shared link may be read by many. `cached_page` keeps the rendered
HTML in the cache (per process by default, settings.CACHES), under a key made
of everything the page shows: the caller's parts (the object, its version,
the query) plus the language, host, the person looking and whether the
browser is WeChat's (which gets a note on downloading the calendar).

Forms on the page carry the visitor's CSRF token; the kept HTML holds a
placeholder instead, replaced with a fresh token on every response. A request
with flash messages waiting is rendered afresh, so the messages are shown."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.translation import get_language

PLACEHOLDER = "csrf-placeholder-0b9f7a2c"


def in_wechat(request: HttpRequest) -> bool:
    """WeChat's built-in browser (it names itself in the User-Agent) downloads no
    calendar file, so pages say so there; the page cache keys on it."""
    return "MicroMessenger" in request.headers.get("User-Agent", "")


def cached_page(
    request: HttpRequest, template: str, parts: tuple, context: Callable[[], dict], *, status: int = 200
) -> HttpResponse:
    """Render `template` with `context()`, or send what was kept for the same `parts`."""
    if not settings.PAGE_CACHE or request.method != "GET" or len(get_messages(request)):
        return HttpResponse(render_to_string(template, context(), request), status=status)
    user = request.user.pk if request.user.is_authenticated else None
    # The header links to "My reports" for a browser that saved one without an account.
    saved_here = user is None and bool(request.session.get("reports"))
    target = request.htmx.target if request.htmx else None
    raw = repr((template, parts, get_language(), request.get_host(), user, saved_here, target, in_wechat(request)))
    key = "page:" + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()
    html = cache.get(key)
    if html is None:
        html = render_to_string(template, context() | {"csrf_token": PLACEHOLDER}, request)
        cache.set(key, html, settings.PAGE_CACHE_SECONDS)
    return HttpResponse(html.replace(PLACEHOLDER, get_token(request)), status=status)
