from __future__ import annotations

import pytest

from advisor.reports.models import Report
from tests.reports_helpers import first_step, save_report

pytestmark = pytest.mark.usefixtures("seeded")


def test_my_reports_needs_an_account(client):
    response = client.get("/reports/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_my_reports_lists_date_top_track_and_progress(client, django_user_model, django_assert_max_num_queries):
    user = django_user_model.objects.create_user("alice", password="pw-for-alice-1")
    client.force_login(user)
    report = save_report(client)
    top = report.snapshot["tracks"][0]
    client.post(f"/r/{report.token}/steps/{top['steps'][0]}/", {"state": "done", "was": "pending"})
    with django_assert_max_num_queries(6):
        page = client.get("/reports/").content.decode()
    assert report.title in page
    assert f"Top track: {top['name']['en']}" in page
    assert f"{round(100 / len(top['steps']))}% of its steps done" in page


def test_logging_in_claims_the_reports_saved_anonymously_in_this_browser(client, django_user_model):
    report = save_report(client)
    first_step(report)
    user = django_user_model.objects.create_user("alice", password="pw-for-alice-1")
    assert client.login(username="alice", password="pw-for-alice-1")
    report.refresh_from_db()
    assert report.user == user
    assert report.title in client.get("/reports/").content.decode()


def test_another_browsers_anonymous_reports_are_not_claimed(client, django_user_model):
    from django.test import Client

    report = save_report(client)
    django_user_model.objects.create_user("bob", password="pw-for-bob-12")
    other = Client()
    assert other.login(username="bob", password="pw-for-bob-12")
    assert Report.objects.get(pk=report.pk).user is None
