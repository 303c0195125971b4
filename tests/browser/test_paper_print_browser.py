"""Issue 21: the print view and the one-page summary told phone users to press Ctrl+P. With
JavaScript they show a Print button instead (advisor.js, under the site's CSP); without it,
the sentence is still there."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE
from tests.browser.test_share_browser import saved_report

pytestmark = pytest.mark.browser
PAGES = {"print": "/r/{token}/print/", "summary": "/r/{token}/summary/"}


@pytest.mark.parametrize("name", PAGES)
def test_the_paper_pages_offer_a_print_button_on_a_phone(browser, live_server, live_catalogue, name):
    report = saved_report(share=False)
    # The real Content-Security-Policy: the script must load from our own origin.
    context = browser.new_context(viewport=PHONE, locale="en-US", bypass_csp=False)
    page = context.new_page()
    page.goto(live_server.url + PAGES[name].format(token=report.token))
    button = page.get_by_role("button", name="Print or save as PDF")
    button.wait_for()
    assert button.bounding_box()["height"] >= 44
    assert not page.get_by_text("Ctrl+P").is_visible()
    # Pressed, it opens the browser's print dialog (stood in for here: a test cannot close it).
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    button.click()
    assert page.evaluate("window.printed") == 1
    context.close()


@pytest.mark.parametrize("name", PAGES)
def test_without_javascript_the_paper_pages_say_how_to_print(browser, live_server, live_catalogue, name):
    report = saved_report(share=False)
    context = browser.new_context(viewport=PHONE, locale="en-US", java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + PAGES[name].format(token=report.token))
    assert page.get_by_text("Ctrl+P").is_visible()
    assert not page.get_by_role("button", name="Print or save as PDF").is_visible()
    context.close()
