from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views import defaults

from advisor.middleware import RETRY_AFTER


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A friendly, translated page instead of Django's technical CSRF message."""
    return render(request, "403_csrf.html", status=403)


def database_unavailable(exc: BaseException | None) -> bool:
    """The database could not be reached or dropped the connection (PostgreSQL
    down or restarting, SQLite busy past its timeout): worth trying again soon,
    unlike a bug. The error may come wrapped in another one raised from it."""
    while exc is not None:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        exc = exc.__cause__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: Django calls it while handling the uncaught exception, so
    sys.exc_info() names it. A database outage gets a translated 503 that says
    to try again and tells clients when; anything else the plain 500 page."""
    if not database_unavailable(sys.exc_info()[1]):
        return defaults.server_error(request)
    # Rendered without the request: context processors (the user, the session)
    # would query the database that is down.
    # "Try again" reloads this address; one that starts with // or /\ would lead off the site.
    again = "/" + request.get_full_path().lstrip("/\\")
    context = {"retry": request.method in ("GET", "HEAD"), "path": again}
    response = HttpResponse(loader.render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    if request.headers.get("HX-Request") == "true":
        # htmx swaps no 5xx response: load the whole page again, which shows this one while the outage lasts.
        response["HX-Refresh"] = "true"
    return response
