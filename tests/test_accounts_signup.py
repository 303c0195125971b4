from __future__ import annotations

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.test import Client

from tests.accounts_helpers import logged_in_user_id, signup_data
from tests.fixtures import PASSWORD, alice

pytestmark = pytest.mark.django_db
URL = "/accounts/signup/"


def test_the_sign_up_page_asks_for_a_username_an_optional_email_and_the_password_twice(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Create your account" in page
    for name in ("username", "email", "password1", "password2"):
        assert f'name="{name}"' in page
    assert "cannot send you a link to reset a forgotten password" in page
    assert 'href="/accounts/login/"' in page  # the way to log in instead


def test_signing_up_creates_the_account_logs_you_in_and_opens_my_reports(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(15):
        response = client.post(URL, signup_data())
    assert response.status_code == 302 and response["Location"] == "/reports/"
    user = get_user_model().objects.get(username="carol")
    assert user.email == "carol@example.com" and user.check_password(PASSWORD)
    assert logged_in_user_id(client) == str(user.pk)
    assert "Welcome, carol" in client.get("/").content.decode()


def test_signing_up_returns_to_a_safe_next_page(client):
    response = client.post(f"{URL}?next=/assess/", signup_data())
    assert response["Location"] == "/assess/"
    client.logout()
    response = client.post(URL, signup_data(username="dave", next="/reports/?sort=new"))
    assert response["Location"] == "/reports/?sort=new"


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_signing_up_refuses_an_off_site_next_and_opens_my_reports(client, next_url):
    response = client.post(URL, signup_data(next=next_url))
    assert response.status_code == 302 and response["Location"] == "/reports/"
    assert logged_in_user_id(client) is not None


def test_the_sign_up_form_keeps_a_safe_next_and_drops_an_off_site_one(client):
    assert 'name="next" value="/assess/"' in client.get(f"{URL}?next=/assess/").content.decode()
    assert 'name="next" value="https' not in client.get(f"{URL}?next=https://evil.example/").content.decode()


def test_signing_up_sends_user_logged_in_so_reports_saved_before_can_be_claimed(client):
    arrived = []

    def receiver(sender, request, user, **kwargs):
        arrived.append((user.username, request.session.get("assessments")))

    user_logged_in.connect(receiver)
    try:
        session = client.session
        session["assessments"] = [str(uuid.uuid4())]
        session.save()
        remembered = session["assessments"]
        client.post(URL, signup_data())
    finally:
        user_logged_in.disconnect(receiver)
    assert arrived == [("carol", remembered)]
    assert client.session["assessments"] == remembered  # login() cycles the key, not the data


def test_the_email_address_is_optional(client):
    client.post(URL, signup_data(email=""))
    assert get_user_model().objects.get(username="carol").email == ""


def test_an_invalid_email_address_is_refused_inline(client):
    response = client.post(URL, signup_data(email="carol-at-example"))
    assert response.status_code == 422
    assert "Enter a valid email address." in response.content.decode()


def test_a_taken_username_is_refused_inline_whatever_its_case(client, django_assert_max_num_queries):
    alice()
    with django_assert_max_num_queries(5):
        response = client.post(URL, signup_data(username="Alice"))
    page = response.content.decode()
    assert response.status_code == 422
    assert "A user with that username already exists." in page
    assert 'value="carol@example.com"' in page  # what was typed is kept
    assert get_user_model().objects.count() == 1
    assert logged_in_user_id(client) is None


def test_an_address_already_in_use_is_taken_as_any_other_so_sign_up_reveals_nothing(client, mailoutbox):
    """Saying "already registered" would tell a stranger that a colleague has an account."""
    alice()
    answers = []
    for name, address in (("carol", "carol@example.com"), ("dai", "Alice@Example.com")):
        response = Client().post(URL, signup_data(username=name, email=address))
        answers.append((response.status_code, response["Location"]))
    assert answers == [(302, "/reports/"), (302, "/reports/")]
    assert get_user_model().objects.filter(email__iexact="alice@example.com").count() == 2
    assert mailoutbox == []


def test_mismatched_passwords_are_refused_inline(client):
    response = client.post(URL, signup_data(password2=PASSWORD + "x"))
    assert response.status_code == 422
    assert "The two password fields didn" in response.content.decode()
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("password", "This password is too common."),
        ("83920174", "This password is entirely numeric."),
        ("x7!", "too short"),
    ],
)
def test_a_weak_password_is_refused_inline(client, password, message):
    response = client.post(URL, signup_data(password1=password, password2=password))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not get_user_model().objects.exists()


def test_an_empty_form_is_refused_inline(client):
    response = client.post(URL, {})
    assert response.status_code == 422
    assert "This field is required." in response.content.decode()


def test_a_logged_in_visitor_is_sent_on_from_the_sign_up_page(client):
    client.force_login(alice())
    assert client.get(f"{URL}?next=/assess/")["Location"] == "/assess/"


def test_sign_up_answers_only_get_and_post(client):
    assert client.put(URL).status_code == 405


@pytest.mark.parametrize(
    "url", ["/accounts/signup/", "/accounts/login/", "/accounts/logout/", "/accounts/password/reset/"]
)
def test_every_account_form_refuses_a_post_without_a_csrf_token(url):
    response = Client(enforce_csrf_checks=True).post(url, signup_data() | {"email": "carol@example.com"})
    assert response.status_code == 403
    assert not get_user_model().objects.exists()
