"""`Cache-Control: private, no-store` on every report URL (the report, its forms,
exports, print, summary, calendar, shared views, My reports) and the results page:
no browser or proxy keeps a copy another person at the same computer could open."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern

from advisor.reports import reminders
from advisor.reports import urls as report_urls
from advisor.reports.models import Reminder
from tests.fixtures import alice
from tests.reports_helpers import first_step, save_report

pytestmark = pytest.mark.usefixtures("seeded")
PRIVATE = "private, no-store"


@pytest.fixture
def report(client):
    client.force_login(alice())
    saved = save_report(client)
    client.post(f"/r/{saved.token}/share/", {"action": "create"})
    client.post(f"/r/{saved.token}/reminder/", {"weekly": "on"})
    saved.refresh_from_db()
    return saved


def requests_for(report) -> dict[str, tuple[str, str, dict]]:
    """One request per URL name of the reports app: (method, path, data)."""
    r, s = report.token, report.share_token
    step = first_step(report, track=report.snapshot["tracks"][0]["slug"])
    stop = reminders.unsubscribe_token(Reminder.objects.get(report=report))
    return {
        "list": ("get", "/reports/", {}),
        "save": ("post", f"/reports/save/{report.assessment_id}/", {}),  # already saved: a 409 page
        "detail": ("get", f"/r/{r}/", {}),
        "details": ("post", f"/r/{r}/details/", {"title": "Mine", "notes": ""}),
        "step": ("post", f"/r/{r}/steps/{step}/", {"state": "done", "was": "pending"}),
        "reset": ("get", f"/r/{r}/reset/", {}),
        "delete": ("get", f"/r/{r}/delete/", {}),
        "share": ("post", f"/r/{r}/share/", {"action": "regenerate"}),
        "email": ("post", f"/r/{r}/email/", {"email": "not-an-address"}),
        "retake": ("get", f"/r/{r}/retake/", {}),  # POST only: the 405 page
        "csv": ("get", f"/r/{r}/export.csv", {}),
        "json": ("get", f"/r/{r}/export.json", {}),
        "print": ("get", f"/r/{r}/print/", {}),
        "summary": ("get", f"/r/{r}/summary/", {}),
        "calendar": ("get", f"/r/{r}/plan.ics", {}),
        "reminder": ("post", f"/r/{r}/reminder/", {"weekly": "on"}),
        "shared": ("get", f"/s/{s}/", {}),
        "shared_summary": ("get", f"/s/{s}/summary/", {}),
        "shared_calendar": ("get", f"/s/{s}/plan.ics", {}),
        "unsubscribe": ("get", f"/reminders/stop/{stop}/", {}),
    }


def test_every_report_url_is_covered_here(report):
    names = {p.name for p in report_urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == set(requests_for(report))


def test_every_report_url_is_private_and_never_stored(client, report):
    statuses = {}
    planned = requests_for(report)
    # Renewing the share link last, so the shared views are read with a link that works.
    for name in sorted(planned, key=lambda n: n == "share"):
        method, path, data = planned[name]
        response = getattr(client, method)(path, data)
        statuses[name] = response.status_code
        assert response.get("Cache-Control") == PRIVATE, (name, response.status_code)
    # Real pages and files, not only refusals.
    assert {n for n, code in statuses.items() if code == 200} >= {
        "list",
        "detail",
        "reset",
        "delete",
        "csv",
        "json",
        "print",
        "summary",
        "calendar",
        "shared",
        "shared_summary",
        "shared_calendar",
        "unsubscribe",
    }


def test_shared_views_are_private_for_a_reader_without_an_account(report):
    reader = Client()
    for path in (f"/s/{report.share_token}/", f"/s/{report.share_token}/summary/", f"/s/{report.share_token}/plan.ics"):
        response = reader.get(path)
        assert response.status_code == 200 and response["Cache-Control"] == PRIVATE, path


def test_an_htmx_partial_of_a_report_is_private_too(client, report):
    step = first_step(report, track=report.snapshot["tracks"][0]["slug"])
    response = client.post(
        f"/r/{report.token}/steps/{step}/", {"state": "done", "was": "pending"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and response["Cache-Control"] == PRIVATE


def test_the_results_page_is_private(client, report):
    response = client.get(f"/assess/{report.assessment_id}/results/")
    assert response.status_code == 200 and response["Cache-Control"] == PRIVATE


def test_public_pages_may_still_be_cached(client):
    assert "Cache-Control" not in Client().get("/")
    assert "no-store" not in Client().get("/assess/").get("Cache-Control", "")
