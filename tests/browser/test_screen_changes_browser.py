"""Screen changes everyone can follow (issue: a journey people finish): after an
htmx swap the tab title names the new screen, the focus is on its heading, one
polite live region says where the person is, an unanswered screen shows one
error summary with a link to each question, and Back comes before Next."""

from __future__ import annotations

import pytest

from advisor.catalogue.models import Question
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.flows import answer_section, next_section

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("size", "device"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_each_swapped_screen_names_itself_takes_the_focus_and_is_announced(
    browser, live_server, live_catalogue, shoot, size, device
):
    skill_of = dict(Question.objects.values_list("slug", "skill__slug"))
    context = browser.new_context(viewport=size, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start the questionnaire").click()
    assert page.title() == "About you · Questionnaire"

    answer_section(page, skill_of)
    next_section(page)
    heading = page.locator("h1").inner_text()
    assert heading != "About you"
    page.wait_for_function("document.activeElement.tagName === 'H1'")  # moved once htmx has settled
    assert page.title() == f"{heading} · Questionnaire"
    page.wait_for_function("document.getElementById('announcer').textContent.length > 0")
    assert page.locator("#announcer").inner_text() == f"Step 2 of {page_total(page)}: {heading}"
    assert page.locator("[aria-live]").count() == 1

    # Tab order: Back, then Next, as they are seen.
    buttons = page.locator(".flow-nav button").all_inner_texts()
    assert [b.strip()[:6] for b in buttons] == ["← Back", "Next →"]
    shoot(page, f"screen-{device}-swapped")

    # Next with nothing chosen: one alert, focused, linking to each question.
    page.get_by_role("button", name="Next").click()
    page.wait_for_selector(".error-summary")
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
    assert page.locator("[role=alert]").count() == 1
    links = page.locator(".error-summary a")
    assert links.count() == page.locator("fieldset").count() >= 1
    links.first.click()
    assert page.evaluate("location.hash").startswith("#div_")
    shoot(page, f"screen-{device}-errors")
    context.close()


def page_total(page) -> str:
    return page.locator(".flow-progress span").first.inner_text().rsplit(" ", 1)[-1]


def test_without_javascript_the_error_summary_links_to_the_questions_too(browser, live_server, live_catalogue):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start the questionnaire").click()
    page.get_by_role("button", name="Next").click()
    page.wait_for_selector(".error-summary")
    assert page.locator("[role=alert]").count() == 1
    hrefs = page.locator(".error-summary a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(page.locator(h).count() == 1 for h in hrefs)
    context.close()


def test_marking_a_step_keeps_the_focus_on_the_pressed_button(browser, live_server, live_catalogue, client, shoot):
    from tests.reports_helpers import save_report

    report = save_report(client)
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/r/{report.token}/")
    form = page.locator("form.state-form").first
    action = form.get_attribute("action")
    form.locator("button[value=done]").click()
    page.wait_for_selector(f'form[action="{action}"] input[name=was][value=done]', state="attached")
    page.wait_for_function(
        "a => document.activeElement && document.activeElement.value === 'done'"
        " && document.activeElement.form && document.activeElement.form.getAttribute('action') === a",
        arg=action,
    )
    shoot(page, "report-phone-step-done")
    context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_switching_language_mid_screen_keeps_the_answers(browser, live_server, live_catalogue, js):
    context = browser.new_context(viewport=PHONE, java_script_enabled=js, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start the questionnaire").click()
    page.locator('input[name="c-current_role"][value="seo-sem-operation"]').check()
    page.locator('input[name="c-years"][value="3"]').check()
    page.get_by_role("button", name="中文").click()
    page.wait_for_function("document.documentElement.lang.startsWith('zh')")
    assert page.locator("h1").inner_text() == "基本情况"  # "About you"
    assert page.locator('input[name="c-current_role"][value="seo-sem-operation"]').is_checked()
    assert page.locator('input[name="c-years"][value="3"]').is_checked()
    context.close()


def test_a_tampered_language_button_shows_the_refusal_as_the_page_not_inside_the_button(
    browser, live_server, live_catalogue
):
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Start the questionnaire").click()
    page.locator('input[name="c-years"][value="3"]').check()
    page.evaluate("document.querySelector('button[name=language][value=en]').value = 'xx'")
    page.get_by_role("button", name="EN").click()
    page.get_by_role("heading", name="Unknown language").wait_for()
    assert page.locator("button[name=language] h1").count() == 0
    assert "Your answers are saved." in page.locator("main").inner_text()
    context.close()
