"""The plan as an .ics calendar file: its events, dates, text and RFC 5545 form,
parsed back with the icalendar library; bad input; who may download it."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from advisor import scoring
from advisor.reports import ics
from advisor.reports.forms import next_monday
from advisor.reports.models import Report, StepProgress
from tests.fixtures import alice, bob
from tests.questionnaire_helpers import PROMOTER
from tests.reports_helpers import save_report

pytestmark = pytest.mark.usefixtures("seeded")
TRACK = "product-operation"


def track_of(report: Report, slug: str) -> dict:
    return next(t for t in report.snapshot["tracks"] if t["slug"] == slug)


def steps_of(report: Report, slug: str = TRACK) -> list[dict]:
    return [report.snapshot["steps"][s] | {"slug": s} for s in track_of(report, slug)["steps"]]


def download(client, url: str, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content.decode()[:500]
    return response


def parse(response) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return list(calendar.walk("VEVENT"))


def day(value) -> datetime.date:
    return value.dt


# --- events and dates --------------------------------------------------------------


def test_one_event_per_step_still_to_do_in_plan_order_sized_at_the_persons_pace(client):
    report = save_report(client)
    steps = steps_of(report)
    StepProgress.objects.create(report=report, step=steps[0]["slug"], state="done")
    StepProgress.objects.create(report=report, step=steps[2]["slug"], state="skipped")
    StepProgress.objects.create(report=report, step=steps[1]["slug"], state="learning")
    start = timezone.localdate() + datetime.timedelta(days=10)

    events = parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK, start=start.isoformat()))

    todo = [s for i, s in enumerate(steps) if i not in (0, 2)]
    assert [str(e["SUMMARY"]) for e in events] == [s["title"]["en"] for s in todo]
    # PROMOTER has 5 hours a week: each event ends when the hours so far are spent, 7 days per 5 hours.
    assert int(PROMOTER["context"]["hours_per_week"]) == 5
    spent, first = 0, start
    for event, step in zip(events, todo, strict=True):
        spent += step["effort_hours"]
        assert day(event["DTSTART"]) == first
        assert day(event["DTEND"]) == start + datetime.timedelta(days=-(-spent * 7 // 5))
        first = day(event["DTEND"])
    # The calendar ends within the weeks the plan's estimate gives for the same hours.
    weeks = scoring.weeks(spent, 5)
    assert (
        start + datetime.timedelta(weeks=weeks - 1)
        < day(events[-1]["DTEND"])
        <= start + datetime.timedelta(weeks=weeks)
    )


def test_a_step_of_ten_hours_at_five_a_week_spans_two_weeks_and_the_next_follows():
    assert scoring.schedule([10, 3, 1], 5) == [(0, 14), (14, 19), (19, 20)]
    # Short steps at a fast pace still last a day each, one after the other.
    assert scoring.schedule([1, 1, 1], 15) == [(0, 1), (1, 2), (2, 3)]


def test_the_weeks_estimate_is_unchanged_by_counting_in_days():
    for hours in range(0, 200):
        for pace in (1, 2, 5, 10, 15):
            assert scoring.weeks(hours, pace) == -(-hours // pace)
    assert scoring.weeks(10, None) is None and scoring.days(10, 0) is None


def test_it_starts_next_monday_by_default(client):
    report = save_report(client)
    events = parse(download(client, f"/r/{report.token}/plan.ics"))
    monday = next_monday()
    assert day(events[0]["DTSTART"]) == monday and monday.weekday() == 0 and monday > timezone.localdate()


def test_by_default_it_plans_the_recommended_track(client):
    report = save_report(client)
    recommended = report.snapshot["recommended"]
    response = download(client, f"/r/{report.token}/plan.ics")
    titles = [str(e["SUMMARY"]) for e in parse(response)]
    assert titles == [s["title"]["en"] for s in steps_of(report, recommended)]
    assert f"plan-{recommended}-" in response["Content-Disposition"]


def test_the_track_in_view_is_planned_when_asked_for(client):
    report = save_report(client)
    other = next(t["slug"] for t in report.snapshot["tracks"] if t["steps"] and t["slug"] != TRACK)
    titles = [str(e["SUMMARY"]) for e in parse(download(client, f"/r/{report.token}/plan.ics", track=other))]
    assert titles == [s["title"]["en"] for s in steps_of(report, other)]


# --- the file's form ----------------------------------------------------------------


def test_the_file_is_rfc_5545_crlf_folded_at_75_octets_with_the_required_properties(client):
    report = save_report(client)
    response = download(client, f"/r/{report.token}/plan.ics", track=TRACK)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (f'attachment; filename="plan-{TRACK}-{next_monday():%Y-%m-%d}.ics"')
    raw = response.content
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    lines = raw.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long descriptions were folded
    for line in lines:
        line.decode("utf-8")  # no line ends inside a character
    assert lines[:3] == [b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:" + ics.PRODID.encode()]
    assert lines[-1] == b"END:VCALENDAR"
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == len(steps_of(report))
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL"} <= set(event)
        # All-day events: DATE values, not date-times.
        assert type(event["DTSTART"].dt) is datetime.date and event["DTSTART"].params["VALUE"] == "DATE"
        assert isinstance(event["DTSTAMP"].dt, datetime.datetime) and event["DTSTAMP"].dt.tzinfo is not None
        assert event["TRANSP"] == "TRANSPARENT"


def test_uids_are_stable_per_report_and_step_and_name_no_link(client):
    report = save_report(client)
    first = [str(e["UID"]) for e in parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK))]
    later = download(client, f"/r/{report.token}/plan.ics", track=TRACK, start=next_monday() + datetime.timedelta(7))
    assert [str(e["UID"]) for e in parse(later)] == first
    assert len(set(first)) == len(first)
    assert all(report.token not in uid for uid in first)
    other = save_report(Client())
    assert not set(first) & {
        str(e["UID"]) for e in parse(download(Client(), f"/r/{other.token}/plan.ics", track=TRACK))
    }


def test_an_event_says_the_effort_the_practice_the_resources_and_links_the_report(client):
    report = save_report(client)
    step = steps_of(report)[0]
    event = parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK))[0]
    text = str(event["DESCRIPTION"])
    hours = step["effort_hours"]
    assert f"{hours} hours of practice" in text and "At 5 h a week" in text
    assert step["practice"]["en"] in text
    for resource in step["resources"]:
        if resource["language"] in ("en", "both"):
            assert resource["url"] in text
    link = f"http://testserver/r/{report.token}/"
    assert f"Your report: {link}" in text and str(event["URL"]) == link


def test_text_is_escaped_and_folded_without_splitting_a_character():
    tricky = "Copy, paste; then\\write\nnext line"
    assert ics.escape(tricky) == "Copy\\, paste\\; then\\\\write\\nnext line"
    line = "DESCRIPTION:" + "练习写产品需求文档，" * 20
    folded = ics.fold(line)
    parts = folded.encode("utf-8").split(b"\r\n")
    assert len(parts) > 1 and all(len(p) <= 75 for p in parts)
    assert all(p.startswith(b" ") for p in parts[1:])
    assert "".join(p.decode("utf-8")[1:] if i else p.decode("utf-8") for i, p in enumerate(parts)) == line


def test_commas_semicolons_backslashes_and_line_breaks_read_back_as_written():
    text = "Write a PRD, then review it; C:\\docs\nsecond line，第二行；"
    event = ics.Event("u-1@x", datetime.date(2027, 3, 1), datetime.date(2027, 3, 15), text, text * 5, "https://x/r/a/")
    body = ics.calendar([event], name="A, B; C", stamp=timezone.now())
    parsed = icalendar.Calendar.from_ical(body.encode())
    (read,) = parsed.walk("VEVENT")
    assert str(read["SUMMARY"]) == text and str(read["DESCRIPTION"]) == text * 5
    assert "SUMMARY:Write a PRD\\, then review it\\; C:\\\\docs\\nsecond" in body


def test_the_text_is_in_the_readers_language(client):
    report = save_report(client)
    client.cookies["django_language"] = "zh-hans"
    events = parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK))
    steps = steps_of(report)
    assert [str(e["SUMMARY"]) for e in events] == [s["title"]["zh"] for s in steps]
    assert steps[0]["practice"]["zh"] in str(events[0]["DESCRIPTION"])
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
    assert "Check the start date" in page and says in page


def test_today_and_a_year_ahead_are_accepted_and_yesterday_for_people_behind_the_servers_clock(client):
    report = save_report(client)
    today = timezone.localdate()
    for start in (today - datetime.timedelta(days=1), today, today + datetime.timedelta(days=366)):
        events = parse(download(client, f"/r/{report.token}/plan.ics", start=start.isoformat()))
        assert day(events[0]["DTSTART"]) == start


def test_an_unknown_track_gets_a_404_naming_it(client):
    report = save_report(client)
    response = client.get(f"/r/{report.token}/plan.ics", {"track": "astronaut"})
    assert response.status_code == 404
    assert "No such track" in response.content.decode() and "astronaut" in response.content.decode()


def test_a_track_with_every_step_finished_gets_a_clear_409(client):
    report = save_report(client)
    StepProgress.objects.bulk_create(
        StepProgress(report=report, step=s["slug"], state="done") for s in steps_of(report)
    )
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
    assert f'name="start" value="{next_monday():%Y-%m-%d}"' in page
    assert "Add the plan to my calendar" in page
    # Switching tracks with htmx re-sends the form out of band, for the new track.
    other = next(t["slug"] for t in report.snapshot["tracks"] if t["steps"] and t["slug"] != TRACK)
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
    report.snapshot["hours_per_week"] = None
    report.save(update_fields=["snapshot"])
    events = parse(download(client, f"/r/{report.token}/plan.ics", track=TRACK))
    first = steps_of(report)[0]["effort_hours"]
    assert (day(events[0]["DTEND"]) - day(events[0]["DTSTART"])).days == -(-first * 7 // 5)
    assert "At 5 h a week" in str(events[0]["DESCRIPTION"])
    assert "(you did not say how many hours a week you have)" in str(events[0]["DESCRIPTION"])
