from __future__ import annotations

import logging
import time

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from advisor.logs import redact
from advisor.problems import Problem, problem_response

request_logger = logging.getLogger("advisor.requests")

HEALTH_PATH = "/healthz"
# Seconds a client (or a load balancer) should wait before asking again while the database is down.
RETRY_AFTER = 30

# Pages that show a report, or what one is made from: browsers and proxies must
# not keep them, so the next person at a shared computer cannot page back to one.
PRIVATE_NAMESPACES = {"reports"}
PRIVATE_VIEWS = {"questionnaire:results"}


def request_log(get_response):
    """One line per request: method, path (keys redacted), status and duration.
    Never the query string, the body, answers or a report's content. Successful
    health probes are left out: a load balancer asks every few seconds."""

    def middleware(request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = get_response(request)
        if request.path == HEALTH_PATH and response.status_code == 200:
            return response
        duration = round((time.perf_counter() - started) * 1000, 1)
        path = redact(request.path)
        request_logger.info(
            "%s %s %s %sms",
            request.method,
            path,
            response.status_code,
            duration,
            extra={
                "event": "request",
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": duration,
            },
        )
        return response

    return middleware


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


def private_pages(get_response):
    """`Cache-Control: private, no-store` on every report URL (pages, exports,
    print, summary, calendar, shared views) and on the results page."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        match = request.resolver_match
        if match is not None and (match.namespace in PRIVATE_NAMESPACES or match.view_name in PRIVATE_VIEWS):
            response["Cache-Control"] = "private, no-store"
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


def refuse_nul_in_query(get_response):
    """A NUL byte is in no link this site makes, and PostgreSQL refuses one in a
    query: an admin list filtered on `?kind__exact=%00` answered 500. Such a query
    string gets a 400 page that says the link is broken, before any view reads it."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.META.get("QUERY_STRING") and any(
            "\x00" in name or any("\x00" in value for value in values) for name, values in request.GET.lists()
        ):
            problem = Problem(
                400,
                _("This link is broken"),
                _("The address holds a character that no link on this site has. Check it, or go back and try again."),
            )
            return problem_response(request, problem)
        return get_response(request)

    return middleware


def refuse_tampered_admin_selection(get_response):
    """An admin list's action (delete selected) filters on the ticked rows' ids as
    posted, which Django passes to the query unchecked: `abc`, or a number past the
    column's range, answered 500. A post whose ids no row can have gets a 400."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            try:
                model_admin = getattr(resolve(request.path_info).func, "model_admin", None)
            except Resolver404:
                model_admin = None
            if model_admin is not None and not all(
                _could_be_pk(model_admin.model._meta.pk, value) for value in request.POST.getlist(ACTION_CHECKBOX_NAME)
            ):
                problem = Problem(
                    400,
                    _("The selection was changed"),
                    _("The rows ticked on the list were not sent as the list made them. Go back and tick them again."),
                )
                return problem_response(request, problem)
        return get_response(request)

    return middleware


def _could_be_pk(field: models.Field, value: str) -> bool:
    try:
        value = field.to_python(value)
    except ValidationError:
        return False
    if isinstance(value, int):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        return (low is None or low <= value) and (high is None or value <= high)
    return True
