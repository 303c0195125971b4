"""The app's URLs plus the benchmark's two baselines, bare Django views through
the same middleware that render a page of a given size (?bytes=N):

- `bench/bare/`, the static one: a template with one variable of padding;
- `bench/loop/`, the loop one: a template that loops over rows (a link, a title,
  a line of text and a class chosen by `{% if %}`, each escaped), as a results
  page or a report does with its tracks and steps, with as many rows as bring
  it to the size. It is what a Django page of that size costs to render at all.

Used only when bench/run.py starts the server with DJANGO_URLCONF=bench.urls."""

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
LOOP = engines["django"].from_string(
    "<!doctype html><html><head><title>loop</title></head><body><ol>"
    "{% for row in rows %}"
    '<li class="step {% if row.done %}state-done{% else %}state-pending{% endif %}" id="step-{{ row.slug }}">'
    '<a href="/steps/{{ row.slug }}/">{{ row.title }}</a> <span>{{ row.hours }} h</span><p>{{ row.text }}</p></li>'
    "{% endfor %}</ol><p>{{ padding }}</p></body></html>"
)


def limit(request: HttpRequest) -> int:
    return min(int(request.GET.get("bytes", "1000")), 2_000_000)


@lru_cache(maxsize=8)
def padding(size: int) -> str:
    """Text that brings the page to `size` bytes."""
    frame = len(TEMPLATE.render({"padding": ""}).encode())
    return ("lorem ipsum " * (size // 12 + 1))[: max(size - frame, 0)]


def row(i: int) -> dict:
    return {
        "slug": f"step-{i}",
        "title": f"Step {i} & what it asks",  # an ampersand, so escaping does work
        "hours": i % 9 + 1,
        "done": i % 3 == 0,
        "text": "Practise it on a real account for a week, then write down what changed.",
    }


@lru_cache(maxsize=8)
def rows_for(size: int) -> tuple[list[dict], str]:
    """As many rows as fit in `size` bytes, and the padding that makes up the rest."""
    frame = len(LOOP.render({"rows": []}).encode())
    one = len(LOOP.render({"rows": [row(0)]}).encode()) - frame
    rows = [row(i) for i in range(max((size - frame) // one, 0))]
    while rows and len(LOOP.render({"rows": rows}).encode()) > size:
        rows.pop()
    rest = size - len(LOOP.render({"rows": rows}).encode())
    return rows, "x" * max(rest, 0)


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(TEMPLATE.render({"padding": padding(limit(request))}, request))


def loop(request: HttpRequest) -> HttpResponse:
    rows, rest = rows_for(limit(request))
    return HttpResponse(LOOP.render({"rows": rows, "padding": rest}, request))


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), path("bench/loop/", loop, name="bench-loop"), *app_urls]
