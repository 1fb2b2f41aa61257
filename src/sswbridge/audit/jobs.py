"""The daily checkpoint of the audit chain: queues tomorrow's run first, then writes one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sswbridge.audit import checkpoints
from sswbridge.core import jobs

CHECKPOINT_JOB = "audit.checkpoint"


def schedule(now: dt.datetime | None = None) -> None:
    """Make sure a run is queued for the next 03:00 (one a day, by unique key)."""
    now = timezone.localtime(now)
    slot = now.replace(hour=3, minute=0, second=0, microsecond=0)
    if slot <= now:
        slot += dt.timedelta(days=1)
    jobs.enqueue(CHECKPOINT_JOB, {}, run_after=slot, unique_key=f"{CHECKPOINT_JOB}:{slot:%Y-%m-%d}")


@jobs.handler(CHECKPOINT_JOB)
def checkpoint(payload: dict[str, Any]) -> None:
    """Write a signed checkpoint of the head; fails (and says why in the job's error) when the
    chain no longer matches an earlier checkpoint, so a shortened chain is never pinned."""
    schedule()
    checkpoints.checkpoint_head(reason="daily")
