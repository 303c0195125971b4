from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from tests.accounts_helpers import logged_in_user_id
from tests.fixtures import PASSWORD, alice

pytestmark = pytest.mark.django_db
URL = "/accounts/login/"


def test_the_login_page_links_to_sign_up_and_password_reset(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get(f"{URL}?next=/assess/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in page and ">Log in</h1>" in page
    assert 'name="username"' in page and 'name="password"' in page
    assert 'name="next" value="/assess/"' in page
    assert 'href="/accounts/signup/?next=/assess/"' in page
    assert 'href="/accounts/password/reset/"' in page


def test_logging_in_goes_to_the_next_page(client, django_assert_max_num_queries):
    user = alice()
    with django_assert_max_num_queries(12):
        response = client.post(URL, {"username": "alice", "password": PASSWORD, "next": "/assess/"})
    assert response.status_code == 302 and response["Location"] == "/assess/"
    assert logged_in_user_id(client) == str(user.pk)


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/"])
def test_logging_in_ignores_an_off_site_next(client, next_url):
    alice()
    response = client.post(URL, {"username": "alice", "password": PASSWORD, "next": next_url})
    assert response["Location"] == "/reports/"


def test_a_wrong_password_is_refused_inline(client, django_assert_max_num_queries):
    alice()
    # The user, then django-axes counting the failure in the database (shared by every server).
    with django_assert_max_num_queries(10):
        response = client.post(URL, {"username": "alice", "password": "not-it"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Please enter a correct username and password." in page
    assert 'value="alice"' in page
    assert logged_in_user_id(client) is None


def test_an_unknown_user_gets_the_same_message(client):
    response = client.post(URL, {"username": "nobody", "password": PASSWORD})
    assert response.status_code == 422
    assert "Please enter a correct username and password." in response.content.decode()


def test_a_logged_in_visitor_is_sent_on_from_the_login_page(client):
    client.force_login(alice())
    assert client.get(URL)["Location"] == "/reports/"


def test_logging_out_is_a_post_that_ends_the_session(client, django_assert_max_num_queries):
    client.force_login(alice())
    with django_assert_max_num_queries(5):
        response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert logged_in_user_id(client) is None
    assert "You are logged out." in client.get("/").content.decode()


def test_a_get_on_log_out_asks_to_confirm_and_logs_nobody_out(client, django_assert_max_num_queries):
    client.force_login(alice())
    with django_assert_max_num_queries(3):
        response = client.get("/accounts/logout/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Log out?" in page and "You are logged in as <strong>alice</strong>" in page
    assert 'action="/accounts/logout/"' in page
    assert logged_in_user_id(client) is not None


def test_the_log_out_page_tells_an_anonymous_visitor_there_is_nothing_to_do(client):
    response = client.get("/accounts/logout/")
    assert response.status_code == 200
    assert "You are not logged in" in response.content.decode()


def test_the_navbar_offers_log_in_and_sign_up_to_an_anonymous_visitor(client):
    page = client.get("/accounts/logout/").content.decode()
    assert ">Log in</a>" in page and ">Sign up</a>" in page
    assert "Log out</button>" not in page


def test_the_navbar_brings_you_back_to_the_page_you_were_on(client):
    page = client.get("/no-such-page/").content.decode()
    assert 'href="/accounts/login/?next=/no-such-page/"' in page
    assert 'href="/accounts/signup/?next=/no-such-page/"' in page


def test_the_navbar_offers_log_out_as_a_form_once_logged_in(client):
    client.force_login(alice())
    page = client.get("/accounts/password/").content.decode()
    assert '<form method="post" action="/accounts/logout/">' in page
    assert "Log out</button>" in page and ">Account</a>" in page
    assert ">Sign up</a>" not in page and ">Log in</a>" not in page


def test_the_navbar_links_to_my_reports_once_that_page_exists(client):
    client.force_login(alice())
    page = client.get("/accounts/password/").content.decode()
    try:
        reports_url = reverse("reports:list")
    except NoReverseMatch:
        assert "My reports" not in page
    else:
        assert f'href="{reports_url}">My reports</a>' in page
