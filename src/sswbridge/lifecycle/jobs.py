"""The scheduled job that ends a framework on its termination date (clause 10)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sswbridge.core import jobs
from sswbridge.lifecycle import services


@jobs.handler(services.TERMINATE_JOB)
def terminate(payload: dict[str, Any]) -> None:
    """Payload: optional `today` (YYYY-MM-DD), which fixes the date the job acts on."""
    given = payload.get("today")
    today = dt.date.fromisoformat(given) if given else timezone.localdate()
    services.apply_terminations(today=today)
