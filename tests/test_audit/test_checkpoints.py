"""Signed checkpoints of the head: written by verify-audit and by the daily job, outside the
database, one JSON file each."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat

import pytest
from django.core.management import call_command
from django.utils import timezone

from sswbridge.audit import checkpoints
from sswbridge.audit import jobs as audit_jobs
from sswbridge.audit.models import AuditEntry
from sswbridge.core import jobs, nodekey
from sswbridge.core.models import Job

pytestmark = pytest.mark.django_db


def test_verify_audit_writes_a_signed_checkpoint_of_the_last_entry(chain, settings):
    out = io.StringIO()
    call_command("verify-audit", stdout=out)
    [path] = sorted(settings.CHECKPOINT_DIR.glob("*.json"))
    document = json.loads(path.read_text())
    last = AuditEntry.objects.get(seq=5)
    assert (document["seq"], document["hash"], document["reason"]) == (
        5,
        last.entry_hash,
        "verify-audit",
    )
    assert document["key_id"] == nodekey.current().key_id
    assert nodekey.current().public.verify(
        checkpoints.CONTEXT, checkpoints.canonical(document), document["signature"]
    )
    assert f"Checkpoint written: {path} (entry #5)." in out.getvalue()


def test_each_verify_audit_writes_one_more_checkpoint_and_compares_with_the_last(chain, settings):
    call_command("verify-audit", stdout=io.StringIO())
    out = io.StringIO()
    call_command("verify-audit", stdout=out)
    names = sorted(p.name for p in settings.CHECKPOINT_DIR.glob("*.json"))
    assert len(names) == 2
    assert f"matches the latest checkpoint, {names[0]} (entry #5" in out.getvalue()


def test_verify_audit_output_starts_as_before(chain):
    out = io.StringIO()
    call_command("verify-audit", "--no-checkpoint", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Verified 5 audit entries; the chain is intact."
    assert lines[1].startswith("5 entries are signed, by the keys ")


def test_no_checkpoint_leaves_the_directory_alone(chain, settings):
    call_command("verify-audit", "--no-checkpoint", stdout=io.StringIO())
    assert not settings.CHECKPOINT_DIR.exists() or not any(settings.CHECKPOINT_DIR.iterdir())


def test_a_checkpoint_file_is_written_whole_and_leaves_no_temporary_file(chain, settings):
    written = checkpoints.write(seq=5, hash=AuditEntry.objects.get(seq=5).entry_hash, reason="t")
    assert written.path is not None
    assert [p.name for p in settings.CHECKPOINT_DIR.iterdir()] == [written.path.name]
    assert stat.S_IMODE(written.path.stat().st_mode) == 0o644
    assert checkpoints.load().valid == [written]


def test_the_daily_job_writes_a_checkpoint_of_the_head_and_queues_tomorrows(chain):
    jobs.enqueue(audit_jobs.CHECKPOINT_JOB, {}, unique_key="audit.checkpoint:yesterday")
    jobs.discover()
    jobs.run_due_jobs(10)
    [written] = checkpoints.load().valid
    assert (written.seq, written.reason) == (5, "daily")
    pending = Job.objects.filter(kind=audit_jobs.CHECKPOINT_JOB, status="pending")
    assert pending.count() == 1
    # The next 03:00: later today when run before it (the test once failed at 02:19 UTC).
    run_after = pending.get().run_after
    assert timezone.now() < run_after <= timezone.now() + dt.timedelta(days=1)


def test_the_daily_job_fails_rather_than_pin_a_shortened_chain(chain):
    checkpoints.checkpoint_head(reason="daily")
    AuditEntry.objects.filter(seq=5).delete()
    with pytest.raises(checkpoints.CheckpointError):
        audit_jobs.checkpoint({})
    assert len(checkpoints.load().valid) == 1
