"""Refusing a request with a clear message and a 4xx status, for full pages and htmx alike."""

from __future__ import annotations

import functools

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_htmx.http import reswap, retarget


class Problem(Exception):
    """A request we refuse with a clear message and a 4xx status."""

    def __init__(
        self,
        status: int,
        title: str,
        message: str,
        actions: list[tuple[str, str]] | None = None,
        retry_after: int | None = None,
    ):
        super().__init__(message)
        self.status, self.title, self.message, self.actions = status, title, message, actions or []
        # Seconds until the request will be taken again (a 429's or a 503's Retry-After).
        self.retry_after = retry_after


def problem_response(request: HttpRequest, exc: Problem) -> HttpResponse:
    context = {"title": exc.title, "message": exc.message, "actions": exc.actions}
    if request.htmx:
        response = render(request, "problem.html#problem", context, status=exc.status)
        # Replace the whole main area, whatever the triggering element targeted.
        response = reswap(retarget(response, "#main"), "innerHTML")
    else:
        response = render(request, "problem.html", context, status=exc.status)
    if exc.retry_after is not None:
        response["Retry-After"] = str(exc.retry_after)
    return response


def refuses(view):
    """Turn a Problem raised inside the view into its 4xx page."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except Problem as exc:
            return problem_response(request, exc)

    return wrapper
