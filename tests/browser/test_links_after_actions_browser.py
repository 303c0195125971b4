"""Issue 21, part 1: after every htmx action on the results and on a saved report (switch
track, open each tab, mark a step, unmark it, save the details, share), every link on the page
answers a GET with a whole page, and every form posts to an address that takes its method.
A progress mark once left the report's links on its POST-only address (/r/<token>/steps/…/),
so the next tap put a 405 page, footer and all, inside the report. JavaScript on and off."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.questionnaire_helpers import fill

pytestmark = pytest.mark.browser
TABS = ("Roadmap", "Compare", "Explain this score", "Gaps and steps")
# What the page offers to follow: links (the roadmap's are SVG's) but those within the page, htmx GETs,
# and forms with their method and data.
OFFERS = """() => ({
  links: [...document.querySelectorAll('a[href]:not([href^="#"]), [hx-get]')].map(
    e => new URL(e.getAttribute('href') || e.getAttribute('hx-get'), location.href).href),
  forms: [...document.querySelectorAll('form')].map(f => ({
    method: (f.getAttribute('method') || 'get').toLowerCase(),
    action: new URL(f.getAttribute('action') || location.href, location.href).href,
    query: new URLSearchParams(new FormData(f)).toString(),
  })),
  footers: document.querySelectorAll('footer').length,
  navbars: document.querySelectorAll('nav.navbar').length,
})"""


class Checker:
    """Follows what a page offers, each address once: GET links and GET forms, and POST forms
    from a stranger's browser, which the method check answers before any owner check (so
    nothing changes), with anything but 405."""

    def __init__(self, page, stranger, origin: str):
        self.page, self.stranger, self.origin = page, stranger, origin
        self.seen: set[tuple[str, str]] = set()
        stranger.request.get(origin + "/")
        self.csrf = next(c["value"] for c in stranger.cookies() if c["name"] == "csrftoken")

    def check(self, after: str) -> None:
        offers = self.page.evaluate(OFFERS)
        # The page itself is one page: a 405 swapped into it brought a second navbar and footer.
        assert (offers["navbars"], offers["footers"]) == (1, 1), f"after {after}: a page inside the page"
        for url in offers["links"]:
            self._get(url, after)
        for form in offers["forms"]:
            if form["method"] == "get":
                self._get(form["action"] + "?" + form["query"], after)
            else:
                self._post(form["action"], after)

    def _key(self, method: str, url: str) -> tuple[str, str] | None:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return None  # another site's page (a resource in the plan)
        key = (method, parts.path + ("?" + parts.query if parts.query else ""))
        if key in self.seen:
            return None
        self.seen.add(key)
        return key

    def _get(self, url: str, after: str) -> None:
        key = self._key("GET", url)
        if key is None:
            return
        response = self.page.request.get(self.origin + key[1])
        assert response.status == 200, f"after {after}: GET {key[1]} answered {response.status}"
        if response.headers.get("content-type", "").startswith("text/html"):
            html = response.text()
            pages = (html.count("<html"), html.count("<body"))
            assert pages == (1, 1) and html.count("<footer") <= 1, f"after {after}: GET {key[1]} is not one page"

    def _post(self, url: str, after: str) -> None:
        key = self._key("POST", url)
        if key is None or key[1].startswith("/accounts/logout/"):
            return
        response = self.stranger.request.post(
            self.origin + key[1], headers={"X-CSRFToken": self.csrf, "Referer": self.origin + "/"}
        )
        # 403 would be the CSRF check answering before the view: it would prove nothing.
        assert response.status not in (403, 405), f"after {after}: POST {key[1]} answered {response.status}"


def _until(page, selector: str) -> None:
    """The action's page or swap has arrived, and nothing is left in flight."""
    page.wait_for_selector(selector)
    page.wait_for_load_state()


def _switch_track(page) -> None:
    row = page.locator(".track-row:not(.active)").nth(1)
    href = row.get_attribute("href")
    row.click()
    _until(page, f'.track-row.active[href="{href}"]')


def _walk_the_tabs(page, checker: Checker, where: str) -> None:
    for tab in TABS:
        page.locator(".nav-link", has_text=tab).click()
        _until(page, f'.nav-link.active:has-text("{tab}")')
        checker.check(f"{where}: the {tab} tab")
    page.locator(".nav-link", has_text="Compare").click()
    _until(page, ".compare-form")
    page.locator("#compare-with").select_option(index=2)
    page.locator(".compare-form button").click()
    page.wait_for_function("() => location.search.includes('with=')")
    page.wait_for_load_state()
    checker.check(f"{where}: comparing with another track")


@pytest.mark.parametrize(("javascript", "size"), [(True, PHONE), (False, DESKTOP)], ids=["js-phone", "no-js-desktop"])
def test_every_link_and_form_works_after_each_action(browser, live_server, live_catalogue, client, javascript, size):
    assessment = fill(client)
    context = browser.new_context(viewport=size, locale="en-US", java_script_enabled=javascript)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    stranger = browser.new_context(locale="en-US")
    page = context.new_page()
    checker = Checker(page, stranger, live_server.url)

    page.goto(f"{live_server.url}/assess/{assessment.pk}/results/")
    checker.check("opening the results")
    _switch_track(page)
    checker.check("switching track on the results")
    _walk_the_tabs(page, checker, "results")

    page.get_by_role("button", name="Save this report").click()
    page.wait_for_url(re.compile(r".*/r/[\w-]+/$"))
    checker.check("saving the report")
    _switch_track(page)
    checker.check("switching track on the report")
    _walk_the_tabs(page, checker, "report")

    page.locator(".nav-link", has_text="Gaps and steps").click()
    _until(page, ".state-form")
    page.locator(".state-form button[value=done]").first.click()
    _until(page, ".step-item.state-done")
    checker.check("marking a step done")
    # The next tab opens as a page of its own, not a 405 inside the report.
    page.locator(".nav-link", has_text="Roadmap").click()
    _until(page, '.nav-link.active:has-text("Roadmap")')
    checker.check("opening the roadmap after a mark")
    page.locator(".nav-link", has_text="Gaps and steps").click()
    _until(page, ".step-item.state-done")
    page.locator(".step-item.state-done button[value=pending]").click()
    page.wait_for_selector(".step-item.state-done", state="detached")
    page.wait_for_load_state()
    checker.check("unmarking it")

    # A refused form is a page rendered by a POST: its links too lead to the report.
    page.locator("summary", has_text="Edit title and notes").click()
    page.locator("#id_title").fill("")
    page.locator("form[action$='/details/'] button").click()
    page.locator("#id_title.is-invalid").wait_for()
    checker.check("saving a blank title")
    page.locator("#id_title").fill("My move to product work")
    page.locator("#id_notes").fill("Ask Lin about the PRD template.")
    page.locator("form[action$='/details/'] button").click()
    page.get_by_text("Title and notes saved.").wait_for()
    checker.check("saving the title and notes")

    page.get_by_role("button", name="Create a read-only link").click()
    page.locator("#share-link").wait_for()
    checker.check("sharing")
    share_url = page.locator("#share-link").input_value()

    # The read-only page, as the person it was shared with sees it.
    page.goto(share_url)
    checker.check("opening the shared link")
    _switch_track(page)
    checker.check("switching track on the shared report")
    _walk_the_tabs(page, checker, "shared report")
    assert len(checker.seen) > 40  # the walk really followed the pages' links
    context.close()
    stranger.close()
