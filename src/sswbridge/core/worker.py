"""The worker loop: run due jobs, sleep, repeat; stop cleanly on SIGTERM or SIGINT."""

from __future__ import annotations

import logging
import os
import signal
import time
from types import FrameType

from django.conf import settings
from django.db import close_old_connections, connections

from sswbridge.core import jobs

log = logging.getLogger("sswbridge.worker")

BATCH = 50


class Worker:
    def __init__(self, *, poll_seconds: float | None = None, parent_pid: int | None = None) -> None:
        self.poll_seconds = float(poll_seconds or settings.WORKER_POLL_SECONDS)
        self.parent_pid = parent_pid
        self.stopping = False

    def stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        if not self.stopping:
            log.info("worker stopping after the current job")
        self.stopping = True

    def _orphaned(self) -> bool:
        """Started by `serve`: stop when that process is gone, even if it was killed."""
        return self.parent_pid is not None and os.getppid() != self.parent_pid

    def _sleep(self) -> None:
        deadline = time.monotonic() + self.poll_seconds
        while not self.stopping and not self._orphaned() and time.monotonic() < deadline:
            time.sleep(min(0.2, max(deadline - time.monotonic(), 0)))

    def schedule_periodic(self) -> None:
        """Queue the periodic jobs the apps registered (`jobs.register_schedule`; idempotent:
        one per slot, by unique key). Each then queues its own next run, so each chain starts
        with the worker."""
        for name, schedule in jobs.schedules():
            try:
                schedule()
            except Exception:
                log.exception("worker could not schedule the %s; the next start will", name)
                connections.close_all()

    def run_once(self) -> int:
        close_old_connections()
        try:
            return jobs.run_due_jobs(BATCH)
        except Exception:
            # The database may be restarting; keep going, the jobs are safe in their rows.
            log.exception("worker could not run jobs; retrying in %s s", self.poll_seconds)
            connections.close_all()
            return 0

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        jobs.discover()
        self.schedule_periodic()
        log.info("worker started (pid %s), polling every %s s", os.getpid(), self.poll_seconds)
        while not self.stopping and not self._orphaned():
            ran = self.run_once()
            if ran < BATCH:
                self._sleep()
        connections.close_all()
        log.info("worker stopped")
