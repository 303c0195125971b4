"""axe-core finds no violation (WCAG 2.2 A/AA and best practice, every impact) on any
public page, in English and Chinese, on a phone and on a desktop.

Pages are grouped so each test builds its people once; a failure names every page
and node that fails."""

from __future__ import annotations

import pytest

from tests.browser.axe import describe, violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.site_pages import GROUPS, LANGUAGES, build, language_cookie, open_visit, visits

pytestmark = pytest.mark.browser


# English at both widths and Chinese on a phone in make test; Chinese on a desktop too in
# make test-heavy (CI), which keeps make test shorter.
CASES = [
    pytest.param(LANGUAGES[0], (PHONE, DESKTOP), id=LANGUAGES[0]),
    pytest.param(LANGUAGES[1], (PHONE,), id=LANGUAGES[1]),
    pytest.param(LANGUAGES[1], (DESKTOP,), id=f"{LANGUAGES[1]}-desktop", marks=pytest.mark.heavy),
]


@pytest.mark.parametrize(("language", "sizes"), CASES)
@pytest.mark.parametrize("group", GROUPS)
def test_every_page_passes_axe(browser, live_server, live_catalogue, group, language, sizes):
    data = build()
    # Reduced motion: no smooth scrolling still running while axe looks.
    context = browser.new_context(viewport=PHONE, reduced_motion="reduce")
    context.add_cookies([language_cookie(live_server.url, language)])
    page = context.new_page()
    failures = {}
    try:
        for visit in visits(group, data):
            open_visit(context, page, live_server.url, visit, data)
            for size in sizes:
                page.set_viewport_size(size)
                # Scrolled to the end, the sticky Save / Share bar sits in its own place and covers
                # nothing; that it never hides the focused control is test_plan_first_browser's.
                page.evaluate("window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})")
                if found := violations(page):
                    failures[f"{visit.name} at {size['width']} px"] = found
            if visit.printed:  # as it prints: print.css, no navigation or buttons
                page.emulate_media(media="print")
                if found := violations(page):
                    failures[f"{visit.name} printed"] = found
                page.emulate_media(media="screen")
            page.set_viewport_size(PHONE)
    finally:
        context.close()
    report = "\n\n".join(
        f"{name}: {len(found)} violations, {sum(len(v['nodes']) for v in found)} nodes\n{describe(found)}"
        for name, found in failures.items()
    )
    assert not failures, report
