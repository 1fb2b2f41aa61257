"""A restore from a backup is a legitimate rewind: `record_restore` makes verify-audit accept it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import connection

from sswbridge.audit import checkpoints
from sswbridge.audit.chain import verify_chain
from sswbridge.audit.checkpoints import record_restore
from sswbridge.audit.models import AuditAction, AuditChainHead, AuditEntry

pytestmark = pytest.mark.django_db


def _rewind_to(seq: int) -> None:
    """What restoring an older backup does to the chain: the entries after `seq` are gone."""
    entry = AuditEntry.objects.get(seq=seq)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE seq > %s", [seq])
    AuditChainHead.objects.filter(pk=1).update(last_seq=seq, last_hash=entry.entry_hash)


def test_a_rewind_without_a_restore_record_fails_by_its_checkpoint(chain):
    checkpoints.checkpoint_head(reason="test")
    _rewind_to(3)
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 4)


def test_a_restore_record_makes_the_rewind_accepted_and_shown(
    chain, django_capture_on_commit_callbacks
):
    pinned = checkpoints.checkpoint_head(reason="test")
    _rewind_to(3)
    with django_capture_on_commit_callbacks(execute=True):
        record_restore(source="backup-2026-12-01")
    result = verify_chain()
    assert result.ok, result.reason
    restore = result.restores[-1]
    assert (restore.restored_to, restore.source, restore.seq) == (3, "backup-2026-12-01", 4)
    assert [c.path for c in result.superseded] == [pinned.path]
    assert AuditEntry.objects.get(seq=4).action == AuditAction.RESTORED


def test_verify_audit_shows_the_restore_and_the_superseded_checkpoint(
    chain, django_capture_on_commit_callbacks
):
    pinned = checkpoints.checkpoint_head(reason="test")
    assert pinned is not None
    _rewind_to(3)
    with django_capture_on_commit_callbacks(execute=True):
        record_restore(source="backup-2026-12-01")
    out = io.StringIO()
    call_command("verify-audit", stdout=out)
    text = out.getvalue()
    assert "Restored from a backup to entry #3 on " in text and "(backup-2026-12-01)" in text
    assert f"superseded by it: {pinned.name}" in text


def test_the_restore_defaults_to_the_head_of_the_restored_database(
    chain, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record_restore()
    restore = checkpoints.load().restores()[-1]
    entry = AuditEntry.objects.get(seq=6)
    assert (restore.restored_to, restore.seq, restore.hash) == (5, 6, entry.entry_hash)
    assert entry.changes["restored_to"] == 5


def test_a_restore_beyond_the_head_is_refused(chain):
    with pytest.raises(ValueError):
        record_restore(to_seq=6)
    assert AuditEntry.objects.count() == 5


def test_a_restore_keeps_checking_checkpoints_up_to_the_entry_restored_to(
    chain, django_capture_on_commit_callbacks
):
    """A "backup" whose past differs from the chain the checkpoints saw is still reported."""
    early = checkpoints.write(seq=2, hash=AuditEntry.objects.get(seq=2).entry_hash, reason="t")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET entry_hash = %s WHERE seq = 2", ["f" * 64])
    _rewind_to(3)
    with django_capture_on_commit_callbacks(execute=True):
        record_restore()
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 2)
    assert early.name not in [c.name for c in result.superseded]
