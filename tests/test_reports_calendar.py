"""The plan as an .ics calendar file: weekly sessions, their times, alarms, text
and stable UIDs, parsed back with the icalendar library; bad input; who may
download it; the note for WeChat's browser."""

from __future__ import annotations

import datetime
import zoneinfo

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from advisor.questionnaire.results import StepInfo
from advisor.reports import ics
from advisor.reports.models import Report, StepProgress
from advisor.reports.plan_calendar import first_session, sessions
from tests.fixtures import alice, bob
from tests.questionnaire_helpers import PROMOTER
from tests.reports_helpers import results, save_report, track_of

pytestmark = pytest.mark.usefixtures("seeded")
TRACK = "product-operation"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
WECHAT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN"
)


def steps_of(report: Report, slug: str = TRACK) -> tuple[StepInfo, ...]:
    return track_of(report, slug).steps


def download(client, url: str, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def parse(response) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def session_count(step: StepInfo, pace: int = 5) -> int:
    return max(-(-step.effort_hours // pace), 1)


# --- sessions and times -------------------------------------------------------------


def test_each_step_still_to_do_becomes_weekly_sessions_of_the_persons_hours(client):
    report = save_report(client)
    steps = steps_of(report)
    StepProgress.objects.create(report=report, step=steps[0].slug, state="done")
    StepProgress.objects.create(report=report, step=steps[2].slug, state="skipped")
    StepProgress.objects.create(report=report, step=steps[1].slug, state="learning")
    start = timezone.localdate() + datetime.timedelta(days=10)

    events = parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK, start=start.isoformat()))

    todo = [s for i, s in enumerate(steps) if i not in (0, 2)]
    # PROMOTER has 5 hours a week: a step of 12 hours is sessions of 5, 5 and 2 hours, a week apart.
    assert int(PROMOTER["context"]["hours_per_week"]) == 5
    assert len(events) == sum(session_count(s) for s in todo)
    first = events[0]["DTSTART"].dt
    assert first.tzinfo is not None and str(events[0]["DTSTART"].params["TZID"]) == "Asia/Shanghai"
    assert (first.weekday(), first.hour, first.minute) == (5, 10, 0)  # Saturday 10:00 by default
    assert start <= first.date() < start + datetime.timedelta(days=7)
    at = 0
    for step in todo:
        hours = [5] * (step.effort_hours // 5) + ([step.effort_hours % 5] if step.effort_hours % 5 else [])
        for index, length in enumerate(hours):
            event = events[at]
            assert event["DTSTART"].dt == first + datetime.timedelta(weeks=at)
            assert event["DTEND"].dt - event["DTSTART"].dt == datetime.timedelta(hours=length)
            assert step.title.en in str(event["SUMMARY"])
            if len(hours) > 1:
                assert f"session {index + 1} of {len(hours)}" in str(event["SUMMARY"])
            at += 1


def test_sessions_split_a_steps_hours_at_the_weekly_pace():
    assert sessions(12, 5) == [5, 5, 2]
    assert sessions(10, 5) == [5, 5]
    assert sessions(3, 15) == [3]
    assert sessions(0, 5) == [1]


def test_the_first_session_is_the_picked_weekday_on_or_after_the_start_still_to_come():
    tuesday = datetime.date(2027, 3, 2)
    morning = datetime.time(10, 0)
    now = datetime.datetime(2027, 3, 1, 12, tzinfo=SHANGHAI)
    assert first_session(tuesday, 5, morning, now) == datetime.datetime(2027, 3, 6, 10, tzinfo=SHANGHAI)
    assert first_session(tuesday, 1, morning, now) == datetime.datetime(2027, 3, 2, 10, tzinfo=SHANGHAI)
    assert first_session(tuesday, 0, morning, now) == datetime.datetime(2027, 3, 8, 10, tzinfo=SHANGHAI)
    # The start day's session time already gone: the next week's.
    late = datetime.datetime(2027, 3, 2, 11, tzinfo=SHANGHAI)
    assert first_session(tuesday, 1, morning, late) == datetime.datetime(2027, 3, 9, 10, tzinfo=SHANGHAI)


def test_the_weekday_and_time_picked_are_used(client):
    report = save_report(client)
    events = parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK, weekday="2", at="19:30"))
    for event in events:
        start = event["DTSTART"].dt.astimezone(SHANGHAI)
        assert (start.weekday(), start.hour, start.minute) == (2, 19, 30)


def test_each_session_has_a_display_alarm_thirty_minutes_before(client):
    report = save_report(client)
    events = parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK))
    step = steps_of(report)[0]
    for event in events:
        (alarm,) = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY"
        assert alarm["TRIGGER"].dt == datetime.timedelta(minutes=-30)
    assert step.title.en in str(events[0].walk("VALARM")[0]["DESCRIPTION"])


def test_the_file_carries_the_time_zone_it_uses(client):
    report = save_report(client)
    calendar = icalendar.Calendar.from_ical(download(client, f"/r/{report.token}/plan.ics", track=TRACK).content)
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Asia/Shanghai"
    # China time is UTC+8: a Saturday 10:00 session is 02:00 UTC.
    start = calendar.walk("VEVENT")[0]["DTSTART"].dt
    assert start.astimezone(datetime.UTC).hour == 2


def test_by_default_it_plans_the_recommended_track(client):
    report = save_report(client)
    recommended = results(report).recommended
    response = download(client, f"/r/{report.token}/plan.ics")
    titles = [str(e["SUMMARY"]) for e in parse(response)]
    assert len(titles) == sum(session_count(s) for s in steps_of(report, recommended))
    assert all(any(s.title.en in t for s in steps_of(report, recommended)) for t in titles)
    assert f"plan-{recommended}-" in response["Content-Disposition"]


def test_the_track_in_view_is_planned_when_asked_for(client):
    report = save_report(client)
    other = next(t.track.slug for t in results(report).tracks if t.steps and t.track.slug != TRACK)
    events = parse(download(client, f"/r/{report.token}/plan.ics", track=other))
    assert steps_of(report, other)[0].title.en in str(events[0]["SUMMARY"])
    assert len(events) == sum(session_count(s) for s in steps_of(report, other))


# --- the file's form ----------------------------------------------------------------


def test_the_file_is_rfc_5545_with_the_required_properties(client):
    report = save_report(client)
    response = download(client, f"/r/{report.token}/plan.ics", track=TRACK)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    first = parse(response)[0]["DTSTART"].dt
    assert response["Content-Disposition"] == f'attachment; filename="plan-{TRACK}-{first:%Y-%m-%d}.ics"'
    raw = response.content
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    for line in lines:
        line.decode("utf-8")  # no line ends inside a character
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["PRODID"] == ics.PRODID and calendar["VERSION"] == "2.0"
    for event in parse(response):
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "SEQUENCE"} <= set(event)
        assert isinstance(event["DTSTART"].dt, datetime.datetime)
        assert isinstance(event["DTSTAMP"].dt, datetime.datetime) and event["DTSTAMP"].dt.tzinfo is not None


def test_uids_are_stable_per_report_step_and_session_and_name_no_link(client):
    report = save_report(client)
    first = [str(e["UID"]) for e in parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK))]
    later = download(
        client,
        f"/r/{report.token}/plan.ics",
        track=TRACK,
        weekday="0",
        at="20:00",
        start=(timezone.localdate() + datetime.timedelta(7)).isoformat(),
    )
    assert [str(e["UID"]) for e in parse(later)] == first
    assert len(set(first)) == len(first)
    assert all(report.token not in uid for uid in first)
    other = save_report(Client())
    assert not set(first) & {
        str(e["UID"]) for e in parse(download(Client(), f"/r/{other.token}/plan.ics", track=TRACK))
    }


def test_a_step_marked_done_moves_the_later_sessions_under_the_same_uids(client):
    report = save_report(client)
    before = {
        str(e["UID"]): e["DTSTART"].dt for e in parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK))
    }
    StepProgress.objects.create(report=report, step=steps_of(report)[0].slug, state="done")
    after = {
        str(e["UID"]): e["DTSTART"].dt for e in parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK))
    }
    assert set(after) < set(before)
    assert all(after[uid] < before[uid] for uid in after)


def test_the_calendar_name_does_not_repeat_the_track(client):
    client.cookies["django_language"] = "zh-hans"
    report = save_report(client)
    recommended = results(report).recommended
    name = str(icalendar.Calendar.from_ical(download(client, f"/r/{report.token}/plan.ics").content)["X-WR-CALNAME"])
    track = track_of(report, recommended).track.name.zh
    assert report.title.startswith(track) and name == report.title and name.count(track) == 1
    # A title of the person's own gets the track in front, once.
    report.title = "我的转岗计划"
    report.save(update_fields=["title"])
    name = str(icalendar.Calendar.from_ical(download(client, f"/r/{report.token}/plan.ics").content)["X-WR-CALNAME"])
    assert name == f"{track} · 我的转岗计划"
    # A default title saved in English starts with the English name: no Chinese name in front of it either.
    report.title = f"{track_of(report, recommended).track.name.en} · Dec. 8, 2026"
    report.save(update_fields=["title"])
    name = str(icalendar.Calendar.from_ical(download(client, f"/r/{report.token}/plan.ics").content)["X-WR-CALNAME"])
    assert name == report.title


def test_an_event_says_the_step_its_evidence_the_practice_and_links_the_report(client):
    report = save_report(client)
    step = steps_of(report)[0]
    event = parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK))[0]
    text = str(event["DESCRIPTION"])
    hours = step.effort_hours
    assert text.startswith(step.title.en)
    assert f"{hours} hours of practice" in text and "At 5 h a week: session 1 of" in text
    assert step.evidence.en and f"Evidence: {step.evidence.en}" in text
    assert step.practice.en in text
    for resource in step.links:
        if resource.language in ("en", "both"):
            assert resource.url in text
    link = f"http://testserver/r/{report.token}/"
    assert f"Your report: {link}" in text and str(event["URL"]) == link


def test_commas_semicolons_backslashes_and_line_breaks_read_back_as_written():
    text = "Write a PRD, then review it; C:\\docs\nsecond line，第二行；"
    start = datetime.datetime(2027, 3, 6, 10, tzinfo=SHANGHAI)
    event = ics.Event("u-1@x", start, start + datetime.timedelta(hours=5), text, text * 5, "https://x/r/a/", "r")
    body = ics.calendar([event], name="A, B; C", stamp=timezone.now())
    parsed = icalendar.Calendar.from_ical(body.encode())
    (read,) = parsed.walk("VEVENT")
    assert str(read["SUMMARY"]) == text and str(read["DESCRIPTION"]) == text * 5
    assert str(parsed["X-WR-CALNAME"]) == "A, B; C"
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_the_text_is_in_the_readers_language(client):
    report = save_report(client)
    client.cookies["django_language"] = "zh-hans"
    events = parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK))
    steps = steps_of(report)
    assert str(events[0]["SUMMARY"]).startswith(steps[0].title.zh)
    assert steps[0].practice.zh in str(events[0]["DESCRIPTION"])
    assert steps[0].evidence.zh in str(events[0]["DESCRIPTION"])
    assert raw_lines_fit(download(client, f"/r/{report.token}/plan.ics", track=TRACK).content)


def raw_lines_fit(raw: bytes) -> bool:
    return all(len(line) <= 75 and line.decode("utf-8") is not None for line in raw.split(b"\r\n"))


# --- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "says"),
    [
        ("2027-02-30", "year-month-day"),
        ("next week", "year-month-day"),
        ("2001-01-01", "today or a later day"),
        ((datetime.date.today() - datetime.timedelta(days=2)).isoformat(), "today or a later day"),
        ((datetime.date.today() + datetime.timedelta(days=400)).isoformat(), "within a year"),
    ],
)
def test_a_bad_start_date_gets_a_400_that_says_why(client, start, says):
    report = save_report(client)
    response = client.get(f"/r/{report.token}/plan.ics", {"start": start})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Check when the sessions go" in page and says in page


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"weekday": "7"}, "day of the week from the list"),
        ({"weekday": "saturday"}, "day of the week from the list"),
        ({"weekday": "-1"}, "day of the week from the list"),
        ({"at": "25:00"}, "hours:minutes"),
        ({"at": "10"}, "hours:minutes"),
        ({"at": "10:00:00:00"}, "hours:minutes"),
    ],
)
def test_a_bad_weekday_or_time_gets_a_400_that_says_why(client, params, says):
    report = save_report(client)
    response = client.get(f"/r/{report.token}/plan.ics", params)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Check when the sessions go" in page and says in page


def test_an_empty_weekday_and_time_fall_back_to_saturday_at_ten(client):
    report = save_report(client)
    events = parse(download(client, f"/r/{report.token}/plan.ics", weekday="", at=""))
    start = events[0]["DTSTART"].dt
    assert (start.weekday(), start.hour, start.minute) == (5, 10, 0)


def test_today_and_a_year_ahead_are_accepted_and_yesterday_for_people_behind_the_servers_clock(client):
    report = save_report(client)
    today = timezone.localdate()
    for start in (today - datetime.timedelta(days=1), today, today + datetime.timedelta(days=366)):
        events = parse(download(client, f"/r/{report.token}/plan.ics", start=start.isoformat()))
        assert start <= events[0]["DTSTART"].dt.date() <= start + datetime.timedelta(days=7)


def test_an_unknown_track_gets_a_404_naming_it(client):
    report = save_report(client)
    response = client.get(f"/r/{report.token}/plan.ics", {"track": "astronaut"})
    assert response.status_code == 404
    assert "No such track" in response.content.decode() and "astronaut" in response.content.decode()


def test_a_track_with_every_step_finished_gets_a_clear_409(client):
    report = save_report(client)
    StepProgress.objects.bulk_create(StepProgress(report=report, step=s.slug, state="done") for s in steps_of(report))
    response = client.get(f"/r/{report.token}/plan.ics", {"track": TRACK})
    assert response.status_code == 409 and "Nothing left to plan" in response.content.decode()
    page = client.get(f"/r/{report.token}/?track={TRACK}").content.decode()
    assert "nothing left to put in a calendar" in page and "Add the plan to my calendar" not in page


# --- who may download it ------------------------------------------------------------


def test_a_wrong_token_gets_a_404(client):
    save_report(client)
    assert client.get("/r/not-a-token/plan.ics").status_code == 404
    assert client.get("/s/not-a-token/plan.ics").status_code == 404


def test_another_account_cannot_download_it(client):
    client.force_login(alice())
    report = save_report(client)
    stranger = Client()
    stranger.force_login(bob())
    assert stranger.get(f"/r/{report.token}/plan.ics").status_code == 404
    assert Client().get(f"/r/{report.token}/plan.ics").status_code == 302  # asked to log in


def test_the_shared_link_gets_the_plan_linking_to_the_shared_page_never_the_private_one(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    reader = Client()
    page = reader.get(f"/s/{report.share_token}/").content.decode()
    assert f'action="/s/{report.share_token}/plan.ics"' in page and report.token not in page
    response = download(reader, f"/s/{report.share_token}/plan.ics", track=TRACK)
    assert report.token.encode() not in response.content.replace(b"\r\n ", b"")
    events = parse(response)
    assert str(events[0]["URL"]) == f"http://testserver/s/{report.share_token}/"
    client.post(f"/r/{report.token}/share/", {"action": "revoke"})
    assert reader.get(f"/s/{report.share_token}/plan.ics").status_code == 404


def test_the_report_page_offers_the_form_for_the_track_in_view(client):
    report = save_report(client)
    page = client.get(f"/r/{report.token}/?track={TRACK}").content.decode()
    assert f'action="/r/{report.token}/plan.ics"' in page and 'method="get"' in page
    assert f'name="track" value="{TRACK}"' in page
    assert f'name="start" value="{timezone.localdate():%Y-%m-%d}"' in page
    assert '<option value="5" selected>Saturday</option>' in page and 'name="at" value="10:00"' in page
    assert "phone’s own calendar, Outlook, DingTalk or Feishu" in page
    assert "WeChat" not in page
    assert "Add the plan to my calendar" in page
    # Switching tracks with htmx re-sends the form out of band, for the new track.
    other = next(t.track.slug for t in results(report).tracks if t.steps and t.track.slug != TRACK)
    partial = client.get(
        f"/r/{report.token}/?track={other}", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="report-body"
    ).content.decode()
    assert 'id="plan-calendar"' in partial and 'hx-swap-oob="true"' in partial
    assert f'name="track" value="{other}"' in partial


def test_a_download_makes_a_bounded_number_of_queries(client, warm, django_assert_max_num_queries):
    report = save_report(client)
    with django_assert_max_num_queries(8):
        download(client, f"/r/{report.token}/plan.ics", track=TRACK)


def test_without_hours_a_week_the_plan_is_paced_at_five_and_says_so(client):
    report = save_report(client)
    report.snapshot["results"]["hours_per_week"] = None
    report.save(update_fields=["snapshot"])
    events = parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK))
    first = steps_of(report)[0].effort_hours
    assert events[0]["DTEND"].dt - events[0]["DTSTART"].dt == datetime.timedelta(hours=min(first, 5))
    assert "At 5 h a week" in str(events[0]["DESCRIPTION"])
    assert "(you did not say how many hours a week you have)" in str(events[0]["DESCRIPTION"])


# --- WeChat's browser ---------------------------------------------------------------


def test_inside_wechat_the_page_says_the_file_cannot_be_downloaded_there_and_offers_the_link(client):
    report = save_report(client)
    url = f"/r/{report.token}/?track={TRACK}"
    plain = client.get(url).content.decode()  # kept in the page cache first: WeChat must not get this copy
    client.cookies["django_language"] = "zh-hans"
    page = client.get(url, HTTP_USER_AGENT=WECHAT).content.decode()
    assert "微信内置浏览器" in page
    assert 'id="calendar-page-link"' in page and f'value="http://testserver/r/{report.token}/"' in page
    assert 'data-copy="calendar-page-link"' in page
    assert 'id="calendar-page-link"' not in plain
    # And the other way round: the page kept for WeChat is not sent to other browsers.
    assert 'id="calendar-page-link"' not in client.get(url).content.decode()


def test_the_read_only_page_inside_wechat_offers_the_read_only_link(client):
    report = save_report(client)
    client.post(f"/r/{report.token}/share/", {"action": "create"})
    report.refresh_from_db()
    page = Client().get(f"/s/{report.share_token}/", HTTP_USER_AGENT=WECHAT).content.decode()
    assert "WeChat’s browser cannot add files to your calendar" in page
    assert f'value="http://testserver/s/{report.share_token}/"' in page and report.token not in page
