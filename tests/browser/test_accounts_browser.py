from __future__ import annotations

import pytest

from tests.accounts_helpers import PASSWORD
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("size", "name"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_signing_up_logging_out_and_in_again_fits_the_screen(browser, live_server, transactional_db, shoot, size, name):
    context = browser.new_context(viewport=size, locale="en-US")
    page = context.new_page()

    def fits() -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Sign up").click()
    assert page.get_by_role("heading", name="Create your account").is_visible()
    fits()
    shoot(page, f"accounts-signup-{name}")

    page.locator('[name="username"]').fill(f"dana-{name}")
    page.locator('[name="email"]').fill(f"dana-{name}@example.com")
    page.locator('[name="password1"]').fill("password")
    page.locator('[name="password2"]').fill("password")
    page.get_by_role("button", name="Create my account").click()
    page.get_by_text("This password is too common.").wait_for()
    fits()
    shoot(page, f"accounts-signup-errors-{name}")

    page.locator('[name="password1"]').fill(PASSWORD)
    page.locator('[name="password2"]').fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.get_by_text(f"Welcome, dana-{name}").wait_for()  # on My reports, where sign-up leads
    fits()
    shoot(page, f"accounts-navbar-logged-in-{name}")

    page.get_by_role("button", name="Log out").click()
    page.get_by_text("You are logged out.").wait_for()
    page.get_by_role("link", name="Log in").click()
    assert page.get_by_role("heading", name="Log in").is_visible()
    fits()
    shoot(page, f"accounts-login-{name}")
    page.locator('[name="username"]').fill(f"dana-{name}")
    page.locator('[name="password"]').fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("button", name="Log out").wait_for()
    assert page.url.endswith("/reports/")  # logging in opens My reports
    context.close()
