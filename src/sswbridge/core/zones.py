"""Times shown with their zone (issue 16, point 5): "2026-12-08 16:00 UTC+06",
"2026-12-08 19:00 JST". Pages show times in the reader's zone (`UserTimeZoneMiddleware`
activates it); mail in the recipient's (`timezone.override`)."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import timezone


def abbreviation(at: dt.datetime) -> str:
    """The zone's abbreviation at that moment; a bare offset ("+06") as "UTC+06"."""
    name = at.tzname() or ""
    return f"UTC{name}" if name[:1] in "+-" and name else name


def zoned(value: dt.datetime | None, zone: str | None = None, seconds: bool = False) -> str:
    """`value` in `zone` (default: the active zone), with the zone's abbreviation."""
    if value is None:
        return ""
    tz = zoneinfo.ZoneInfo(zone) if zone else timezone.get_current_timezone()
    local = timezone.localtime(value, tz) if timezone.is_aware(value) else value
    text = local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return f"{text} {abbreviation(local)}".strip()
