from __future__ import annotations

import pytest

from advisor.reports.models import Report
from tests.fixtures import PASSWORD, alice, bob
from tests.reports_helpers import first_step, results, save_report

pytestmark = pytest.mark.usefixtures("seeded")


def test_my_reports_without_an_account_lists_this_browsers_reports_and_offers_to_log_in(client):
    response = client.get("/reports/")
    assert response.status_code == 200
    assert "No saved reports yet." in response.text
    assert 'href="/accounts/login/?next=/reports/"' in response.text


def test_my_reports_lists_date_top_track_and_progress(client, django_assert_max_num_queries):
    user = alice()
    client.force_login(user)
    report = save_report(client)
    top = results(report).recommendation
    client.post(f"/r/{report.token}/steps/{top.steps[0].slug}/", {"state": "done", "was": "pending"})
    with django_assert_max_num_queries(6):
        page = client.get("/reports/").content.decode()
    assert report.title in page
    assert f"Recommended: {top.track.name.en}" in page
    assert f"{round(100 / len(top.steps))}% of its steps done" in page


def test_logging_in_claims_the_reports_saved_anonymously_in_this_browser(client):
    report = save_report(client)
    step = first_step(report, track=report.snapshot["tracks"][0]["slug"])
    client.post(f"/r/{report.token}/steps/{step}/", {"state": "done", "was": "pending"})
    user = alice()
    assert client.post("/accounts/login/", {"username": "alice", "password": PASSWORD}).status_code == 302
    report.refresh_from_db()
    assert report.user == user
    assert report.states() == {step: "done"}
    page = client.get("/reports/").content.decode()
    assert report.title in page and "of its steps done" in page


def test_another_browsers_anonymous_reports_are_not_claimed(client):
    from django.test import Client

    report = save_report(client)
    bob()
    other = Client()
    assert other.post("/accounts/login/", {"username": "bob", "password": PASSWORD}).status_code == 302
    assert Report.objects.get(pk=report.pk).user is None
