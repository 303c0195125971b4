from __future__ import annotations

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

HEALTH_PATH = "/healthz"
# Seconds a client (or a load balancer) should wait before asking again while the database is down.
RETRY_AFTER = 30


def health(get_response):
    """`GET /healthz`: 200 when the database answers a query, 503 with Retry-After
    when it does not. Answered before the host check and the HTTPS redirect, so a
    load balancer may probe each server by its address over plain HTTP."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.path != HEALTH_PATH or request.method not in ("GET", "HEAD"):
            return get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError:
            response = HttpResponse("database unavailable\n", status=503, content_type="text/plain")
            response["Retry-After"] = str(RETRY_AFTER)
        else:
            response = HttpResponse("ok\n", content_type="text/plain")
        response["Cache-Control"] = "no-store"
        return response

    return middleware


def friendly_method_not_allowed(get_response):
    """Django answers a wrong method (a GET on a POST-only URL) with an empty 405;
    people who follow such a link get a page that says what happened instead."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response

    return middleware
