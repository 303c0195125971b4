"""The account page in Chromium at phone and desktop widths, with JavaScript on
and off: the header's link to it, the download, and deleting the account."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import Client

from tests.browser.axe import TAGS, describe, violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.fixtures import PASSWORD, alice
from tests.reports_helpers import save_report

pytestmark = pytest.mark.browser


def assert_accessible(page) -> None:
    """axe finds nothing in the page's own content and header (the footer is every page's)."""
    violations(page)  # loads axe
    found = page.evaluate(
        "tags => axe.run({include: ['#main', 'nav']}, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)",
        TAGS,
    )
    assert found == [], describe(found)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize(("size", "device"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_a_person_downloads_their_data_then_deletes_their_account(
    browser, live_server, live_catalogue, shoot, size, device, js
):
    caches["throttle"].clear()  # the tries at the delete form, counted per account
    client = Client()
    client.force_login(alice())
    report = save_report(client)
    context = browser.new_context(viewport=size, locale="en-US", java_script_enabled=js, accept_downloads=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    name = f"account-{device}-{'js' if js else 'nojs'}"

    def fits() -> None:
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]

    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    page.get_by_role("heading", name="alice").wait_for()
    assert "1 saved report" in page.locator("#holdings").inner_text()
    fits()
    shoot(page, f"{name}-1-page")
    if js:
        assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    assert download.value.suggested_filename.startswith("career-advisor-")
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["account"]["username"] == "alice"
    assert [r["title"] for r in data["reports"]] == [report.title]

    page.get_by_role("link", name="Delete my account…").click()
    page.get_by_role("heading", name="Delete your account?").wait_for()
    assert "1 saved report, with its progress" in page.locator("#what-goes").inner_text()
    fits()
    shoot(page, f"{name}-2-confirm")
    if js:
        assert_accessible(page)

    page.get_by_label("Your password").fill("not-my-password")
    page.get_by_role("button", name="Delete my account for good").click()
    page.get_by_text("That is not your password. Nothing was deleted.").wait_for()
    fits()
    shoot(page, f"{name}-3-wrong-password")
    assert get_user_model().objects.filter(username="alice").exists()

    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account for good").click()
    page.get_by_text("Your account and everything in it were deleted.").wait_for()
    assert page.get_by_role("link", name="Log in").is_visible()
    fits()
    shoot(page, f"{name}-4-deleted")
    assert not get_user_model().objects.filter(username="alice").exists()
    page.goto(f"{live_server.url}/r/{report.token}/")
    page.get_by_text("Report not found").wait_for()
    context.close()
