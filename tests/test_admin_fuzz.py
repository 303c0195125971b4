"""Hypothesis drives the admin as an editor with typos, or an attacker with a
session, would: every list page with a search, every filter, an ordering and a
page number; the change, delete and history pages with ids that are not ids; the
catalogue's import, export and market pages; the lists' actions on tampered
ticked ids; and the insights range. Whatever
comes in, the answer is never a 500 (the test client re-raises a server error,
so one fails the test with its traceback). .ci/run runs it on SQLite and on
PostgreSQL, which refuses more (NUL bytes, overlong values) than SQLite does.

A few examples run in `make test`; `-m heavy` runs many more."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, quote

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from simple_history.admin import SimpleHistoryAdmin

from advisor.catalogue.exchange import exporter
from tests.reports_helpers import save_report
from tests.strategies import NASTY

pytestmark = pytest.mark.usefixtures("seeded")

FUZZ = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
HEAVY = settings(FUZZ, max_examples=300)

# Ids an editor mistypes or an attacker tries in a URL, beside the real ones.
ODD_IDS = st.one_of(
    st.sampled_from(["abc", "0", "-1", "1.5", "99999999", "99999999999999999999", "1e3", " ", "\x00", "中", "_5F", "1 OR 1=1"]),
    st.text(min_size=1, max_size=8),
)  # fmt: skip
# Column numbers the list's ordering takes ("o=2.-1"), in and out of range, and garbage.
ORDERINGS = st.one_of(
    st.lists(st.integers(-12, 12), max_size=3).map(lambda ns: ".".join(str(n) for n in ns)),
    st.sampled_from(["", "-", "..", "1..2", "x", "-0", "99999999999999999999"]),
    NASTY,
)
PAGES = st.one_of(st.integers(-3, 10**12).map(str), st.sampled_from(["", "last", "0", "1.5"]), NASTY)
# What a filter's parameter may be given: the values its own links use, and anything else.
DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01", "9999-12-31", "1999-12-31", "2026-02-30", "2026-13-01"]),
    NASTY,
)


@dataclass
class ListPage:
    url: str
    filters: dict[str, list[str]]  # parameter → the values the page's filter links use
    history: bool  # simple-history's pages (and revert form) exist for the model
    pks: list[str]  # a few real ids
    actions: list[str]  # the list's actions (delete selected), as its menu names them


def _list_pages(client) -> list[ListPage]:
    """Every registered model's list, with its filters as the page itself offers them."""
    pages = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 200, url
        changelist = response.context["cl"]
        filters: dict[str, list[str]] = {}
        for spec in changelist.filter_specs:
            for name in spec.expected_parameters():
                filters.setdefault(name, [])
            for choice in spec.choices(changelist):
                for name, value in parse_qsl(choice["query_string"].lstrip("?")):
                    filters.setdefault(name, []).append(value)
        pks = [str(pk) for pk in model._default_manager.values_list("pk", flat=True)[:3]]
        form = response.context.get("action_form")
        actions = [name for name, _ in form.fields["action"].choices if name] if form else []
        pages.append(ListPage(url, filters, isinstance(model_admin, SimpleHistoryAdmin), pks, actions))
    return pages


@pytest.fixture
def admin_world(admin_client):
    # Built once per test (hypothesis reuses function fixtures across its examples):
    # a saved report, so the reports' list and insights have a row.
    save_report(admin_client)
    return _list_pages(admin_client)


@st.composite
def list_query(draw, page: ListPage) -> dict:
    query = {}
    if draw(st.booleans()):
        query["q"] = draw(NASTY)
    if draw(st.booleans()):
        query["o"] = draw(ORDERINGS)
    if draw(st.booleans()):
        query["p"] = draw(PAGES)
    if page.filters:
        for name in draw(st.lists(st.sampled_from(sorted(page.filters)), max_size=3, unique=True)):
            offered = page.filters[name]
            query[name] = draw(st.one_of(st.sampled_from(offered), DATES) if offered else DATES)
    if draw(st.integers(0, 9)) == 0:  # the admin's own switches, and a parameter no filter has
        query[draw(st.sampled_from(["_popup", "_to_field", "e", "all", "_changelist_filters", "nope__exact"]))] = draw(
            NASTY
        )
    return query


def _object_url(page: ListPage, object_id: str, view: str, version: str) -> str:
    base = f"{page.url}{quote(object_id, safe='')}/"
    return {"change": f"{base}change/", "delete": f"{base}delete/", "history": f"{base}history/"}.get(
        view, f"{base}history/{quote(version, safe='')}/"
    )


def _import_body(draw) -> dict:
    fields = ["file", "prune", "confirm", "name", "content", "base"]
    body = {field: draw(NASTY) for field in draw(st.lists(st.sampled_from(fields), max_size=6, unique=True))}
    if draw(st.booleans()):
        name = draw(st.sampled_from(["c.yaml", "c.json", "c.csv", "c.txt", "", "../c.yaml"]))
        content = draw(st.one_of(NASTY, st.sampled_from(["tracks: [", "- a\n", "{}", "track,skill\nx,y\n"])))
        body["file"] = SimpleUploadedFile(name or "x", content.encode("utf-8", "surrogatepass"))
    if "confirm" in body and draw(st.booleans()):
        body["base"] = exporter.content_hash(exporter.catalogue_data())  # a confirm that gets past the staleness check
    return body


def _run(client, pages: list[ListPage], data, rounds: int) -> None:
    for _ in range(rounds):
        kind = data.draw(
            st.sampled_from(["list", "list", "list", "action", "object", "import", "insights", "exchange"])
        )
        if kind == "list":
            page = data.draw(st.sampled_from(pages))
            method, url, body = "get", page.url, data.draw(list_query(page))
        elif kind == "action":
            # The first step of an action on ticked rows (never "post": yes, which would delete them).
            page = data.draw(st.sampled_from(pages))
            ids = st.one_of(ODD_IDS, st.sampled_from(page.pks)) if page.pks else ODD_IDS
            body = {
                "action": data.draw(st.one_of(st.sampled_from(page.actions), NASTY) if page.actions else NASTY),
                "_selected_action": data.draw(st.lists(ids, max_size=3)),
                "index": data.draw(st.sampled_from(["0", "1", "abc"])),
            }
            if data.draw(st.booleans()):
                body["select_across"] = data.draw(st.sampled_from(["0", "1", "abc"]))
            method, url = "post", page.url
        elif kind == "object":
            page = data.draw(st.sampled_from(pages))
            object_id = data.draw(st.one_of(ODD_IDS, st.sampled_from(page.pks)) if page.pks else ODD_IDS)
            views = ["change", "delete"] + (["history", "version"] if page.history else [])
            view, version = data.draw(st.sampled_from(views)), data.draw(ODD_IDS)
            method, url, body = "get", _object_url(page, object_id, view, version), {}
        elif kind == "import":
            method, url = data.draw(st.sampled_from(["get", "post", "post"])), "/admin/catalogue/track/import/"
            body = _import_body(data.draw) if method == "post" else {}
        elif kind == "insights":
            names = data.draw(st.lists(st.sampled_from(["since", "until"]), max_size=2, unique=True))
            method, url, body = "get", "/admin/reports/report/insights/", {n: data.draw(DATES) for n in names}
        else:
            url = data.draw(st.sampled_from(["/admin/catalogue/track/export/", "/admin/catalogue/track/market/"]))
            method, body = "get", {"format": data.draw(st.one_of(st.sampled_from(["yaml", "json", "csv"]), NASTY))}
        status = getattr(client, method)(url, body).status_code
        assert status < 500, (method, url, body, status)


@FUZZ
@given(data=st.data())
def test_no_odd_admin_request_gets_a_500(admin_client, admin_world, data):
    _run(admin_client, admin_world, data, rounds=6)


@pytest.mark.heavy
@HEAVY
@given(data=st.data())
def test_no_odd_admin_request_gets_a_500_heavy(admin_client, admin_world, data):
    _run(admin_client, admin_world, data, rounds=20)


def test_every_list_page_and_filter_is_fuzzed(admin_client):
    # The fuzzer finds its pages and filters itself; if it found none, it would test nothing.
    pages = {page.url: page for page in _list_pages(admin_client)}
    assert {"/admin/catalogue/requirement/", "/admin/reports/report/", "/admin/auth/user/"} <= set(pages)
    assert "track__id__exact" in pages["/admin/catalogue/requirement/"].filters
    assert pages["/admin/catalogue/track/"].history and not pages["/admin/reports/report/"].history
    assert "delete_selected" in pages["/admin/catalogue/skill/"].actions
