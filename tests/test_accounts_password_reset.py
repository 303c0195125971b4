from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.accounts_helpers import link_in
from tests.fixtures import NEW_PASSWORD, PASSWORD, alice

pytestmark = pytest.mark.django_db
URL = "/accounts/password/reset/"


def ask_for_link(client, mailoutbox, email: str = "alice@example.com") -> str:
    response = client.post(URL, {"email": email})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert len(mailoutbox) == 1
    return link_in(mailoutbox[0].body)


def new_password(again: str = NEW_PASSWORD) -> dict[str, str]:
    return {"new_password1": NEW_PASSWORD, "new_password2": again}


def test_the_reset_page_asks_for_an_email_address(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Reset your password" in page and 'name="email"' in page
    assert 'href="/accounts/login/"' in page


def test_asking_for_a_reset_emails_a_link_that_names_the_account(client, mailoutbox, django_assert_max_num_queries):
    alice()
    with django_assert_max_num_queries(3):
        client.post(URL, {"email": "Alice@Example.com"})
    (mail,) = mailoutbox
    assert mail.to == ["alice@example.com"]
    assert mail.subject == "Reset your password for the career path advisor"
    assert "Your username, in case you have forgotten it: alice" in mail.body
    assert "/accounts/password/reset/" in mail.body


def test_the_sent_page_says_to_check_the_inbox(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/accounts/password/reset/sent/")
    assert "Check your email" in response.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, mailoutbox):
    alice()
    response = client.post(URL, {"email": "stranger@example.com"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mailoutbox == []


def test_known_unknown_and_unusable_addresses_get_the_same_page_and_only_a_real_account_gets_mail(client, mailoutbox):
    alice()
    get_user_model().objects.create_user("ann", "ann@example.com", PASSWORD, is_active=False)
    pages = {}
    for address in ("alice@example.com", "stranger@example.com", "ann@example.com"):
        response = client.post(URL, {"email": address}, follow=True)
        assert response.redirect_chain == [("/accounts/password/reset/sent/", 302)]
        page = response.content.decode()
        pages[address] = page[page.index("<main") :]
    assert pages["alice@example.com"] == pages["stranger@example.com"] == pages["ann@example.com"]
    assert "If an account uses the address you entered, we have sent it a link" in pages["stranger@example.com"]
    assert [m.to for m in mailoutbox] == [["alice@example.com"]]


def test_a_malformed_address_is_refused_inline(client, mailoutbox):
    response = client.post(URL, {"email": "not an address"})
    assert response.status_code == 422
    assert "Enter a valid email address." in response.content.decode()


def test_the_emailed_link_sets_a_new_password(client, mailoutbox, django_assert_max_num_queries):
    user = alice()
    link = ask_for_link(client, mailoutbox)
    with django_assert_max_num_queries(6):
        response = client.get(link)
    # Django swaps the token for a session value, so it cannot leak through the Referer header.
    form_url = response["Location"]
    assert response.status_code == 302 and form_url.endswith("/set-password/")
    with django_assert_max_num_queries(4):
        page = client.get(form_url).content.decode()
    assert "Choose a new password" in page and 'name="new_password1"' in page
    with django_assert_max_num_queries(8):
        response = client.post(form_url, new_password())
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/done/"
    with django_assert_max_num_queries(1):
        page = client.get(response["Location"]).content.decode()
    assert "Password set" in page and 'href="/accounts/login/"' in page
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.check_password(PASSWORD)
    response = client.post("/accounts/login/", {"username": "alice", "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_mismatched_new_passwords_are_refused_inline(client, mailoutbox):
    user = alice()
    form_url = client.get(ask_for_link(client, mailoutbox))["Location"]
    response = client.post(form_url, new_password(again="something-else-91"))
    assert response.status_code == 422
    assert "The two password fields didn" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_link_works_only_once(client, mailoutbox):
    alice()
    link = ask_for_link(client, mailoutbox)
    client.post(client.get(link)["Location"], new_password())
    response = client.get(link)
    assert response.status_code == 400
    assert "This link no longer works" in response.content.decode()


@pytest.mark.parametrize("path", ["MQ/bad-token/", "not-base64/set-password/", "zzzz/abc-def/"])
def test_a_tampered_link_is_refused_with_a_way_to_ask_again(client, path, django_assert_max_num_queries):
    alice()
    with django_assert_max_num_queries(3):
        response = client.get(URL + path)
    page = response.content.decode()
    assert response.status_code == 400
    assert "This link no longer works" in page and 'href="/accounts/password/reset/"' in page


def test_a_failing_mail_server_still_gives_the_same_page_and_is_logged(client, settings, caplog):
    alice()
    settings.EMAIL_BACKEND = "tests.accounts_helpers.RefusingMail"
    response = client.post(URL, {"email": "alice@example.com"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert any("password reset email" in r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def test_work_after_the_response_that_fails_is_logged_not_lost_silently(caplog):
    from django.http import HttpResponse

    from advisor.after_response import after_response

    def broken():
        raise RuntimeError("database gone")

    response = HttpResponse("ok")
    after_response(response, broken, what="a test job")
    response.close()
    (record,) = [r for r in caplog.records if r.name == "advisor.after_response"]
    assert record.levelname == "ERROR" and "a test job failed" in record.getMessage()
    assert record.event == "after-response-failed"
