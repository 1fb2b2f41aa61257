"""Each side's calendar and clock (issue 16, point 5).

A business day of a side is a day that is not one of its weekend days, not a public holiday
of its country (from the `holidays` package: no tables of our own) and not in one of its
closures (`SideClosure`: administrative closures every year, one-off closures). Answer
periods count the business days of the answering side, from the day of sending in that
side's time zone.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

import holidays

from sswbridge.frameworks.models import Side, SideClosure

logger = logging.getLogger(__name__)
MONDAY_TO_FRIDAY = (1, 2, 3, 4, 5)


@functools.cache
def public_holidays(country: str) -> Any:
    """The country's public holidays (expanding to every year asked), or None when the
    package does not know the country."""
    try:
        return holidays.country_holidays(country.upper())
    except NotImplementedError:
        logger.warning("no public-holiday calendar for country %r", country)
        return None


@dataclass(frozen=True)
class SideCalendar:
    country: str = ""
    weekend: frozenset[int] = frozenset({6, 7})
    closures: tuple[SideClosure, ...] = field(default=())

    def is_holiday(self, day: dt.date) -> bool:
        found = public_holidays(self.country) if self.country else None
        return found is not None and day in found

    def closure(self, day: dt.date) -> SideClosure | None:
        return next((c for c in self.closures if c.covers(day)), None)

    def is_business_day(self, day: dt.date) -> bool:
        return (
            day.isoweekday() not in self.weekend
            and not self.is_holiday(day)
            and self.closure(day) is None
        )

    def add_business_days(self, start: dt.date, days: int) -> dt.date:
        """The date `days` business days after `start` (a closed `start` counts from the next
        business day)."""
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        remaining = days
        closed = 0
        while remaining > 0:
            current += dt.timedelta(days=1)
            if self.is_business_day(current):
                remaining, closed = remaining - 1, 0
            else:
                closed += 1
                if closed > 366:  # closures that cover a whole year
                    raise ValueError("no business day in a year")
        return current


PLAIN = SideCalendar()  # Monday to Friday, no holidays


def calendar_of(side: Side) -> SideCalendar:
    return SideCalendar(
        country=side.country,
        weekend=frozenset(int(d) for d in side.weekend_days or ()),
        closures=tuple(SideClosure.objects.filter(side=side)),
    )


def zone_of(side: Side) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(side.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_date(side: Side, at: dt.datetime) -> dt.date:
    """The date it is on the side at the moment `at`."""
    return at.astimezone(zone_of(side)).date()


def due_date(side: Side, sent_at: dt.datetime, business_days: int) -> dt.date:
    """The end of an answer period of `business_days` on the answering `side`'s calendar."""
    return calendar_of(side).add_business_days(local_date(side, sent_at), business_days)
