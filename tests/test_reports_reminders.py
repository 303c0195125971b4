"""The weekly e-mail on a report: who is offered it, turning it on and off, and
the unsubscribe link (a page with one button, one-click POST, tampered and stale links)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from advisor.reports import reminders
from advisor.reports.models import Reminder
from tests.fixtures import alice, bob
from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")
OPT_IN = "E-mail me my next step every week"


@pytest.fixture
def owned(client):
    """Alice, logged in, with a saved report."""
    client.force_login(alice())
    return save_report(client)


def test_an_anonymous_owner_is_told_an_account_is_needed_with_a_sign_up_link(client):
    report = save_report(client)
    page = client.get(f"/r/{report.token}/").content.decode()
    assert "The weekly e-mail needs an account" in page and OPT_IN not in page
    assert f'href="/accounts/signup/?next=/r/{report.token}/"' in page
    response = client.post(f"/r/{report.token}/reminder/", {"weekly": "on"})
    assert response.status_code == 403 and "An account is needed" in response.content.decode()
    assert not Reminder.objects.exists()


def test_the_shared_view_offers_no_weekly_email(client, owned):
    client.post(f"/r/{owned.token}/share/", {"action": "create"})
    owned.refresh_from_db()
    page = Client().get(f"/s/{owned.share_token}/").content.decode()
    assert OPT_IN not in page and "weekly e-mail" not in page
    assert "Add the plan to my calendar" in page


def test_the_owner_turns_it_on_in_their_language_and_off_again(client, owned):
    page = client.get(f"/r/{owned.token}/").content.decode()
    assert OPT_IN in page and "alice@example.com" in page
    client.cookies["django_language"] = "zh-hans"
    response = client.post(f"/r/{owned.token}/reminder/", {"weekly": "on"})
    assert response.status_code == 302 and response["Location"] == f"/r/{owned.token}/#reminders"
    reminder = Reminder.objects.get(report=owned)
    assert (reminder.language, reminder.site, reminder.last_sent_at) == ("zh-hans", "http://testserver", None)
    client.cookies["django_language"] = "en"
    page = client.get(f"/r/{owned.token}/").content.decode()
    assert "Every week, the next step of" in page and "goes to alice@example.com" in page
    assert "Stop the weekly e-mail" in page and OPT_IN not in page

    response = client.post(f"/r/{owned.token}/reminder/", {"weekly": "off"}, follow=True)
    assert "The weekly e-mail is off." in response.content.decode()
    assert not Reminder.objects.exists() and OPT_IN in response.content.decode()


def test_a_double_submit_keeps_one_reminder(client, owned):
    client.post(f"/r/{owned.token}/reminder/", {"weekly": "on"})
    response = client.post(f"/r/{owned.token}/reminder/", {"weekly": "on"}, follow=True)
    assert "The weekly e-mail was already on." in response.content.decode()
    assert Reminder.objects.filter(report=owned).count() == 1
    client.post(f"/r/{owned.token}/reminder/", {"weekly": "off"})
    response = client.post(f"/r/{owned.token}/reminder/", {"weekly": "off"}, follow=True)
    assert "The weekly e-mail was already off." in response.content.decode()


def test_an_account_without_an_address_is_told_so_and_cannot_turn_it_on(client):
    client.force_login(bob())
    report = save_report(client)
    page = client.get(f"/r/{report.token}/").content.decode()
    assert "Your account has no e-mail address" in page and OPT_IN not in page
    response = client.post(f"/r/{report.token}/reminder/", {"weekly": "on"})
    assert response.status_code == 409 and "No e-mail address" in response.content.decode()
    assert not Reminder.objects.exists()


def test_a_bad_choice_gets_a_400_and_changes_nothing(client, owned):
    response = client.post(f"/r/{owned.token}/reminder/", {"weekly": "daily"})
    assert response.status_code == 400 and "Unknown choice" in response.content.decode()
    assert not Reminder.objects.exists()


def test_another_account_gets_a_404_and_a_wrong_token_too(client, owned):
    stranger = Client()
    stranger.force_login(bob())
    assert stranger.post(f"/r/{owned.token}/reminder/", {"weekly": "on"}).status_code == 404
    assert client.post("/r/not-a-token/reminder/", {"weekly": "on"}).status_code == 404
    assert not Reminder.objects.exists()


def test_turning_it_on_needs_a_post(client, owned):
    assert client.get(f"/r/{owned.token}/reminder/").status_code == 405


def test_the_page_with_the_control_makes_a_bounded_number_of_queries(
    client, owned, warm, django_assert_max_num_queries
):
    client.post(f"/r/{owned.token}/reminder/", {"weekly": "on"})
    client.get(f"/r/{owned.token}/")  # the message
    with django_assert_max_num_queries(8):
        assert "Stop the weekly e-mail" in client.get(f"/r/{owned.token}/?track=content-operation").content.decode()


# --- unsubscribing from the e-mail ------------------------------------------------


def unsubscribe_link(client, report) -> str:
    client.post(f"/r/{report.token}/reminder/", {"weekly": "on"})
    call_command("send_reminders", verbosity=0)
    (message,) = mail.outbox
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    return link.removeprefix("http://testserver")


def test_get_on_the_link_only_asks_and_post_stops_it(client, owned):
    path = unsubscribe_link(client, owned)
    reader = Client()  # the mail program's browser: not logged in
    page = reader.get(path)
    assert page.status_code == 200
    assert "Stop the weekly e-mail?" in page.content.decode() and 'method="post"' in page.content.decode()
    assert Reminder.objects.filter(report=owned).exists()  # a scanner fetching the link changes nothing
    done = Client(enforce_csrf_checks=True).post(path)
    assert done.status_code == 200 and "The weekly e-mail is off" in done.content.decode()
    assert not Reminder.objects.exists()
    assert owned.__class__.objects.filter(pk=owned.pk).exists()  # the report is kept


def test_the_one_click_post_of_a_mail_program_stops_it(client, owned):
    path = unsubscribe_link(client, owned)
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200 and not Reminder.objects.exists()


def test_a_stale_link_gets_a_clear_404(client, owned):
    path = unsubscribe_link(client, owned)
    Client().post(path)
    for method in ("get", "post"):
        response = getattr(Client(), method)(path)
        assert response.status_code == 404 and "This e-mail is already off" in response.content.decode()
    # Turned on again, the reminder has a new key: the old link does not stop the new one.
    client.post(f"/r/{owned.token}/reminder/", {"weekly": "on"})
    assert Client().post(path).status_code == 404 and Reminder.objects.exists()


@pytest.mark.parametrize(
    "tamper", [lambda t: t[:-2] + "xx", lambda t: "x" + t, lambda t: t.split(":")[0], lambda t: "nonsense"]
)
def test_a_tampered_link_gets_a_clear_400_and_stops_nothing(client, owned, tamper):
    path = unsubscribe_link(client, owned)
    token = path.rstrip("/").rsplit("/", 1)[-1]
    bad = path.replace(token, tamper(token))
    for method in ("get", "post"):
        response = getattr(Client(), method)(bad)
        assert response.status_code == 400 and "This link is broken" in response.content.decode()
    assert Reminder.objects.filter(report=owned).exists()


def test_the_token_names_no_report_link(client, owned):
    client.post(f"/r/{owned.token}/reminder/", {"weekly": "on"})
    token = reminders.unsubscribe_token(Reminder.objects.get())
    assert owned.token not in token and reminders.from_token(token).report == owned
