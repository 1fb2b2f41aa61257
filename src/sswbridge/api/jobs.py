"""The hourly purge of idempotency keys older than 24 hours (api/idempotency.py), so that no
stored answer outlives its day even when its token sends nothing more."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sswbridge.api import idempotency
from sswbridge.core import jobs

PURGE_JOB = "api.purge_idempotency_keys"


def schedule(now: dt.datetime | None = None) -> None:
    """Make sure a purge is queued for the start of the next hour (one an hour, by key)."""
    slot = (now or timezone.now()).replace(minute=0, second=0, microsecond=0)
    slot += dt.timedelta(hours=1)
    jobs.enqueue(PURGE_JOB, {}, run_after=slot, unique_key=f"{PURGE_JOB}:{slot:%Y-%m-%dT%H}")


@jobs.handler(PURGE_JOB)
def purge(payload: dict[str, Any]) -> None:
    schedule()
    idempotency.purge_expired()
