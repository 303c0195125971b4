"""Issue 21: the sticky Save / Share bar covered text in the results' first screen on a phone.
It now comes in once the person scrolls, and never hides the end of the page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE
from tests.questionnaire_helpers import fill
from tests.reports_helpers import save_report

pytestmark = pytest.mark.browser
# The text in <main>, outside the bar, that lies in the part of the screen the bar covers.
UNDER_THE_BAR = """() => {
  const bar = document.querySelector('.action-bar').getBoundingClientRect();
  const top = Math.max(bar.top, 0), bottom = Math.min(bar.bottom, window.innerHeight);
  if (bottom <= top) return [];
  const covered = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;  // text in a closed <details> is not shown
    if (!node.textContent.trim() || parent.closest('.action-bar') || !parent.checkVisibility()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 1 && r.height > 1);
    if (rects.some(r => r.bottom > top && r.top < bottom)) covered.push(node.textContent.trim().slice(0, 40));
  }
  return covered;
}"""


@pytest.mark.parametrize("where", ["results", "report"])
@pytest.mark.parametrize(("size", "device"), [(PHONE, "phone"), ({"width": 390, "height": 664}, "short-phone")])
def test_the_bar_covers_no_text_in_the_first_screen(browser, live_server, live_catalogue, client, where, size, device):
    url = f"/assess/{fill(client).pk}/results/" if where == "results" else f"/r/{save_report(client).token}/"
    context = browser.new_context(viewport=size, locale="zh-CN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + url)
    page.wait_for_load_state()
    assert page.evaluate(UNDER_THE_BAR) == []
    # Scrolled on, the bar is in reach at the foot of the screen, whole.
    page.evaluate("window.scrollTo(0, 400)")
    page.wait_for_timeout(100)
    bar = page.locator(".action-bar").bounding_box()
    assert abs(bar["y"] + bar["height"] - size["height"]) <= 1
    # At the end of the page nothing is left under it: the last text sits above it.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(100)
    assert page.evaluate(UNDER_THE_BAR) == []
    context.close()


def test_on_a_desktop_too_the_first_screen_is_left_clear(browser, live_server, live_catalogue, client):
    assessment = fill(client)
    context = browser.new_context(viewport=DESKTOP, locale="en-US")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/assess/{assessment.pk}/results/")
    assert page.evaluate(UNDER_THE_BAR) == []
    context.close()
