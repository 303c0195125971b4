"""htmx keeps working under the Content-Security-Policy, and nothing on the way is
refused: every screen swap, a track switch, the roadmap tab, saving, marking a step
and copying a link, with the browser reporting each violation it sees."""

from __future__ import annotations

import re
import time

import pytest

from advisor.catalogue.models import Question
from tests.browser.conftest import PHONE
from tests.browser.flows import answer_section

pytestmark = pytest.mark.browser
# Init scripts run through the DevTools protocol, so the policy does not block this listener.
LISTEN = (
    "window.__violations = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"
)


def until(page, script: str, arg=None, timeout: float = 15) -> None:
    """Poll with page.evaluate: Playwright's wait_for_function evaluates its predicate as a
    string inside the page, which this very policy refuses (no 'unsafe-eval')."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"timed out waiting for {script}"
        page.wait_for_timeout(100)


def fill_by_swaps(page, skill_of) -> None:
    for _ in range(12):
        if page.get_by_role("heading", name="Review your answers").count():
            return
        answer_section(page, skill_of)
        heading = page.locator("h1").inner_text()
        page.locator('button[name="nav"][value="next"]').click()
        until(page, "h => document.querySelector('h1').innerText !== h", heading)
    raise AssertionError("the questionnaire never reached the review screen")


def test_the_whole_journey_runs_under_the_policy_with_nothing_refused(browser, live_server, live_catalogue):
    skill_of = dict(Question.objects.values_list("slug", "skill__slug"))
    context = browser.new_context(viewport=PHONE, locale="en-US", bypass_csp=False)  # the real policy
    context.add_init_script(LISTEN)
    page = context.new_page()
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    response = page.goto(live_server.url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.get_by_role("button", name="Start the questionnaire").click()
    page.wait_for_url("**/about/")
    loads = page.evaluate("performance.getEntriesByType('navigation').length")
    fill_by_swaps(page, skill_of)  # every screen arrives as an htmx swap
    assert page.evaluate("performance.getEntriesByType('navigation').length") == loads  # no full page load
    violations = page.evaluate("window.__violations")
    page.get_by_role("button", name="Finish and see my results").click()
    page.wait_for_url("**/results/")
    page.locator(".track-row", has_text="Product operation").click()
    page.wait_for_selector(".track-row.active:has-text('Product operation')")
    page.get_by_role("link", name="Roadmap").click()
    page.get_by_text("Your road, step by step").wait_for()
    violations += page.evaluate("window.__violations")
    page.get_by_role("button", name="Save this report").click()
    page.wait_for_url(re.compile(r".*/r/[\w-]+/$"))
    page.locator(".step-item").first.get_by_role("button", name="Done").click()
    page.wait_for_selector(".step-item.state-done")
    page.get_by_role("button", name="Copy").first.click()
    until(page, "() => document.getElementById('announcer').textContent.length > 0")
    violations += page.evaluate("window.__violations")
    assert violations == [] and seen == [], (violations, seen)
    context.close()


def test_the_admin_pages_we_customise_refuse_nothing_under_the_policy(browser, live_server, live_catalogue):
    from django.contrib.auth import get_user_model

    from tests.browser.test_admin_browser import PASSWORD, logged_in, pages

    get_user_model().objects.create_superuser("ada", "ada@example.com", PASSWORD)
    context, page = logged_in(browser, live_server, PHONE, "en-US", bypass_csp=False)  # the real policy
    context.add_init_script(LISTEN)  # from the next page on, which is every admin page below
    refused = {}
    for name, path in pages().items():
        page.goto(live_server.url + path)
        page.locator("#content").wait_for()
        assert page.evaluate("Array.isArray(window.__violations)"), "the listener must be on every page"
        if found := page.evaluate("window.__violations"):
            refused[name] = found
    assert refused == {}
    context.close()
