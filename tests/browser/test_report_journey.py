"""The whole journey of issue 4 in Chromium: questionnaire, save anonymously, open the private link
elsewhere, sign up and claim, mark steps, retake, compare, print preview."""

from __future__ import annotations

import re

import pytest

from advisor.catalogue.models import Question
from advisor.reports.models import Report, StepProgress
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.flows import LEVELS, fill_all

pytestmark = pytest.mark.browser
PASSWORD = "a-long-and-unusual-passphrase-42"


@pytest.mark.parametrize(("size", "device"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_a_person_keeps_and_works_through_a_report(browser, live_server, live_catalogue, shoot, size, device):
    skill_of = dict(Question.objects.values_list("slug", "skill__slug"))
    context = browser.new_context(viewport=size, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start the questionnaire").click()
    fill_all(page, skill_of)
    page.get_by_role("button", name="Finish and see my results").click()
    page.wait_for_url("**/results/")

    # Save anonymously: the private link is shown with a clear notice.
    page.get_by_role("button", name="Save this report").click()
    page.wait_for_url(re.compile(r".*/r/[\w-]+/$"))
    assert "Keep this link." in page.content()
    private_url = page.url
    shoot(page, f"report-{device}-1-saved")

    # The private link opens in a fresh browser with nothing in common.
    stranger = browser.new_context(viewport=size, locale="en-US")
    other = stranger.new_page()
    other.goto(private_url)
    assert "Keep this link." in other.content() and "Match by track" in other.content()
    stranger.close()

    # Sign up from the notice: the report is claimed by the new account.
    page.get_by_role("link", name="Sign up to keep it").click()
    page.locator('[name="username"]').fill(f"mei-{device}")
    page.locator('[name="password1"]').fill(PASSWORD)
    page.locator('[name="password2"]').fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url(re.compile(r".*/r/[\w-]+/$"))
    report = Report.objects.get()
    assert report.user is not None and report.user.username == f"mei-{device}"
    assert "Keep this link." not in page.content()

    # Mark steps of product operation with one click each (htmx swaps the body in place).
    page.locator(".track-row", has_text="Product operation").click()
    page.wait_for_selector(".track-row.active:has-text('Product operation')")
    first = page.locator(".step-item").first
    first.get_by_role("button", name="Done").click()
    page.wait_for_selector(".step-item.state-done")
    page.locator(".step-item").nth(1).get_by_role("button", name="Learning").click()
    page.wait_for_selector(".step-item.state-learning")
    assert StepProgress.objects.filter(report=report, state="done").count() == 1
    assert "% of steps done" in page.locator(".track-row.active").inner_text()
    shoot(page, f"report-{device}-2-progress")

    # Retake later: answers are prefilled; they now draw prototypes on their own.
    page.get_by_role("button", name="Retake the questionnaire").click()
    page.wait_for_url("**/about/")
    assert page.locator('input[name="c-company_type"][value="product-led"]').is_checked()
    fill_all(page, skill_of, LEVELS | {"prototyping": 3, "mind-mapping": 2})
    page.get_by_role("button", name="Finish and see my results").click()
    page.wait_for_url("**/results/")
    page.get_by_role("button", name="Save this report").click()
    page.wait_for_url(re.compile(r".*/r/[\w-]+/$"))
    changes = page.locator("#changes-heading").locator("xpath=..").inner_text()
    assert "What changed since" in changes and "Prototyping: 0 → 3" in changes
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"report-{device}-3-compare")

    # My reports lists both; the print layout shows steps as checkboxes.
    page.get_by_role("link", name="My reports").click()
    assert page.locator(".list-group-item").count() == 2
    shoot(page, f"report-{device}-4-list")
    page.goto(private_url + "print/?track=product-operation")
    page.emulate_media(media="print")
    assert "☑" in page.content() and "☐" in page.content()
    shoot(page, f"report-{device}-5-print")
    context.close()
