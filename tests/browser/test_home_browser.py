from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("size", "name"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_home_fits_the_screen_and_lists_tracks(browser, live_server, live_catalogue, shoot, size, name):
    context = browser.new_context(viewport=size, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator(".track-card").count() >= 9
    # Nothing wider than the viewport: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"home-{name}")
    page.get_by_role("button", name="中文").click()
    page.wait_for_load_state()
    assert "原始文章里写到的转岗路径" in page.content()
    shoot(page, f"home-{name}-zh")
    context.close()
