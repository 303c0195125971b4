"""iCalendar (RFC 5545) text for all-day events, written by hand: a calendar of
a few all-day events needs escaping and line folding, not a library."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

CRLF = "\r\n"
# RFC 5545 3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
LINE_OCTETS = 75
PRODID = "-//Career path advisor//Plan calendar//EN"


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime.date
    end: datetime.date  # the day after the last one (DTEND is exclusive)
    summary: str
    description: str
    url: str = ""


def escape(text: str) -> str:
    """A TEXT value (3.3.11): backslashes, semicolons, commas and line breaks escaped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(char, escaped)
    return text


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, each continuation
    starting with a space (3.1), never inside a multi-byte UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def calendar(events: Iterable[Event], *, name: str, stamp: datetime.datetime) -> str:
    """A VCALENDAR of all-day events, CRLF line endings, folded; `stamp` is the DTSTAMP (UTC)."""
    dtstamp = stamp.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{_date(event.start)}",
            f"DTEND;VALUE=DATE:{_date(event.end)}",
            f"SUMMARY:{escape(event.summary)}",
            f"DESCRIPTION:{escape(event.description)}",
        ]
        if event.url:
            lines.append(f"URL;VALUE=URI:{event.url}")
        # Weeks of practice fit around other plans: the events do not show the person as busy.
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
