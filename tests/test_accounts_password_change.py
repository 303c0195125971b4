from __future__ import annotations

import pytest

from tests.accounts_helpers import logged_in_user_id
from tests.fixtures import NEW_PASSWORD, PASSWORD, alice, bob

pytestmark = pytest.mark.django_db
URL = "/accounts/password/"


def change(old: str = PASSWORD, new: str = NEW_PASSWORD, again: str | None = None) -> dict[str, str]:
    return {"old_password": old, "new_password1": new, "new_password2": new if again is None else again}


def test_changing_a_password_needs_you_to_log_in_first(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/accounts/password/"


def test_the_page_says_who_you_are_and_where_reset_links_go(client, django_assert_max_num_queries):
    client.force_login(alice())
    with django_assert_max_num_queries(3):
        response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Change your password" in page and "<strong>alice</strong>" in page
    assert "Password reset links go to alice@example.com." in page
    assert 'name="old_password"' in page and 'name="new_password2"' in page


def test_the_page_warns_an_account_without_email_that_it_cannot_be_reset(client):
    client.force_login(bob())
    assert "cannot be reset" in client.get(URL).content.decode()


def test_a_new_password_works_and_keeps_you_logged_in(client, django_assert_max_num_queries):
    user = alice()
    client.force_login(user)
    with django_assert_max_num_queries(14):
        response = client.post(URL, change())
    assert response.status_code == 302 and response["Location"] == "/accounts/password/changed/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert logged_in_user_id(client) == str(user.pk)
    with django_assert_max_num_queries(3):
        page = client.get(response["Location"]).content.decode()
    assert "Password changed" in page


def test_a_wrong_current_password_is_refused_inline(client):
    user = alice()
    client.force_login(user)
    response = client.post(URL, change(old="not-it"))
    assert response.status_code == 422
    assert "Your old password was entered incorrectly." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_mismatched_or_weak_new_passwords_are_refused_inline(client):
    client.force_login(alice())
    response = client.post(URL, change(again=NEW_PASSWORD + "x"))
    assert response.status_code == 422 and "The two password fields didn" in response.content.decode()
    response = client.post(URL, change(new="password"))
    assert response.status_code == 422 and "This password is too common." in response.content.decode()


def test_the_admin_keeps_its_own_password_change_page(client):
    client.force_login(alice(is_staff=True))
    page = client.get("/admin/password_change/").content.decode()
    assert "Change your password" not in page
    assert "Password change" in page and 'name="old_password"' in page
