"""Background jobs of the exchange (registered with `core.jobs`, run by the worker)."""

from __future__ import annotations

from typing import Any

from sswbridge.core import jobs
from sswbridge.exchange import notify


@jobs.handler(notify.SWEEP_JOB)
def reminders(payload: dict[str, Any]) -> None:
    """Queue the next hour's sweep first, so that the chain survives a failing run, then
    take every reminder step that is due."""
    notify.schedule_sweep()
    notify.sweep()
