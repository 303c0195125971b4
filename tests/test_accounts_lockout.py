"""Login lockout (django-axes): the Nth wrong password for an account pauses
logging in to it for the cool-off, on every server (the count is in the
database), with a 429 that says when to retry; an admin can lift it."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from tests.accounts_helpers import link_in, logged_in_user_id
from tests.fixtures import NEW_PASSWORD, PASSWORD, alice, bob
from tests.test_settings_env import _check

pytestmark = pytest.mark.django_db
URL = "/accounts/login/"


def log_in(client, username: str, password: str = "wrong-guess"):
    return client.post(URL, {"username": username, "password": password})


def assert_locked(response) -> str:
    page = response.content.decode()
    assert response.status_code == 429
    assert response["Retry-After"] == "900"  # the default cool-off, 15 minutes
    assert "Logging in is paused" in page and "Try again in 15 minutes" in page
    return page


def test_the_fifth_wrong_password_pauses_logging_in_with_a_429_that_says_when(client):
    alice()
    for _ in range(4):
        response = log_in(client, "alice")
        assert response.status_code == 422
        assert "Please enter a correct username and password." in response.content.decode()
    page = assert_locked(log_in(client, "alice"))
    assert "too many wrong passwords" in page and "<h1" in page


def test_while_paused_even_the_right_password_does_not_log_in(client):
    alice()
    for _ in range(5):
        log_in(client, "alice")
    assert_locked(log_in(client, "alice", PASSWORD))
    assert logged_in_user_id(client) is None


def test_the_pause_holds_for_every_client_and_server_but_not_for_other_accounts(client):
    alice(), bob()
    for n in range(5):
        log_in(Client(REMOTE_ADDR=f"10.0.3.{n}"), "alice")
    assert AccessAttempt.objects.filter(username="alice").exists()  # counted in the shared database
    assert_locked(log_in(Client(REMOTE_ADDR="10.0.3.99"), "alice", PASSWORD))
    assert log_in(client, "bob", PASSWORD).status_code == 302


def test_tries_by_e_mail_address_and_by_user_name_count_for_the_same_account(client):
    alice()
    for _ in range(2):
        log_in(client, "alice")
    for address in ("alice@example.com", "Alice@Example.com", " ALICE@example.com"):
        log_in(client, address)
    assert_locked(log_in(client, "alice", PASSWORD))


def test_an_unknown_name_is_paused_the_same_way_so_the_pause_reveals_no_account(client):
    alice()
    answers = {}
    for name in ("alice", "nobody-here"):
        codes = [log_in(client, name).status_code for _ in range(5)]
        answers[name] = (codes, "Logging in is paused" in assert_locked(log_in(client, name)))
    assert answers["alice"] == answers["nobody-here"] == ([422] * 4 + [429], True)


def test_an_admin_lifts_the_pause_with_axes_reset_username(client):
    alice()
    for _ in range(5):
        log_in(client, "alice")
    call_command("axes_reset_username", "alice", stdout=io.StringIO())
    assert log_in(client, "alice", PASSWORD).status_code == 302
    assert logged_in_user_id(client) is not None


def test_choosing_a_new_password_through_the_mailed_link_ends_the_pause(client, mailoutbox):
    alice()
    for _ in range(5):
        log_in(client, "alice@example.com")
    page = assert_locked(log_in(client, "alice", PASSWORD))
    assert 'href="/accounts/password/reset/"' in page and "E-mail me a new-password link" in page
    client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    link = client.get(link_in(mailoutbox[0].body), follow=True).redirect_chain[-1][0]
    done = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert log_in(client, "alice", NEW_PASSWORD).status_code == 302


def test_the_pause_ends_after_the_cool_off(client):
    alice()
    for _ in range(5):
        log_in(client, "alice")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "alice", PASSWORD).status_code == 302


def test_a_try_during_the_pause_starts_it_again(client):
    alice()
    for _ in range(5):
        log_in(client, "alice")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=10))
    assert_locked(log_in(client, "alice", PASSWORD))
    # The pause now runs its full 15 minutes from that try, not 5 more.
    (attempt,) = AccessAttempt.objects.filter(username="alice")
    assert timezone.now() - attempt.attempt_time < timedelta(minutes=1)


def test_a_successful_log_in_starts_the_count_again(client):
    alice()
    for _ in range(4):
        log_in(client, "alice")
    assert log_in(client, "alice", PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert log_in(client, "alice").status_code == 422


def test_the_admin_log_in_is_paused_too(client):
    alice()
    for _ in range(5):
        log_in(client, "alice")
    response = client.post("/admin/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 429 and "Logging in is paused" in response.content.decode()


def test_the_limit_and_the_pause_come_from_the_environment(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    alice()
    assert log_in(client, "alice").status_code == 422
    response = log_in(client, "alice")
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert "Try again in 1 minute (" in response.content.decode()
    assert (
        _check(DJANGO_DEBUG="true", DJANGO_LOGIN_FAILURE_LIMIT="3", DJANGO_LOGIN_LOCKOUT_MINUTES="30").returncode == 0
    )
    for name, value in (("DJANGO_LOGIN_FAILURE_LIMIT", "five"), ("DJANGO_LOGIN_LOCKOUT_MINUTES", "0")):
        result = _check(DJANGO_DEBUG="true", **{name: value})
        assert result.returncode != 0 and name in result.stderr


def test_an_admin_finds_the_lockout_in_words_and_deletes_it_to_unlock(client, admin_user):
    alice()
    for _ in range(5):
        log_in(client, "alice")
    staff = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    staff.force_login(admin_user)
    index = staff.get("/admin/").content.decode()
    assert "登录锁定" in index and "登录尝试" in index
    # The logs axes would keep are never written here, so they have no empty pages.
    assert "/admin/axes/accesslog/" not in index and "/admin/axes/accessfailurelog/" not in index
    listing = staff.get("/admin/axes/accessattempt/").content.decode()
    assert "选择 登录尝试 来修改" in listing and "alice" in listing and "失败次数" in listing
    assert "状态" in listing and "已锁定" in listing
    (attempt,) = AccessAttempt.objects.filter(username="alice")
    staff.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert log_in(client, "alice", PASSWORD).status_code == 302
