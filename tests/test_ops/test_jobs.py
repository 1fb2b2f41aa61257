"""Background jobs are rows: they run once, retry with backoff, and fail after their attempts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from sswbridge.core import jobs
from sswbridge.core.models import Job, JobStatus
from tests.helpers.smtp import smtp_server

pytestmark = pytest.mark.django_db

calls: list[dict[str, Any]] = []


@jobs.handler("test_record")
def _record(payload: dict[str, Any]) -> None:
    calls.append(payload)


@jobs.handler("test_explode")
def _explode(payload: dict[str, Any]) -> None:
    raise RuntimeError("the other side is unreachable")


@pytest.fixture(autouse=True)
def _reset_calls() -> None:
    calls.clear()


def test_an_enqueued_job_is_a_pending_row_until_a_worker_runs_it() -> None:
    job = jobs.enqueue("test_record", {"n": 1})
    assert Job.objects.get(pk=job.pk).status == JobStatus.PENDING and calls == []


def test_a_due_job_runs_once_and_is_marked_done() -> None:
    job = jobs.enqueue("test_record", {"n": 1})
    jobs.run_due_jobs(10)
    jobs.run_due_jobs(10)
    job.refresh_from_db()
    assert (calls, job.status, job.attempts) == ([{"n": 1}], JobStatus.DONE, 1)


def test_a_job_scheduled_for_later_waits() -> None:
    jobs.enqueue("test_record", {"n": 1}, run_after=timezone.now() + dt.timedelta(hours=1))
    assert jobs.run_due_jobs(10) == 0


def test_a_failing_job_records_its_error_and_is_retried_later() -> None:
    job = jobs.enqueue("test_explode", {})
    before = timezone.now()
    jobs.run_due_jobs(10)
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING
    assert job.attempts == 1
    assert "the other side is unreachable" in job.last_error
    assert job.run_after >= before + jobs.backoff(1)


def test_a_job_fails_for_good_after_its_maximum_attempts() -> None:
    job = jobs.enqueue("test_explode", {}, max_attempts=3)
    for _ in range(3):
        Job.objects.filter(pk=job.pk).update(run_after=timezone.now())  # skip the backoff
        jobs.run_due_jobs(10)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (JobStatus.FAILED, 3)


def test_backoff_doubles_up_to_an_hour() -> None:
    waits = [jobs.backoff(n).total_seconds() for n in (1, 2, 3, 20)]
    assert waits == [30, 60, 120, 3600]


def test_the_same_unique_key_enqueues_one_job() -> None:
    first = jobs.enqueue("test_record", {"n": 1}, unique_key="reminder:42")
    second = jobs.enqueue("test_record", {"n": 2}, unique_key="reminder:42")
    assert (first.pk == second.pk, Job.objects.filter(kind="test_record").count()) == (True, 1)


def test_a_job_left_running_by_a_dead_worker_is_taken_up_after_its_lease() -> None:
    job = jobs.enqueue("test_record", {"n": 7})
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=1, run_after=timezone.now() - dt.timedelta(seconds=1)
    )
    jobs.run_due_jobs(10)
    job.refresh_from_db()
    assert (calls, job.status) == ([{"n": 7}], JobStatus.DONE)


def test_a_job_of_an_unknown_kind_is_not_lost_but_retried() -> None:
    job = jobs.enqueue("no_such_kind", {})
    jobs.run_due_jobs(10)
    job.refresh_from_db()
    assert job.status == JobStatus.PENDING and "no_such_kind" in job.last_error


def test_send_mail_job_delivers_to_a_real_smtp_server() -> None:
    with (
        smtp_server() as (inbox, port),
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
        ),
    ):
        jobs.enqueue(
            "send_mail",
            {
                "to": ["contact@ceca.example.kg"],
                "subject": "Answer due in 3 days",
                "body": "Inquiry 2025-014 awaits your answer.",
            },
        )
        jobs.run_due_jobs(10)
    assert [(m["Subject"], inbox.recipients) for m in inbox.messages] == [
        ("Answer due in 3 days", ["contact@ceca.example.kg"])
    ]
