"""Answer periods in business days (Monday to Friday)."""

from __future__ import annotations

import datetime as dt


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The date `days` business days after `start` (a weekend start counts from Monday)."""
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_business_day(current):
            remaining -= 1
    return current
