"""The database goes away in the middle of a questionnaire, in Chromium: the person
sees the translated "briefly unavailable" page (htmx reloads to it, a plain form
lands on it), and carries on where they were once the database is back."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import connections

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser
DOWN = "The advisor is briefly unavailable"


@contextmanager
def outage():
    """Every new cursor, in every thread (the live server's too), fails as the driver does when the server is gone."""
    wrapper = type(connections["default"])
    original = wrapper.create_cursor

    def refuse(self, *args, **kwargs):
        raise self.Database.OperationalError("connection refused: the database is down (test)")

    wrapper.create_cursor = refuse
    try:
        yield
    finally:
        wrapper.create_cursor = original


@pytest.mark.parametrize(("js", "size"), [(True, PHONE), (False, DESKTOP)], ids=["js-phone", "nojs-desktop"])
def test_an_outage_mid_questionnaire_shows_the_503_page_and_heals(
    browser, live_server, live_catalogue, shoot, js, size
):
    context = browser.new_context(viewport=size, java_script_enabled=js, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start the questionnaire").click()
    page.get_by_role("heading", name="About you").wait_for()
    screen = page.url

    with outage():
        page.get_by_role("button", name="Next").click()
        page.get_by_role("heading", name=DOWN).wait_for()
        shoot(page, f"db-down-{'js' if js else 'nojs'}")
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        if js:
            # htmx was told to reload: the page is the screen's address, shown as the 503 page.
            assert page.url == screen
            again = page.get_by_role("link", name="Try again")
            assert again.get_attribute("href") == screen.removeprefix(live_server.url)
        else:
            # The form's POST landed here: no link that would GET a form's address.
            assert "Go back and send it again in a minute." in page.content()
            assert page.get_by_role("link", name="Try again").count() == 0

    if js:
        page.get_by_role("link", name="Try again").click()
    else:
        page.go_back()
        page.reload()
    page.get_by_role("heading", name="About you").wait_for()
    assert page.url == screen and DOWN not in page.content()
    context.close()
