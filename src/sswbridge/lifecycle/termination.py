"""Clause 10: the memorandum ends six months after the other side receives the notice.

Pure date arithmetic, no database: six calendar months after the date of receipt; when the
later month is shorter, the last day of that month (31 August → 28 or 29 February).
"""

from __future__ import annotations

import calendar
import datetime as dt

NOTICE_MONTHS = 6


def add_calendar_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the last day of a shorter month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last_day))


def termination_date(received_on: dt.date) -> dt.date:
    """The date on which the memorandum ends, for a notice received on `received_on`."""
    return add_calendar_months(received_on, NOTICE_MONTHS)


def days_left(ends_on: dt.date, today: dt.date) -> int:
    """Whole days from `today` until `ends_on` (0 on the day itself, never negative)."""
    return max((ends_on - today).days, 0)
