"""A restore from a backup is a legitimate rewind: `record_restore` makes verify-audit accept it."""

from __future__ import annotations

import pytest
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
