"""iCalendar (RFC 5545) written by hand: a meeting's invitation and each user's calendar feed.

Only what Koordinat needs: events with a time or a whole day, TEXT escaped, lines folded at 75
octets, CRLF line ends. A UID stays the same for the same thing so calendar programs update an
event instead of adding it twice."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from . import clock
from .text import xml_safe

STAMP = "%Y%m%dT%H%M%SZ"


def text(value: str) -> str:
    """RFC 5545 TEXT: a line break of any kind is written as \\n, so no typed text starts a line of its own."""
    lines = "\n".join(xml_safe(value).splitlines())
    return lines.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545: lines longer than 75 octets continue on the next line after a space."""
    if len(line.encode("utf-8")) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for character in line:
        encoded = character.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def host() -> str:
    """The domain part of UIDs: this installation's host name."""
    return getattr(settings, "KOORDINAT_BASE_URL", "http://localhost").split("//")[-1].split("/")[0]


@dataclass(frozen=True)
class Event:
    """One VEVENT. `start` is a date for an all-day event (DTSTART;VALUE=DATE), else an aware time."""

    uid: str
    summary: str
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime | None = None
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False

    def lines(self, stamp: str) -> list[str]:
        lines = ["BEGIN:VEVENT", f"UID:{self.uid}", f"SEQUENCE:{self.sequence}", f"DTSTAMP:{stamp}"]
        if isinstance(self.start, datetime.datetime):
            end = self.end or self.start + datetime.timedelta(hours=2)
            assert isinstance(end, datetime.datetime)
            lines += [
                f"DTSTART:{self.start.astimezone(datetime.UTC).strftime(STAMP)}",
                f"DTEND:{end.astimezone(datetime.UTC).strftime(STAMP)}",
            ]
        else:
            end_day = self.end or self.start + datetime.timedelta(days=1)  # DTEND is exclusive
            lines += [f"DTSTART;VALUE=DATE:{self.start:%Y%m%d}", f"DTEND;VALUE=DATE:{end_day:%Y%m%d}"]
        lines.append(f"SUMMARY:{text(self.summary)}")
        if self.location:
            lines.append(f"LOCATION:{text(self.location)}")
        if self.description:
            lines.append(f"DESCRIPTION:{text(self.description)}")
        if self.url:
            lines.append(f"URL:{self.url}")
        lines += ["STATUS:CANCELLED" if self.cancelled else "STATUS:CONFIRMED", "END:VEVENT"]
        return lines


def calendar(events: Iterable[Event], *, product: str, name: str = "", method: str = "") -> str:
    """A VCALENDAR of the events; `method` is "REQUEST" for an invitation, empty for a feed."""
    stamp = clock.now().astimezone(datetime.UTC).strftime(STAMP)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//Koordinat//{product}//AZ", "CALSCALE:GREGORIAN"]
    if method:
        lines.append(f"METHOD:{method}")
    if name:
        lines.append(f"X-WR-CALNAME:{text(name)}")
    for event in events:
        lines += event.lines(stamp)
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
