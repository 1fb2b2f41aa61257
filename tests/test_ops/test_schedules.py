"""Periodic work is declared by the app that owns it (`jobs.register_schedule` in its
`AppConfig.ready()`); the worker queues whatever was registered, and names no app itself."""

from __future__ import annotations

import pytest

from sswbridge.core.models import Job
from sswbridge.core.worker import Worker

pytestmark = pytest.mark.django_db


def test_the_worker_queues_the_sweep_the_retention_run_and_the_checkpoint() -> None:
    Worker().schedule_periodic()
    assert set(Job.objects.values_list("kind", flat=True)) >= {
        "exchange.reminders",
        "retention.apply",
        "audit.checkpoint",
    }
