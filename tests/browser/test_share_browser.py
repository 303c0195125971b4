"""Sharing a saved report in Chromium: the Copy buttons with JavaScript on and off,
the e-mail form, and the one-page summary on screen and on A4 paper."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from advisor.reports.models import Report
from tests.browser.axe import describe, violations
from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.personas import PERSONAS
from tests.questionnaire_helpers import PROMOTER, fill

pytestmark = pytest.mark.browser
SIZES = [(PHONE, "phone"), (DESKTOP, "desktop")]


def in_sharing(found: list[dict]) -> list[dict]:
    """axe's findings about what this feature adds (the rest of the page is other tests' business)."""
    ours = ("data-copy", "#private-link", "#share-link", "#email-link", "#id_email", "#share")
    return [v for v in found if any(any(k in " ".join(n["target"]) for k in ours) for n in v["nodes"])]


def saved_report(person: dict = PROMOTER, *, share: bool = True, address: str = "127.0.0.1") -> Report:
    """A report saved through the app (anonymously), with a read-only link, by a client at `address`
    (links are rate-limited per client: people saving many reports come from many addresses)."""
    client = Client(REMOTE_ADDR=address)
    assessment = fill(client, person)
    assert client.post(f"/reports/save/{assessment.pk}/").status_code == 302
    report = Report.objects.get(assessment=assessment)
    if share:
        assert client.post(f"/r/{report.token}/share/", {"action": "create"}).status_code == 302
        report.refresh_from_db()
    return report


@pytest.mark.parametrize(("size", "device"), SIZES)
def test_copy_buttons_copy_each_link_and_say_so(browser, live_server, live_catalogue, shoot, size, device):
    report = saved_report()
    context = browser.new_context(viewport=size, locale="en-US", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{live_server.url}/r/{report.token}/")
    private, shared = page.locator("#private-link"), page.locator("#share-link")
    assert private.input_value() == f"{live_server.url}/r/{report.token}/"
    assert shared.input_value() == f"{live_server.url}/s/{report.share_token}/"

    copy_private = page.locator('button[data-copy="private-link"]')
    copy_private.click()
    page.wait_for_function("document.getElementById('announcer').textContent === 'Link copied'")
    assert page.evaluate("navigator.clipboard.readText()") == private.input_value()
    assert copy_private.inner_text() == "Link copied"  # for a moment, for those who see it
    shoot(page, f"share-{device}-copied")

    page.locator('button[data-copy="share-link"]').click()
    page.wait_for_function(f"navigator.clipboard.readText().then(t => t === {shared.input_value()!r})")
    page.wait_for_function("document.getElementById('announcer').textContent === 'Link copied'")
    page.get_by_role("button", name="Copy").first.wait_for()  # the private one's label came back
    assert page.locator("[aria-live]").count() == 1

    # A click in the field selects the whole link, for copying by hand (no inline handler).
    shared.click()
    assert page.evaluate(
        "getSelection().toString() || document.activeElement.value.substring("
        "document.activeElement.selectionStart, document.activeElement.selectionEnd)"
    ) == (shared.input_value())
    assert page.locator("[onclick]").count() == 0
    found = in_sharing(violations(page, impacts=("serious", "critical")))
    assert found == [], describe(found)
    context.close()


def test_without_the_async_clipboard_the_copy_falls_back(browser, live_server, live_catalogue):
    report = saved_report()
    context = browser.new_context(viewport=DESKTOP, locale="en-US", permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined});")
    page = context.new_page()
    page.goto(f"{live_server.url}/r/{report.token}/")
    page.locator('button[data-copy="share-link"]').click()
    page.wait_for_function("document.getElementById('announcer').textContent.length > 0")
    # execCommand("copy") on the selected field: the whole link is selected, and copied.
    assert page.locator("#announcer").inner_text() == "Link copied"
    selected = "document.activeElement.value.substring(document.activeElement.selectionStart, document.activeElement.selectionEnd)"
    assert page.evaluate(selected) == page.locator("#share-link").input_value()
    context.close()


@pytest.mark.parametrize(("size", "device"), SIZES)
def test_without_javascript_the_links_are_there_to_select_and_no_button_is_shown(
    browser, live_server, live_catalogue, shoot, size, device
):
    report = saved_report()
    context = browser.new_context(viewport=size, locale="en-US", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/r/{report.token}/")
    for field in ("private-link", "share-link"):
        link = page.locator(f"#{field}")
        assert link.is_visible() and link.is_editable() is False and link.is_enabled()
        assert page.locator(f'button[data-copy="{field}"]').is_hidden()
    assert page.get_by_role("button", name="Copy").count() == 0
    assert page.locator("#share-link").input_value() == f"{live_server.url}/s/{report.share_token}/"
    # The e-mail form works as a plain form too: a bad address comes back with its error.
    page.locator("#email-link summary").click()
    page.locator("#id_email").fill("not-an-address")
    page.get_by_role("button", name="Send").click()
    page.get_by_text("Enter a valid e-mail address").wait_for()
    assert page.url.endswith("/email/#email-link")
    shoot(page, f"share-{device}-no-js-email-error")
    context.close()


@pytest.mark.parametrize(("size", "device"), SIZES)
def test_the_summary_reads_well_on_screen(browser, live_server, live_catalogue, shoot, size, device):
    report = saved_report()
    context = browser.new_context(viewport=size, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/r/{report.token}/")
    page.get_by_role("link", name="One-page summary").click()
    page.wait_for_url(f"**/r/{report.token}/summary/")
    page.get_by_text("First steps").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shoot(page, f"summary-{device}")
    found = violations(page, impacts=("serious", "critical"))
    assert found == [], describe(found)
    page.goto(f"{live_server.url}/s/{report.share_token}/")
    page.get_by_role("link", name="One-page summary").click()
    page.wait_for_url(f"**/s/{report.share_token}/summary/")
    assert report.token not in page.content()
    context.close()


def pages_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize(
    "language", ["en-US", pytest.param("zh-CN", marks=pytest.mark.heavy)]
)  # the second language's full run: make test-heavy (CI), to keep make test shorter
def test_the_summary_prints_on_one_a4_page_for_every_persona(browser, live_server, live_catalogue, language):
    context = browser.new_context(viewport=DESKTOP, locale=language)
    page = context.new_page()
    if language == "zh-CN":
        context.add_cookies([{"name": "django_language", "value": "zh-hans", "url": live_server.url}])
    counts = {}
    for n, (name, person) in enumerate(PERSONAS.items()):
        report = saved_report({"context": person["about"], "levels": person["levels"]}, address=f"192.0.2.{n + 1}")
        page.goto(f"{live_server.url}/r/{report.token}/summary/")
        page.locator("#steps-heading").wait_for()
        pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
        counts[name] = pages_in(pdf)
        if name == "sem-copywriter":
            (ARTIFACTS / f"summary-{language}.pdf").write_bytes(pdf)
    assert counts == dict.fromkeys(PERSONAS, 1)
    context.close()
