"""The report page's calendar download and weekly e-mail, in Chromium at phone and
desktop widths, with JavaScript on and off."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from advisor.reports.models import Reminder
from tests.browser.axe import TAGS, describe, violations
from tests.browser.conftest import DESKTOP, PHONE
from tests.fixtures import alice
from tests.reports_helpers import results, save_report

pytestmark = pytest.mark.browser


def logged_in_context(browser, live_server, size, js: bool):
    """Alice, logged in, with a saved report, in a fresh browser."""
    client = Client()
    client.force_login(alice())
    report = save_report(client)
    context = browser.new_context(viewport=size, locale="en-US", java_script_enabled=js, accept_downloads=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context, report


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize(("size", "device"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_a_person_puts_the_plan_in_a_calendar_and_turns_on_the_weekly_email(
    browser, live_server, live_catalogue, shoot, size, device, js
):
    context, report = logged_in_context(browser, live_server, size, js)
    page = context.new_page()
    page.goto(f"{live_server.url}/r/{report.token}/")
    calendar = page.locator("#plan-calendar")
    calendar.get_by_role("button", name="Add the plan to my calendar").wait_for()
    assert page.locator("#plan-start").input_value() == timezone.localdate().isoformat()
    assert page.locator("#plan-weekday").input_value() == "5" and page.locator("#plan-at").input_value() == "10:00"
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    calendar.scroll_into_view_if_needed()
    shoot(page, f"reminders-{device}-{'js' if js else 'nojs'}-1-controls")

    # A chosen day, weekday and time: the sessions start on it, at that time, China time.
    start = timezone.localdate() + datetime.timedelta(days=3)
    page.locator("#plan-start").fill(start.isoformat())
    page.locator("#plan-weekday").select_option(str(start.weekday()))
    page.locator("#plan-at").fill("19:30")
    with page.expect_download() as download:
        calendar.get_by_role("button", name="Add the plan to my calendar").click()
    assert download.value.suggested_filename.endswith(f"-{start:%Y-%m-%d}.ics")
    body = download.value.path().read_bytes().decode("utf-8")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and f"DTSTART;TZID=Asia/Shanghai:{start:%Y%m%d}T193000\r\n" in body
    assert body.count("BEGIN:VEVENT") >= 1

    # A day in the past is refused by the browser (min) or, without it, by the server with a reason.
    page.goto(f"{live_server.url}/r/{report.token}/plan.ics?start=2001-01-01")
    assert "Pick today or a later day" in page.content()
    page.goto(f"{live_server.url}/r/{report.token}/")

    # The weekly e-mail: one button on, one button off.
    page.get_by_role("button", name="E-mail me my next step every week").click()
    page.get_by_role("button", name="Stop the weekly e-mail").wait_for()
    assert "goes to alice@example.com" in page.locator("#reminders").inner_text()
    assert Reminder.objects.filter(report=report, language="en").exists()
    page.locator("#reminders").scroll_into_view_if_needed()
    shoot(page, f"reminders-{device}-{'js' if js else 'nojs'}-2-email-on")

    if js:
        # Another track chosen in place (htmx): the calendar form follows it.
        shown = report.track or results(report).recommended
        other = next(t.track.slug for t in results(report).tracks if t.steps and t.track.slug != shown)
        page.locator(f'.track-row[href$="?track={other}"]').click()
        page.wait_for_selector(f'.track-row.active[href$="?track={other}"]')
        page.wait_for_function(
            "slug => document.querySelector('#plan-calendar input[name=track]')?.value === slug", arg=other
        )
        violations(page)  # loads axe
        found = page.evaluate(
            "tags => axe.run({include: ['#plan-calendar', '#reminders']}, "
            "{runOnly: {type: 'tag', values: tags}}).then(r => r.violations)",
            TAGS,
        )
        assert found == [], describe(found)
    context.close()


def test_an_anonymous_owner_sees_that_an_account_is_needed(browser, live_server, live_catalogue, shoot):
    report = save_report(Client())
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/r/{report.token}/")
    section = page.locator("#reminders")
    section.get_by_role("link", name="Sign up to get it").wait_for()
    assert page.get_by_role("button", name="E-mail me my next step every week").count() == 0
    section.scroll_into_view_if_needed()
    shoot(page, "reminders-phone-anonymous")
    context.close()


WECHAT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN"
)


def test_inside_wechat_the_calendar_says_to_open_a_real_browser_and_copies_the_link(
    browser, live_server, live_catalogue, shoot
):
    client = Client()
    report = save_report(client)
    context = browser.new_context(viewport=PHONE, locale="zh-CN", user_agent=WECHAT)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    context.add_cookies(
        [
            {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url},
            {"name": "django_language", "value": "zh-hans", "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/r/{report.token}/")
    note = page.locator("#plan-calendar .wechat-calendar")
    assert "微信内置浏览器无法把文件加入日历" in note.inner_text()
    assert page.locator("#calendar-page-link").input_value() == f"{live_server.url}/r/{report.token}/"
    note.get_by_role("button", name="复制").click()
    page.wait_for_function("() => document.getElementById('announcer').textContent.trim() !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}/r/{report.token}/"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    note.scroll_into_view_if_needed()
    shoot(page, "reminders-phone-wechat")
    context.close()
