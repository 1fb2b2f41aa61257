"""The daily checkpoint of the audit chain: queues tomorrow's run first, then writes one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sswbridge.audit import checkpoints
from sswbridge.core import jobs

CHECKPOINT_JOB = "audit.checkpoint"


def schedule(now: dt.datetime | None = None) -> None:
    """Make sure a run is queued for the next 03:00 (one a day, by unique key)."""
    jobs.enqueue_daily(CHECKPOINT_JOB, hour=3, now=now)


@jobs.handler(CHECKPOINT_JOB)
def checkpoint(payload: dict[str, Any]) -> None:
    """Write a signed checkpoint of the head; fails (and says why in the job's error) when the
    chain no longer matches an earlier checkpoint, so a shortened chain is never pinned."""
    schedule()
    checkpoints.checkpoint_head(reason="daily")
