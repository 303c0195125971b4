"""iCalendar (RFC 5545) files of timed sessions, written with the icalendar
library: time zones (VTIMEZONE) and alarms are where hand-written files go
wrong, and the library also escapes and folds the lines."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar

PRODID = "-//Career path advisor//Plan calendar//EN"
# The people this is for plan their week in China time; the file carries the zone's
# definition, so a phone set to another zone still shows the session at the right hour.
TIME_ZONE = "Asia/Shanghai"
# Enough warning to stop what one is doing and sit down to practise.
REMINDER_BEFORE = datetime.timedelta(minutes=30)


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime.datetime  # aware, in TIME_ZONE
    end: datetime.datetime
    summary: str
    description: str
    url: str = ""
    reminder: str = ""  # the alarm's text; none without it


def calendar(events: Iterable[Event], *, name: str, stamp: datetime.datetime) -> str:
    """A VCALENDAR of timed events with their zone's VTIMEZONE; `stamp` is the DTSTAMP (UTC)."""
    events = list(events)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TIME_ZONE)
    stamp = stamp.astimezone(datetime.UTC)
    # Calendars that keep an imported event replace it only by a higher SEQUENCE: one
    # that grows with the time of download makes a new file update the old events.
    sequence = int(stamp.timestamp()) // 60
    for event in events:
        item = icalendar.Event()
        item.add("uid", event.uid)
        item.add("dtstamp", stamp)
        item.add("sequence", sequence)
        item.add("dtstart", event.start)
        item.add("dtend", event.end)
        item.add("summary", event.summary)
        item.add("description", event.description)
        if event.url:
            item.add("url", event.url, parameters={"VALUE": "URI"})
        if event.reminder:
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", event.reminder)
            alarm.add("trigger", -REMINDER_BEFORE)
            item.add_component(alarm)
        cal.add_component(item)
    if events:
        # Only the years the sessions span: the zone's whole history would add nothing.
        first = min(e.start for e in events).date()
        last = max(e.end for e in events).date() + datetime.timedelta(days=1)
        cal.add_missing_timezones(first_date=first.replace(month=1, day=1), last_date=last)
    return cal.to_ical().decode("utf-8")
