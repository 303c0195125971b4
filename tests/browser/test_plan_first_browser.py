"""The plan first on a phone, the roadmap and the comparison, in Chromium at 390 and
1280 px, with JavaScript on (htmx swaps) and off (plain links and forms)."""

from __future__ import annotations

import pytest

from tests.browser.axe import describe, violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.questionnaire_helpers import fill

pytestmark = pytest.mark.browser
SIZES = [(PHONE, "phone"), (DESKTOP, "desktop")]


def _results_page(browser, live_server, client, size, *, javascript=True):
    assessment = fill(client)
    context = browser.new_context(viewport=size, locale="en-US", java_script_enabled=javascript)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/assess/{assessment.pk}/results/")
    return context, page


@pytest.mark.parametrize(("size", "device"), SIZES)
def test_the_next_step_is_in_the_first_screen_and_save_stays_in_reach(
    browser, live_server, live_catalogue, client, shoot, size, device
):
    context, page = _results_page(browser, live_server, client, size)
    card = page.locator(".start-card")
    assert card.bounding_box()["y"] + 80 < size["height"], "the next step should show without scrolling"
    assert "start here" in card.inner_text().lower()
    shoot(page, f"plan-first-{device}")
    # Halfway down the page, Save and Share are still on screen, at its foot.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    bar = page.locator(".action-bar").bounding_box()
    assert size["height"] - 2 <= bar["y"] + bar["height"] <= size["height"] + 1
    for name in ("Save this report", "Save and share"):
        box = page.get_by_role("button", name=name).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
    # The bar never hides the end of the page: scrolled to the bottom, the footer shows below it.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    footer = page.locator("footer").bounding_box()
    assert footer["y"] >= page.locator(".action-bar").bounding_box()["y"] + 40
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize(("size", "device"), SIZES)
def test_the_roadmap_and_the_comparison_open_from_the_tabs(
    browser, live_server, live_catalogue, client, shoot, size, device, javascript
):
    context, page = _results_page(browser, live_server, client, size, javascript=javascript)
    page.locator(".track-row", has_text="Product operation").click()
    page.wait_for_selector(".track-row.active:has-text('Product operation')")
    page.get_by_role("link", name="Roadmap").click()
    page.get_by_text("Your road, step by step").wait_for()
    page.wait_for_load_state()  # nothing left in flight when the test ends
    assert "view=roadmap" in page.url
    nodes = page.locator("svg.roadmap-graph a.node")
    assert nodes.count() == len(page.locator("svg.roadmap-graph text.title").all()) > 5
    # Every title fits inside the drawing: the server's wrapping is wide enough for the real font.
    overflow = page.evaluate(
        "() => { const svg = document.querySelector('svg.roadmap-graph'); const w = svg.viewBox.baseVal.width;"
        " return [...svg.querySelectorAll('text')].filter(t => { const b = t.getBBox(); return b.x + b.width > w; })"
        ".map(t => t.textContent); }"
    )
    assert overflow == []
    graph = page.locator("svg.roadmap-graph").bounding_box()
    assert graph["width"] <= size["width"] and graph["width"] >= min(300, size["width"] - 60)
    if javascript:
        found = [v for v in violations(page) if any("roadmap" in " ".join(n["target"]) for n in v["nodes"])]
        assert not found, describe(found)
    shoot(page, f"roadmap-{device}-{'js' if javascript else 'nojs'}")

    page.get_by_role("link", name="Compare", exact=True).click()
    page.get_by_text("Compare two tracks").wait_for()
    page.locator("#compare-with").select_option("user-operation")
    page.get_by_role("button", name="Compare", exact=True).click()
    page.wait_for_function("() => location.search.includes('with=user-operation')")
    page.wait_for_load_state()
    header = page.locator(".compare-table thead").inner_text()
    assert "Product operation" in header and "User operation" in header
    assert "serve both moves" in page.locator("#shared-heading").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"compare-{device}-{'js' if javascript else 'nojs'}")
    context.close()


@pytest.mark.parametrize(("size", "device"), SIZES)
def test_tabbing_through_a_report_never_hides_the_focus_under_the_bar(
    browser, live_server, live_catalogue, client, size, device
):
    from tests.reports_helpers import save_report

    report = save_report(client)
    # Reduced motion: no smooth scrolling, so each position read is where the focus comes to rest.
    context = browser.new_context(viewport=size, locale="en-US", reduced_motion="reduce")
    page = context.new_page()
    page.goto(f"{live_server.url}/r/{report.token}/")
    bar_top = page.evaluate("() => document.querySelector('.action-bar').getBoundingClientRect().top")
    hidden = []
    for _ in range(60):
        page.keyboard.press("Tab")
        box = page.evaluate(
            "() => { const e = document.activeElement; if (!e || e === document.body) return null;"
            " const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom,"
            " inBar: !!e.closest('.action-bar'), name: e.textContent.trim().slice(0, 40)}; }"
        )
        if box and not box["inBar"] and box["bottom"] > 0 and box["top"] >= bar_top - 1:
            hidden.append(box["name"])
    assert hidden == [], f"focused controls hidden under the bar: {hidden}"
    context.close()
