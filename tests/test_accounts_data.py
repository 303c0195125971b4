"""The account page and the download of everything the account owns."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from advisor.questionnaire.models import Answer
from advisor.reports.models import Reminder, Report
from tests.fixtures import alice, bob
from tests.questionnaire_helpers import fill
from tests.reports_helpers import first_step, save_report

pytestmark = pytest.mark.django_db
PAGE, DOWNLOAD = "/accounts/", "/accounts/download/"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def download(client) -> dict:
    response = client.get(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="career-advisor-')
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return json.loads(response.content)


def test_the_header_links_to_the_account_page_when_logged_in(client):
    client.force_login(alice())
    assert re.search(r'<a class="nav-link px-1" href="/accounts/"[^>]*>Account</a>', client.get("/").content.decode())


@pytest.mark.parametrize("url", [PAGE, DOWNLOAD, "/accounts/delete/"])
def test_without_an_account_the_pages_send_you_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_the_account_page_says_what_the_account_holds_and_offers_the_download_and_delete(
    client, django_assert_max_num_queries
):
    user = alice()
    client.force_login(user)
    save_report(client)
    fill(client, finish=False)
    with django_assert_max_num_queries(5):
        response = client.get(PAGE)
    page = response.content.decode()
    assert response.status_code == 200
    assert "alice@example.com" in page
    assert "1 saved report<" in page and "1 finished questionnaire<" in page
    assert "1 questionnaire not finished yet" in page
    assert 'href="/accounts/download/" download' in page
    assert 'href="/accounts/delete/"' in page
    assert 'href="/accounts/password/"' in page
    assert "no-store" in response["Cache-Control"]


def test_the_account_page_counts_only_the_accounts_own(client):
    save_report(Client())  # anonymous, in another browser
    other = Client()
    other.force_login(bob())
    save_report(other)
    client.force_login(alice())
    page = client.get(PAGE).content.decode()
    assert "0 saved reports" in page and "0 finished questionnaires" in page


def test_the_download_holds_the_account_its_questionnaires_with_answers_and_its_reports(client):
    user = alice()
    client.force_login(user)
    report = save_report(client)
    step = first_step(report, track=report.snapshot["tracks"][0]["slug"])
    assert client.post(f"/r/{report.token}/steps/{step}/", {"state": "done", "was": "pending"}).status_code in (
        200,
        302,
    )
    report.set_sharing(Report.Sharing.CREATE)
    reminder, _created = Reminder.start(report, "zh-hans", "https://advisor.example")
    unfinished = fill(client, finish=False)

    data = download(client)

    assert data["format"] == 1
    assert data["account"]["username"] == "alice" and data["account"]["email"] == "alice@example.com"
    assert "password" not in json.dumps(data["account"])
    finished = report.assessment
    assert [a["id"] for a in data["assessments"]] == [str(finished.pk), str(unfinished.pk)]
    first = data["assessments"][0]
    assert first["finished_at"] and first["results"] == finished.results
    levels = {a["question"]: a["level"] for a in first["answers"]}
    assert levels == dict(Answer.objects.filter(assessment=finished).values_list("question__slug", "level"))
    assert {c["question"]: c["choice"] for c in first["about_you"]}["current_role"] == "seo-sem-operation"
    assert data["assessments"][1]["finished_at"] is None and data["assessments"][1]["answers"]

    [saved] = data["reports"]
    report.refresh_from_db()
    assert saved["title"] == report.title and saved["snapshot"] == report.snapshot
    assert saved["link"] == f"http://testserver/r/{report.token}/"
    assert saved["from_assessment"] == str(finished.pk)
    assert saved["sharing"] == {"on": True, "link": f"http://testserver/s/{report.share_token}/"}
    assert [(p["step"], p["state"]) for p in saved["progress"]] == [(step, "done")]
    assert saved["weekly_email"]["language"] == "zh-hans"
    # The unsubscribe key is the site's, not the person's data: it stays out.
    assert reminder.key not in json.dumps(data)


def test_the_download_holds_nothing_of_anyone_else(client):
    other = Client()
    other.force_login(bob())
    bobs = save_report(other)
    bobs.set_sharing(Report.Sharing.CREATE)
    anonymous = save_report(Client())
    client.force_login(alice())
    text = json.dumps(download(client))
    for token in (bobs.token, bobs.share_token, anonymous.token, str(bobs.assessment_id)):
        assert token not in text
    assert json.loads(text)["reports"] == [] and json.loads(text)["assessments"] == []


def test_the_download_makes_the_same_few_queries_however_much_the_account_holds(client, django_assert_max_num_queries):
    client.force_login(alice())
    save_report(client)
    with django_assert_max_num_queries(7):
        one = download(client)
    for _ in range(3):
        save_report(client)
        fill(client, finish=False)
    with django_assert_max_num_queries(7):
        more = download(client)
    assert (len(one["reports"]), len(more["reports"])) == (1, 4)
    assert len(more["assessments"]) == 7


def test_the_download_answers_only_get(client):
    client.force_login(alice())
    assert client.post(DOWNLOAD).status_code == 405
