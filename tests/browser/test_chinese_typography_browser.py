"""Every public page, in Chinese, reads as written rather than typeset from English:
Chromium's rendered text (innerText, so spaces between tags do not count but a
template line break between two sentences does) keeps the rules of
tests/chinese_typography.py. The pages are site_pages' (questionnaire, results, saved
report, account, errors) plus each tab of results and report, the print view, the
one-page summary, the account page, and the 403, 405, 429 and 503 pages.

One browser context, pages in turn; a failure lists every page with each snippet."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from advisor.reports.models import Report
from tests.browser.site_pages import GROUPS, Visit, build, language_cookie, open_visit, visits
from tests.browser.test_database_down_browser import outage
from tests.chinese_typography import NUMBER_RULE, RULES, problems
from tests.personas import PERSONAS
from tests.questionnaire_helpers import fill

pytestmark = pytest.mark.browser

# Opened disclosures too: their text is one tap away. Besides the page's text, each visible
# text node on its own: a number against Chinese is a matter of one sentence, not of a
# label beside a figure (a chart's "渠道选择 3/2").
READ = """() => {
  document.querySelectorAll('details').forEach(d => { d.open = true; });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.checkVisibility() && !['SCRIPT', 'STYLE'].includes(node.parentElement.tagName)) {
      texts.push(node.data.replace(/\\s+/g, ' ').trim());
    }
  }
  return [document.title + '\\n' + document.body.innerText, texts.join('\\n')];
}"""
PAGE_RULES = {rule: pattern for rule, pattern in RULES.items() if rule != NUMBER_RULE}


def _without_csrf_token(page) -> None:
    # A form sent without its CSRF token (a stale tab, a blocked cookie): Django's 403 page.
    with page.expect_response(lambda response: response.request.method == "POST") as sent:
        page.evaluate(
            """() => {
              const form = Object.assign(document.createElement('form'), {method: 'post', action: location.pathname});
              document.body.append(form);
              form.submit();
            }"""
        )
    assert sent.value.status == 403
    page.wait_for_load_state()


def _more_visits(data, operator: str) -> list[Visit]:
    """What site_pages leaves out: the tabs, the paper pages, the account's own pages, errors."""
    results, report = f"/assess/{data.unsaved}/results/", f"/r/{data.report}/"
    tabs = [f"?view={view}" for view in ("roadmap", "compare", "explain")]
    step = f"{report}steps/no-such-step/"
    return [
        *(Visit(f"results {tab}", results + tab, who="mei") for tab in tabs),
        *(Visit(f"saved report {tab}", report + tab, who="mei") for tab in tabs),
        *(Visit(f"shared report {tab}", f"/s/{data.shared}/{tab}") for tab in tabs),
        Visit("report of a content operator with a goal", f"/r/{operator}/", who="visitor"),
        Visit("print view of a content operator with a goal", f"/r/{operator}/print/", who="visitor"),
        Visit("summary", f"{report}summary/", who="mei"),
        Visit("shared summary", f"/s/{data.shared}/summary/"),
        Visit("summary of a content operator with a goal", f"/r/{operator}/summary/", who="visitor"),
        Visit("account", "/accounts/", who="mei"),
        Visit("account delete", "/accounts/delete/", who="mei"),
        Visit("405", step, who="mei", status=405),
        Visit("403", "/accounts/login/", _without_csrf_token),
    ]


def test_every_page_in_chinese_reads_as_written(browser, live_server, live_catalogue, settings):
    data = build()
    visitor = Client()
    visitor.cookies["sessionid"] = data.sessions["visitor"]
    # Six years of content operation, aiming at user operation: a goal, market facts, a long plan.
    person = PERSONAS["senior-content-operator"]
    assessment = fill(visitor, {"context": person["about"] | {"goal": "user-operation"}, "levels": person["levels"]})
    assert visitor.post(f"/reports/save/{assessment.pk}/").status_code == 302
    operator = Report.objects.get(assessment=assessment).token

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([language_cookie(live_server.url, "zh-hans")])
    page = context.new_page()
    found: dict[str, list[tuple[str, str]]] = {}
    read = 0

    def check(name: str) -> None:
        nonlocal read
        page.wait_for_load_state()
        try:
            text, sentences = page.evaluate(READ)
        except PlaywrightError:  # the page was still navigating (a form sent, a redirect): read it once it has
            page.wait_for_load_state()
            text, sentences = page.evaluate(READ)
        assert any("\u4e00" <= char <= "\u9fff" for char in text), f"{name} is not in Chinese"
        read += 1
        numbers = {NUMBER_RULE: RULES[NUMBER_RULE]}
        if mistakes := problems(text, rules=PAGE_RULES) + problems(sentences, rules=numbers):
            found[name] = mistakes

    try:
        for visit in [*(v for group in GROUPS for v in visits(group, data)), *_more_visits(data, operator)]:
            open_visit(context, page, live_server.url, visit, data)
            check(visit.name)
        # 429: a questionnaire started once too often.
        settings.RATE_LIMIT_START = "1/h"
        context.clear_cookies(name="sessionid")
        for _ in range(2):
            page.goto(live_server.url + "/assess/")
            with page.expect_navigation() as started:
                page.locator("form[action='/assess/'] button").first.click()
        assert started.value.status == 429
        check("429")
        # 503: the database gone.
        context.add_cookies([{"name": "sessionid", "value": data.sessions["mei"], "url": live_server.url}])
        with outage():
            assert page.goto(live_server.url + "/reports/").status == 503
            check("503")
    finally:
        context.close()
    assert read > 60
    report = "\n\n".join(
        f"{name}: {len(mistakes)} places\n" + "\n".join(f"  {rule}: {snippet}" for rule, snippet in mistakes)
        for name, mistakes in found.items()
    )
    assert not found, report
