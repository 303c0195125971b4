"""The 429 pages in Chromium at phone and desktop widths: a questionnaire started
once too often, and a login paused after too many wrong passwords. Each says when
to try again, fits the screen and passes axe."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_account_browser import assert_accessible
from tests.fixtures import PASSWORD, alice

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("size", "device"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_starting_once_too_often_shows_when_to_try_again(
    browser, live_server, live_catalogue, shoot, settings, size, device
):
    settings.RATE_LIMIT_START = "1/h"
    context = browser.new_context(viewport=size, locale="en-US")
    page = context.new_page()
    for _ in range(2):
        page.goto(live_server.url + "/assess/")
        with page.expect_navigation():
            page.locator("form[action='/assess/'] button").first.click()
    page.get_by_role("heading", name="Too many requests").wait_for()
    assert "nothing was done. Try again in" in page.locator("#main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"limits-start-{device}")
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize(("size", "device"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_a_paused_login_says_when_and_offers_a_new_password(
    browser, live_server, live_catalogue, shoot, settings, size, device
):
    settings.AXES_FAILURE_LIMIT = 2
    alice()
    context = browser.new_context(viewport=size, locale="en-US")
    page = context.new_page()
    for password in ("wrong-1", "wrong-2", PASSWORD):
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_label("User name or e-mail").fill("alice")
        page.get_by_label("Password").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Logging in is paused").wait_for()
    assert "Try again in 15 minutes" in page.locator("#main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"limits-login-{device}")
    assert_accessible(page)
    page.get_by_role("link", name="E-mail me a new-password link").click()
    page.get_by_role("heading", name="Reset your password").wait_for()
    context.close()
