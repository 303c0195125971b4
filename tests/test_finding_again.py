"""Finding things again (issue: a journey people finish and find again): the way
back to results just seen, reports saved without an account, a questionnaire
started on another device, a report that opens where the person was looking,
and logging in with an e-mail address."""

from __future__ import annotations

from django.test import Client

from advisor.reports.models import Report
from tests.fixtures import PASSWORD, alice
from tests.questionnaire_helpers import PROMOTER, fill, start

CONTENT = "content-operation"


def test_after_finishing_without_saving_the_home_page_links_to_the_results(client, seeded):
    assessment = fill(client)
    page = client.get("/").text
    assert f'href="/assess/{assessment.pk}/results/"' in page
    assert "Your latest results" in page
    # Another browser sees no such link.
    assert "Your latest results" not in Client().get("/").text


def test_a_report_saved_without_an_account_is_listed_for_the_browser_that_saved_it(client, seeded):
    assessment = fill(client)
    client.post(f"/reports/save/{assessment.pk}/")
    report = Report.objects.get(assessment=assessment)

    listing = client.get("/reports/")
    assert listing.status_code == 200
    assert f'href="/r/{report.token}/"' in listing.text
    assert 'href="/reports/"' in client.get("/").text  # the header and the home page lead there

    stranger = Client().get("/reports/")
    assert stranger.status_code == 200
    assert report.token not in stranger.text
    assert "No saved reports yet" in stranger.text


def test_an_unfinished_questionnaire_resumes_on_another_device_of_the_account(client, seeded):
    user = alice()
    client.force_login(user)
    assessment = start(client)
    client.post(f"/assess/{assessment.pk}/about/", {"c-current_role": "seo-sem-operation", "nav": "next"})

    phone = Client()
    phone.force_login(user)
    listing = phone.get("/reports/").text
    assert f'href="/assess/{assessment.pk}/resume/"' in listing
    resumed = phone.get(f"/assess/{assessment.pk}/resume/")
    assert resumed.status_code == 302
    assert phone.get(resumed["Location"]).status_code == 200  # not the 404 of a stranger's questionnaire
    assert Client().get(f"/assess/{assessment.pk}/resume/").status_code == 404


def test_a_report_is_named_after_and_opens_on_the_track_in_view(client, seeded):
    assessment = fill(client, PROMOTER)
    results = client.get(f"/assess/{assessment.pk}/results/?track={CONTENT}").text
    assert f'name="track" id="save-track" value="{CONTENT}"' in results

    client.post(f"/reports/save/{assessment.pk}/", {"track": CONTENT})

    report = Report.objects.get(assessment=assessment)
    assert report.title.startswith("Content operation · ")
    page = client.get(f"/r/{report.token}/").text
    assert 'id="detail-heading"' in page
    heading = page.split('id="detail-heading"', 1)[1][:300]
    assert "Content operation" in heading


def test_an_unknown_track_saves_under_the_recommendation(client, seeded):
    assessment = fill(client, PROMOTER)
    client.post(f"/reports/save/{assessment.pk}/", {"track": "no-such-track"})
    report = Report.objects.get(assessment=assessment)
    assert report.track == ""
    assert client.get(f"/r/{report.token}/").status_code == 200


def test_logging_in_with_an_email_address_opens_my_reports(client, db):
    alice()
    response = client.post("/accounts/login/", {"username": "Alice@Example.com", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/reports/"
    assert "User name or e-mail" in Client().get("/accounts/login/").text


def test_an_address_two_accounts_share_logs_neither_in(client, django_user_model):
    alice()
    django_user_model.objects.create_user("alice2", "alice@example.com", PASSWORD)
    response = client.post("/accounts/login/", {"username": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 422
    assert "_auth_user_id" not in client.session
