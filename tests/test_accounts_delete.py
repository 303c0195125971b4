"""Deleting an account deletes everything it owns, from the account page after
confirming with the password, or from the admin; the insights counts follow."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client

from advisor.questionnaire.models import Answer, Assessment, ContextAnswer
from advisor.reports.models import Reminder, Report, StepProgress, WeeklyCount
from tests.accounts_helpers import logged_in_user_id
from tests.fixtures import PASSWORD, admin_url, alice, bob
from tests.questionnaire_helpers import fill
from tests.reports_helpers import first_step, save_report

pytestmark = pytest.mark.django_db
URL = "/accounts/delete/"


@pytest.fixture(autouse=True)
def fresh_throttle():
    """Account keys repeat from test to test: each starts with no tries counted."""
    caches["throttle"].clear()


def counts() -> set[tuple]:
    """The insights counts that are not zero, readiness rounded (sums of floats)."""
    rows = WeeklyCount.objects.values_list("kind", "week", "track", "skill", "role", "reports", "readiness")
    return {(*row[:6], round(row[6], 6)) for row in rows if row[5] or round(row[6], 6)}


def everything_of(user) -> dict[str, int]:
    return {
        "assessments": Assessment.objects.filter(user=user).count(),
        "answers": Answer.objects.filter(assessment__user=user).count(),
        "about you": ContextAnswer.objects.filter(assessment__user=user).count(),
        "reports": Report.objects.filter(user=user).count(),
        "progress": StepProgress.objects.filter(report__user=user).count(),
        "reminders": Reminder.objects.filter(report__user=user).count(),
    }


def fill_account(client, user) -> list[Report]:
    """Two reports (one a retake, with progress and a weekly e-mail) and an unfinished questionnaire."""
    client.force_login(user)
    first = save_report(client)
    step = first_step(first, track=first.snapshot["tracks"][0]["slug"])
    client.post(f"/r/{first.token}/steps/{step}/", {"state": "done", "was": "pending"})
    Reminder.start(first, "en", "http://testserver")
    second = save_report(client)
    # A report saved before snapshots held the current role: its role comes from the answers.
    Report.objects.filter(pk=second.pk).update(
        snapshot={k: v for k, v in second.snapshot.items() if k != "current_role"}
    )
    fill(client, finish=False)
    return [first, second]


def test_the_page_says_what_goes_and_asks_for_the_password(client, django_assert_max_num_queries):
    fill_account(client, alice())
    with django_assert_max_num_queries(5):
        response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Delete your account?" in page
    assert "2 saved reports, with their progress" in page and "3 questionnaires and their answers" in page
    assert "This cannot be undone." in page and 'href="/accounts/download/"' in page
    assert 'type="password" name="password"' in page
    assert 'href="/accounts/">Keep my account</a>' in page


def test_deleting_takes_the_account_and_everything_it_owns_and_logs_you_out(client, django_assert_max_num_queries):
    before = counts()
    user = alice()
    fill_account(client, user)
    assert all(everything_of(user).values()), everything_of(user)
    assert counts() != before
    # A statement per table that refers to accounts (the catalogue's history ones among them),
    # however many rows the account holds.
    with django_assert_max_num_queries(50):
        response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_user_id(client) is None
    assert not get_user_model().objects.filter(username="alice").exists()
    assert not any(everything_of(user).values())
    assert not Assessment.objects.exists() and not Answer.objects.exists()
    assert counts() == before  # as if the reports had never been saved
    page = client.get("/").content.decode()
    assert "Your account and everything in it were deleted." in page and "Log in" in page


def test_deleting_leaves_other_people_and_anonymous_reports_alone(client):
    other = Client()
    bobs = fill_account(other, bob())
    anonymous = save_report(Client())
    user = alice()
    fill_account(client, user)
    assert client.post(URL, {"password": PASSWORD}).status_code == 302
    assert everything_of(get_user_model().objects.get(username="bob"))["reports"] == 2
    assert Report.objects.filter(pk__in=[r.pk for r in bobs]).count() == 2
    assert Report.objects.filter(pk=anonymous.pk, user=None).exists()
    assert Assessment.objects.filter(pk=anonymous.assessment_id).exists()
    assert other.get(f"/r/{bobs[0].token}/").status_code == 200


def test_a_wrong_password_deletes_nothing(client):
    user = alice()
    fill_account(client, user)
    held = everything_of(user)
    response = client.post(URL, {"password": PASSWORD + "x"})
    assert response.status_code == 422
    assert "That is not your password. Nothing was deleted." in response.content.decode()
    assert everything_of(user) == held and logged_in_user_id(client) == str(user.pk)
    assert client.post(URL, {}).status_code == 422
    assert everything_of(user) == held


def test_a_second_submit_finds_you_logged_out_and_deletes_nothing_else(client):
    fill_account(client, alice())
    other = Client()
    fill_account(other, bob())
    assert client.post(URL, {"password": PASSWORD}).status_code == 302
    again = client.post(URL, {"password": PASSWORD})
    assert again.status_code == 302 and again["Location"] == f"/accounts/login/?next={URL}"
    assert get_user_model().objects.filter(username="bob").exists()
    assert Report.objects.filter(user__username="bob").count() == 2


def test_an_account_without_a_password_confirms_with_its_user_name(client):
    user = get_user_model().objects.create_user("dora")  # made in the admin, no usable password
    client.force_login(user)
    save_report(client)
    page = client.get(URL).content.decode()
    assert 'name="username"' in page and 'name="password"' not in page
    response = client.post(URL, {"username": "Dora"})
    assert response.status_code == 422 and "That is not your user name." in response.content.decode()
    assert client.post(URL, {"username": "dora"}).status_code == 302
    assert not Report.objects.exists() and not get_user_model().objects.filter(username="dora").exists()


def test_deleting_needs_the_csrf_token():
    user = alice()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(URL, {"password": PASSWORD}).status_code == 403
    assert get_user_model().objects.filter(pk=user.pk).exists()


def test_deleting_a_user_in_the_admin_deletes_the_same_and_keeps_the_counts_right(client, admin_client):
    before = counts()
    user = alice()
    fill_account(client, user)
    url = admin_url(get_user_model(), "delete", user.pk)
    page = admin_client.get(url).content.decode()
    assert "Assessments:" in page and "Reports:" in page  # Django lists what goes with it
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not get_user_model().objects.filter(pk=user.pk).exists()
    assert not any(everything_of(user).values())
    assert not Assessment.objects.exists()
    assert counts() == before


def test_after_five_tries_the_form_waits_and_deletes_nothing_even_with_the_right_password(client):
    user = alice()
    fill_account(client, user)
    held = everything_of(user)
    for _ in range(5):
        assert client.post(URL, {"password": "wrong"}).status_code == 422
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 429 and 0 < int(response["Retry-After"]) <= 15 * 60
    assert "Too many tries; nothing was deleted. Try again in" in response.content.decode()
    assert everything_of(user) == held and logged_in_user_id(client) == str(user.pk)
    # Another account's tries are its own.
    other = Client()
    other.force_login(bob())
    assert other.post(URL, {"password": PASSWORD}).status_code == 302
