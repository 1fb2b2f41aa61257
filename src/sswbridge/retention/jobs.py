"""The daily retention job: queues tomorrow's run first, then erases what is past its period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sswbridge.core import jobs
from sswbridge.retention import services

RETENTION_JOB = "retention.apply"


def schedule(now: dt.datetime | None = None) -> None:
    """Make sure a run is queued for the next 02:00 (one a day, by unique key)."""
    now = timezone.localtime(now)
    slot = now.replace(hour=2, minute=0, second=0, microsecond=0)
    if slot <= now:
        slot += dt.timedelta(days=1)
    jobs.enqueue(RETENTION_JOB, {}, run_after=slot, unique_key=f"{RETENTION_JOB}:{slot:%Y-%m-%d}")


@jobs.handler(RETENTION_JOB)
def apply(payload: dict[str, Any]) -> None:
    """Payload: optional `today` (YYYY-MM-DD), which fixes the date the job acts on."""
    schedule()
    given = payload.get("today")
    services.apply_retention(today=dt.date.fromisoformat(given) if given else None)
