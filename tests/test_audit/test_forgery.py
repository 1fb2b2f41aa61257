"""Issue 12, point 6: an operator who can write to the database but does not hold the node key
cannot rewrite the audit chain unnoticed. The forgeries are made with raw SQL, as an operator
would make them, on the test database (SQLite or PostgreSQL)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from sswbridge.audit import checkpoints
from sswbridge.audit.chain import HASHED_FIELDS, compute_hash, verify_chain
from sswbridge.audit.models import AuditEntry
from sswbridge.core import nodekey
from tests.helpers.audit import add_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def long_chain(jp_kg, jp_officer) -> list[AuditEntry]:  # type: ignore[no-untyped-def]
    """120 entries, and the checkpoint that `verify-audit` wrote after them."""
    entries = [add_entry(jp_officer, framework=jp_kg, object_id=str(n)) for n in range(120)]
    call_command("verify-audit", stdout=io.StringIO())
    return entries


def _sql(statement: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _move_head_to(seq: int) -> None:
    last = AuditEntry.objects.get(seq=seq)
    _sql(
        "UPDATE audit_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1",
        [seq, last.entry_hash],
    )


def _rewrite(seq: int, **changed: Any) -> None:
    """Change entry `seq`, then recompute its hash and every later link and hash, and move the
    head: a chain that is whole again, except for what only the node key can make."""
    prev_hash = AuditEntry.objects.get(seq=seq).prev_hash
    for entry in AuditEntry.objects.filter(seq__gte=seq).order_by("seq"):
        values = {name: getattr(entry, name) for name in HASHED_FIELDS}
        if entry.seq == seq:
            values.update(changed)
        values["prev_hash"] = prev_hash
        new_hash = compute_hash(values)
        _sql(
            "UPDATE audit_auditentry SET actor_label = %s, prev_hash = %s, entry_hash = %s "
            "WHERE seq = %s",
            [values["actor_label"], prev_hash, new_hash, entry.seq],
        )
        prev_hash = new_hash
    last = AuditEntry.objects.order_by("-seq").first()
    assert last is not None
    _move_head_to(last.seq)


def _verify_audit_failure() -> str:
    with pytest.raises(CommandError) as failure:
        call_command("verify-audit", stdout=io.StringIO())
    assert failure.value.returncode == 1
    return str(failure.value)


def test_rewriting_entry_100_and_every_later_hash_is_reported_at_entry_100(long_chain):
    _rewrite(100, actor_label="someone-else")
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 100)
    assert "signature" in result.reason


def test_verify_audit_names_the_rewritten_entry(long_chain):
    _rewrite(100, actor_label="someone-else")
    assert "broken at entry #100: its signature does not match its hash" in _verify_audit_failure()


def test_the_hash_recomputation_alone_would_have_passed(long_chain):
    """The forgery is a faithful one: without the signatures, the chain would look intact."""
    _rewrite(100, actor_label="someone-else")
    entries = list(AuditEntry.objects.order_by("seq"))
    assert all(
        compute_hash({name: getattr(e, name) for name in HASHED_FIELDS}) == e.entry_hash
        for e in entries
    )
    assert entries[99].actor_label == "someone-else"


def test_deleting_the_last_entry_and_moving_the_head_is_reported_by_the_checkpoint(long_chain):
    pinned = checkpoints.load().latest()
    assert pinned is not None and pinned.seq == 120
    _sql("DELETE FROM audit_auditentry WHERE seq = %s", [120])
    _move_head_to(119)
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 120)
    assert pinned.name in result.reason and "pins entry #120" in result.reason


def test_verify_audit_names_the_checkpoint_that_no_longer_matches(long_chain):
    pinned = checkpoints.load().latest()
    assert pinned is not None
    _sql("DELETE FROM audit_auditentry WHERE seq >= %s", [118])
    _move_head_to(117)
    message = _verify_audit_failure()
    assert f"the chain ends at #117, but checkpoint {pinned.name}" in message


def test_a_deleted_tail_refilled_with_new_entries_is_reported_by_the_checkpoint(
    long_chain, jp_kg, jp_officer
):
    _sql("DELETE FROM audit_auditentry WHERE seq = %s", [120])
    _move_head_to(119)
    add_entry(jp_officer, framework=jp_kg, object_id="replacement")
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 120)
    assert "does not match checkpoint" in result.reason


def test_the_daily_checkpoint_refuses_to_pin_a_shortened_chain(long_chain):
    _sql("DELETE FROM audit_auditentry WHERE seq = %s", [120])
    _move_head_to(119)
    with pytest.raises(checkpoints.CheckpointError):
        checkpoints.checkpoint_head(reason="daily")
    assert [c.seq for c in checkpoints.load().valid] == [120]


def test_stripping_every_signature_does_not_make_a_rewrite_pass_as_legacy(long_chain):
    _sql("UPDATE audit_auditentry SET key_id = '', signature = ''", [])
    _rewrite(100, actor_label="someone-else")
    result = verify_chain()
    # Without signatures the rewritten entry cannot be named, but the checkpoint's entry moved.
    assert (result.ok, result.broken_seq) == (False, 120)
    assert "does not match checkpoint" in result.reason


def test_an_entry_without_a_signature_after_signed_ones_is_reported(chain):
    _sql("UPDATE audit_auditentry SET key_id = '', signature = '' WHERE seq = %s", [3])
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 3)
    assert "no signature" in result.reason


def test_entries_older_than_the_node_key_are_reported_as_unsigned_legacy(chain):
    _sql("UPDATE audit_auditentry SET key_id = '', signature = '' WHERE seq <= %s", [2])
    result = verify_chain()
    assert (result.ok, result.unsigned, result.verified) == (True, 2, 5)
    out = io.StringIO()
    call_command("verify-audit", stdout=out)
    assert "2 entries (#1–#2) were written before the node key existed" in out.getvalue()


def test_a_signature_copied_from_another_entry_is_reported(chain):
    other = AuditEntry.objects.get(seq=2)
    _sql("UPDATE audit_auditentry SET signature = %s WHERE seq = %s", [other.signature, 4])
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 4)


def test_entries_signed_by_a_different_key_are_reported(chain, settings, tmp_path):
    """The node now holds another key (say, a copy of another node's): what the first key
    signed is not verified and the report names that key."""
    signer = AuditEntry.objects.get(seq=1).key_id
    settings.NODE_KEY_FILE = tmp_path / "other.pem"
    nodekey.generate(settings.NODE_KEY_FILE)
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 1)
    assert f"is signed by an unknown key {nodekey.grouped(signer)}" == result.reason


def test_an_entry_rewritten_and_signed_with_the_forgers_own_key_is_reported(chain, tmp_path):
    forger = nodekey.generate(tmp_path / "forger.pem")
    _rewrite(3, actor_label="someone-else")
    for entry in AuditEntry.objects.filter(seq__gte=3):
        signature = forger.sign(b"sswbridge audit entry\n", entry.entry_hash.encode())
        _sql(
            "UPDATE audit_auditentry SET key_id = %s, signature = %s WHERE seq = %s",
            [forger.key_id, signature, entry.seq],
        )
    result = verify_chain()
    assert (result.ok, result.broken_seq) == (False, 3)
    assert nodekey.grouped(forger.key_id) in result.reason


def test_a_replaced_key_still_verifies_what_it_signed(chain, settings, tmp_path, jp_kg, jp_officer):
    old_key = tmp_path / "node_key.pem"
    old_key.write_bytes(settings.NODE_KEY_FILE.read_bytes())
    old_key.chmod(0o600)
    settings.NODE_KEY_FILE = old_key
    nodekey.generate(old_key, force=True)
    add_entry(jp_officer, framework=jp_kg)
    result = verify_chain()
    assert result.ok, result.reason
    assert len(result.key_ids) == 2


def test_a_checkpoint_edited_by_hand_is_reported(long_chain):
    pinned = checkpoints.load().latest()
    assert pinned is not None and pinned.path is not None
    document = json.loads(pinned.path.read_text())
    document["seq"] = 100
    document["hash"] = AuditEntry.objects.get(seq=100).entry_hash
    pinned.path.write_text(json.dumps(document))
    result = verify_chain()
    assert result.ok is False and pinned.name in result.reason
    assert "signature does not match" in result.reason
