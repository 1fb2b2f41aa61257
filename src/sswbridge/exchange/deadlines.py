"""Answer periods in business days: the answering side's calendar (`frameworks/calendar.py`:
its weekend, its country's public holidays, its closures); without a calendar, Monday to
Friday."""

from __future__ import annotations

import datetime as dt

from sswbridge.frameworks.calendar import PLAIN, SideCalendar


def is_business_day(day: dt.date, calendar: SideCalendar = PLAIN) -> bool:
    return calendar.is_business_day(day)


def add_business_days(start: dt.date, days: int, calendar: SideCalendar = PLAIN) -> dt.date:
    """The date `days` business days after `start` (a closed `start` counts from the next
    business day)."""
    return calendar.add_business_days(start, days)
