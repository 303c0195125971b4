"""Every visible button, form field and link styled as a control is at least 44×44 px on
a phone (WCAG 2.5.5), in English and in Chinese, whose labels are shorter. Links inside
running text are exempt; a radio or checkbox counts with its label, which is what a finger
hits (clicking the label chooses the answer)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE
from tests.browser.site_pages import GROUPS, LANGUAGES, build, language_cookie, open_visit, visits

pytestmark = pytest.mark.browser
SMALLEST = 44

# The controls on screen smaller than SMALLEST px either way, as "tag 'text' W×H".
TOO_SMALL = """smallest => {
  const found = [];
  const controls = document.querySelectorAll('button, input:not([type=hidden]), select, textarea, summary, a[href]');
  for (const el of controls) {
    if (el.closest('.visually-hidden, .visually-hidden-focusable')) continue;  // off screen until focused
    const style = getComputedStyle(el);
    if (el.tagName === 'A' && style.display === 'inline') continue;  // a link in running text
    if (!el.checkVisibility({visibilityProperty: true})) continue;  // not shown (a closed <details>, display: none)
    let box = el.getBoundingClientRect();
    if ((el.type === 'radio' || el.type === 'checkbox') && el.labels.length) box = el.labels[0].getBoundingClientRect();
    if (Math.round(box.width) < smallest || Math.round(box.height) < smallest) {
      const text = (el.innerText || el.value || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
      found.push(`${el.tagName.toLowerCase()}${el.type ? '[' + el.type + ']' : ''} '${text}' ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return found;
}"""


@pytest.mark.parametrize(
    "language", [LANGUAGES[0], pytest.param(LANGUAGES[1], marks=pytest.mark.heavy)]
)  # the second language's full run: make test-heavy (CI), to keep make test shorter
def test_every_control_is_big_enough_to_tap(browser, live_server, live_catalogue, language):
    data = build()
    context = browser.new_context(viewport=PHONE)
    context.add_cookies([language_cookie(live_server.url, language)])
    page = context.new_page()
    small, measured = {}, 0
    try:
        for group in GROUPS:
            for visit in visits(group, data):
                open_visit(context, page, live_server.url, visit, data)
                measured += page.evaluate("() => document.querySelectorAll('button, input, select, a.btn').length")
                if found := page.evaluate(TOO_SMALL, SMALLEST):
                    small[visit.name] = found
    finally:
        context.close()
    assert measured > 200  # the pages really were there, with their controls
    assert not small, "\n".join(f"{name}: {', '.join(found)}" for name, found in small.items())
