"""The daily retention job: queues tomorrow's run first, then erases what is past its period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sswbridge.core import jobs
from sswbridge.retention import services

RETENTION_JOB = "retention.apply"


def schedule(now: dt.datetime | None = None) -> None:
    """Make sure a run is queued for the next 02:00 (one a day, by unique key)."""
    jobs.enqueue_daily(RETENTION_JOB, hour=2, now=now)


@jobs.handler(RETENTION_JOB)
def apply(payload: dict[str, Any]) -> None:
    """Payload: optional `today` (YYYY-MM-DD), which fixes the date the job acts on."""
    schedule()
    given = payload.get("today")
    services.apply_retention(today=dt.date.fromisoformat(given) if given else None)
