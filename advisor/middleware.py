from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


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
