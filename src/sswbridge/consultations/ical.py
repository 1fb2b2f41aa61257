"""A consultation as an iCalendar event (RFC 5545), with the `icalendar` library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from sswbridge.consultations.models import AgendaItem, Consultation

DEFAULT_LENGTH = dt.timedelta(hours=2)


def to_ics(consultation: Consultation, agenda: Iterable[AgendaItem]) -> bytes:
    c = consultation
    calendar = Calendar()
    calendar.add("prodid", "-//SSW Bridge//Consultations//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"consultation-{c.pk}@sswbridge")
    event.add("dtstamp", c.updated_at)
    event.add("dtstart", c.starts_at)
    event.add("dtend", c.ends_at or c.starts_at + DEFAULT_LENGTH)
    event.add("summary", c.title)
    event.add("sequence", c.version)
    if c.place:
        event.add("location", c.place)
    elif c.video_link:
        event.add("location", c.video_link)
    link = str(settings.PUBLIC_URL) + reverse("consultations:detail", args=[c.pk])
    event.add("url", c.video_link or link)
    lines = [f"{item.number}. {item.title}" for item in agenda]
    lines += ["", link]
    event.add("description", "\n".join(lines))
    if c.status == "cancelled":
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
