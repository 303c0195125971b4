"""A new user fills the whole questionnaire in Chromium, on a phone and a desktop, with and without JavaScript."""

from __future__ import annotations

import pytest

from advisor.catalogue.models import Question
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.flows import fill_all

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize(("size", "device"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_a_new_user_fills_the_questionnaire_and_reads_the_result(
    browser, live_server, live_catalogue, shoot, js, size, device
):
    skill_of = dict(Question.objects.values_list("slug", "skill__slug"))
    context = browser.new_context(viewport=size, java_script_enabled=js, locale="en-US")
    page = context.new_page()
    name = f"{device}-{'js' if js else 'nojs'}"
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start the questionnaire").click()

    # One section per screen; the first is "About you".
    assert page.get_by_role("heading", name="About you").is_visible()
    shoot(page, f"q-{name}-1-about")
    # Pressing Next with nothing chosen shows inline errors, not a crash.
    page.get_by_role("button", name="Next").click()
    page.wait_for_selector(".invalid-feedback, .alert-warning")
    assert "Please choose one answer." in page.content()
    shoot(page, f"q-{name}-2-errors")

    fill_all(page, skill_of, on_section=lambda step: step == 1 and shoot(page, f"q-{name}-3-skills"))
    assert "Not answered yet" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"q-{name}-4-review")

    page.get_by_role("button", name="Finish and see my results").click()
    page.wait_for_url("**/results/")
    assert "Your best move" in page.content()
    rows = page.locator(".track-row .fw-semibold").all_inner_texts()
    assert rows.index("Content operation") < rows.index("Product operation")
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"q-{name}-5-results")

    page.locator(".track-row", has_text="Product operation").click()
    page.wait_for_selector(".track-row.active:has-text('Product operation')")
    assert page.url.endswith("?track=product-operation")
    detail = page.locator("#track-detail").inner_text()
    assert "Prototyping" in detail and "Your steps, in order" in detail
    shoot(page, f"q-{name}-6-product")

    page.get_by_role("link", name="Explain this score").click()
    page.wait_for_selector("text=What raised it")
    shoot(page, f"q-{name}-7-explain")
    if js:
        page.go_back()
        page.wait_for_selector("text=Your steps, in order")
    context.close()
