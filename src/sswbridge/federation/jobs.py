"""The periodic delivery pass (every SSWBRIDGE_FEDERATION_POLL_SECONDS), which also retries
after backoff and forgets expired nonces and rate windows. A pass also starts right after a
transaction that queued envelopes commits (trigger.wake)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from sswbridge.core import jobs
from sswbridge.federation import delivery, nonces, ratelimit

DELIVERY_JOB = "federation.deliver"


def schedule(now: dt.datetime | None = None) -> None:
    """Make sure the next pass is queued (one per slot, by unique key)."""
    now = now or timezone.now()
    seconds = settings.FEDERATION_POLL_SECONDS
    slot = (int(now.timestamp()) // seconds + 1) * seconds
    jobs.enqueue(
        DELIVERY_JOB,
        {},
        run_after=dt.datetime.fromtimestamp(slot, dt.UTC),
        unique_key=f"{DELIVERY_JOB}:{slot}",
    )


@jobs.handler(DELIVERY_JOB)
def deliver(payload: dict[str, Any]) -> None:
    schedule()
    delivery.deliver_all()
    nonces.purge()
    ratelimit.purge()
