"""The app's URLs plus the benchmark's baseline: a bare Django view rendering a
template of a given size (?bytes=N), through the same middleware. Used only when
bench/run.py starts the server with DJANGO_URLCONF=bench.urls."""

from __future__ import annotations

from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path

from advisor.urls import handler500  # noqa: F401 (Django reads it from the root URLconf)
from advisor.urls import urlpatterns as app_urls

TEMPLATE = engines["django"].from_string(
    "<!doctype html><html><head><title>bare</title></head><body><p>{{ padding }}</p></body></html>"
)


@lru_cache(maxsize=8)
def padding(size: int) -> str:
    """Text that brings the page to `size` bytes."""
    frame = len(TEMPLATE.render({"padding": ""}).encode())
    return ("lorem ipsum " * (size // 12 + 1))[: max(size - frame, 0)]


def bare(request: HttpRequest) -> HttpResponse:
    size = min(int(request.GET.get("bytes", "1000")), 2_000_000)
    return HttpResponse(TEMPLATE.render({"padding": padding(size)}, request))


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), *app_urls]
