"""The webhook job: every WEBHOOKS_POLL_SECONDS, queue the new events of each endpoint and try
the deliveries that are due (webhooks/delivery.py). A failed try waits its backoff in the
delivery's `next_attempt_at`, which a later run picks up; the job itself is durable (core/jobs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from sswbridge.core import jobs
from sswbridge.webhooks import delivery, services

RUN_JOB = "webhooks.run"


def schedule(now: dt.datetime | None = None) -> None:
    """Make sure a run is queued for the next slot (one a slot, by unique key)."""
    step = settings.WEBHOOKS_POLL_SECONDS
    stamp = int((now or timezone.now()).timestamp()) // step * step + step
    slot = dt.datetime.fromtimestamp(stamp, tz=dt.UTC)
    jobs.enqueue(RUN_JOB, {}, run_after=slot, unique_key=f"{RUN_JOB}:{stamp}")


def run(now: dt.datetime | None = None) -> tuple[int, int]:
    """Queue new deliveries, then try the due ones: (queued, tried). Finished deliveries
    older than WEBHOOKS_LOG_DAYS leave the log."""
    services.purge_log(now=now)
    return delivery.collect(), delivery.send_due(now)


@jobs.handler(RUN_JOB)
def run_job(payload: dict[str, Any]) -> None:
    schedule()
    run()
