"""Durable background jobs: a job is a row in core.Job, run by `sswbridge worker`.

Enqueue inside the caller's transaction, so the job exists exactly when the change that
asked for it is committed:

    with transaction.atomic():
        ...
        jobs.enqueue("send_mail", {"to": [...], "subject": ..., "body": ...})

Apps register handlers in their own `jobs.py` module with `@handler("kind")`; the worker
imports every installed app's `jobs` module before it runs anything (`discover`, as the admin
discovers `admin.py`). Periodic work is declared the same way: an app registers the function
that queues its next run with `register_schedule` in its `AppConfig.ready()`, and the worker
calls every registered one when it starts. This module names no app.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback
from collections.abc import Callable
from typing import Any

from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from sswbridge.core.models import Job, JobStatus

log = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any]], None]
Schedule = Callable[[], None]

# A claimed job is leased for this long; if its worker dies, another one takes it afterwards.
LEASE = dt.timedelta(minutes=15)
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600

_handlers: dict[str, Handler] = {}
_schedules: dict[str, Schedule] = {}
_discovered = False


class UnknownJobKind(LookupError):
    """No handler is registered for a job's kind."""


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of `kind`; it receives the payload."""

    def register(func: Handler) -> Handler:
        _handlers[kind] = func
        return func

    return register


def discover() -> None:
    """Import every installed app's `jobs` module so that its handlers are registered."""
    global _discovered
    if not _discovered:
        autodiscover_modules("jobs")
        _discovered = True


def register_schedule(name: str, schedule: Schedule) -> None:
    """Declare periodic work (from an app's `AppConfig.ready()`): `schedule()` queues its
    next run, idempotently (one job per slot, by unique key); the job, when it runs, calls
    it again first, so the chain starts with the worker. `name` says what it is in the log."""
    _schedules[name] = schedule


def schedules() -> list[tuple[str, Schedule]]:
    """The registered periodic work, in the order the apps registered it."""
    return list(_schedules.items())


def enqueue(
    kind: str,
    payload: dict[str, Any],
    *,
    run_after: dt.datetime | None = None,
    unique_key: str | None = None,
    max_attempts: int | None = None,
) -> Job:
    """Add a job. With `unique_key`, enqueueing the same key again returns the existing job."""
    values: dict[str, Any] = {
        "kind": kind,
        "payload": payload,
        "run_after": run_after or timezone.now(),
    }
    if max_attempts is not None:
        values["max_attempts"] = max_attempts
    if unique_key is None:
        return Job.objects.create(**values)
    job, _created = Job.objects.get_or_create(unique_key=unique_key, defaults=values)
    return job


def enqueue_daily(kind: str, *, hour: int, now: dt.datetime | None = None) -> Job:
    """Make sure a run of `kind` is queued for the next `hour`:00 local time (one a day, by
    unique key); a daily job calls it first when it runs, so it queues tomorrow's."""
    now = timezone.localtime(now)
    slot = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if slot <= now:
        slot += dt.timedelta(days=1)
    return enqueue(kind, {}, run_after=slot, unique_key=f"{kind}:{slot:%Y-%m-%d}")


def backoff(attempts: int) -> dt.timedelta:
    """Wait before the next try: 30 s, 1 min, 2 min, ... at most one hour."""
    seconds = BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, BACKOFF_MAX_SECONDS))


def _claim() -> Job | None:
    """Take the next due job (or one whose lease ran out) and lease it to this worker."""
    now = timezone.now()
    with transaction.atomic():
        due = Job.objects.filter(
            status__in=[JobStatus.PENDING, JobStatus.RUNNING], run_after__lte=now
        ).order_by("run_after", "id")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, no_key=True)
        job = due.first()
        if job is None:
            return None
        if job.attempts >= job.max_attempts:
            # Its lease ran out during the last allowed attempt: the worker died running it.
            job.status = JobStatus.FAILED
            job.finished_at = now
            job.last_error = job.last_error or "the worker stopped during the last attempt"
            job.save(update_fields=["status", "finished_at", "last_error"])
            return job
        job.status = JobStatus.RUNNING
        job.attempts += 1
        job.run_after = now + LEASE
        job.save(update_fields=["status", "attempts", "run_after"])
        return job


def _finish(job: Job, error: str | None) -> None:
    now = timezone.now()
    if error is None:
        job.status = JobStatus.DONE
        job.finished_at = now
        job.last_error = ""
    elif job.attempts >= job.max_attempts:
        job.status = JobStatus.FAILED
        job.finished_at = now
        job.last_error = error
    else:
        job.status = JobStatus.PENDING
        job.run_after = now + backoff(job.attempts)
        job.last_error = error
    job.save(update_fields=["status", "finished_at", "last_error", "run_after"])


def run_job(job: Job) -> bool:
    """Run one claimed job and record the outcome.

    The handler runs outside any transaction, so that slow I/O (an SMTP server) never holds
    a database lock; a handler that writes calls a service, which has its own transaction.
    """
    func = _handlers.get(job.kind)
    try:
        if func is None:
            raise UnknownJobKind(f"no handler for job kind {job.kind!r}")
        func(dict(job.payload))
    except Exception:
        error = traceback.format_exc(limit=5)
        log.warning("job %s (%s) attempt %s failed:\n%s", job.pk, job.kind, job.attempts, error)
        _finish(job, error)
        return False
    _finish(job, None)
    return True


def run_due_jobs(limit: int = 100) -> int:
    """Run up to `limit` due jobs; return how many were run (successfully or not)."""
    discover()
    count = 0
    while count < limit:
        job = _claim()
        if job is None:
            break
        if job.status == JobStatus.RUNNING:
            run_job(job)
        count += 1
    return count


@handler("send_mail")
def send_mail_job(payload: dict[str, Any]) -> None:
    """Payload: to (an address or a list), subject, body; optional from_email."""
    to = payload["to"]
    recipients = [to] if isinstance(to, str) else list(to)
    send_mail(
        str(payload["subject"]),
        str(payload["body"]),
        payload.get("from_email") or None,
        recipients,
        fail_silently=False,
    )
