"""Hashing and verification of the audit chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from sswbridge.audit import checkpoints
from sswbridge.audit.checkpoints import Checkpoint
from sswbridge.audit.models import GENESIS_HASH, AuditChainHead, AuditEntry
from sswbridge.core import nodekey

# What an entry's signature covers: this context, then its hash (64 hex digits).
ENTRY_CONTEXT = b"sswbridge audit entry\n"

HASHED_FIELDS = (
    "seq",
    "created_at",
    "actor_id",
    "actor_label",
    "side_code",
    "agency_code",
    "framework_code",
    "action",
    "object_type",
    "object_id",
    "changes",
    "prev_hash",
)


def _canonical_time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _canonical_json(value: Any) -> Any:
    """Whole floats as integers: PostgreSQL's jsonb gives 1e20 back as 100000000000000000000."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _canonical_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical_json(item) for item in value]
    return value


def entry_content(values: dict[str, Any]) -> bytes:
    doc = {name: values[name] for name in HASHED_FIELDS}
    doc["created_at"] = _canonical_time(values["created_at"])
    doc["changes"] = _canonical_json(values["changes"])
    return json.dumps(
        doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode()


def compute_hash(values: dict[str, Any]) -> str:
    return hashlib.sha256(entry_content(values)).hexdigest()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    verified: int
    broken_seq: int | None = None
    reason: str = ""
    # Of an intact chain: the last entry's hash, how many entries at its start carry no
    # signature (written before the node key existed), the keys that signed the others, the
    # checkpoints it matched (the latest last), the restores it accepts and the checkpoints
    # those superseded.
    last_hash: str = GENESIS_HASH
    unsigned: int = 0
    key_ids: tuple[str, ...] = ()
    checkpoints: tuple[Checkpoint, ...] = ()
    restores: tuple[Checkpoint, ...] = ()
    superseded: tuple[Checkpoint, ...] = ()

    @property
    def checkpoint(self) -> Checkpoint | None:
        return self.checkpoints[-1] if self.checkpoints else None


def _values(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in HASHED_FIELDS}


def _matches_hash(entry: AuditEntry) -> bool:
    try:
        return compute_hash(_values(entry)) == entry.entry_hash
    except (TypeError, ValueError, AttributeError):
        # A value edited into something the ORM cannot read back (say, a malformed time).
        return False


def _signature_problem(
    entry: AuditEntry, trusted: dict[str, nodekey.PublicKey], signed_before: bool
) -> str | None:
    """Why the entry's signature cannot be accepted, or None. An entry without a signature is
    accepted only before the first signed one: the entries of an installation older than its
    node key. Once entries are signed, every later one must be."""
    if not entry.signature and not entry.key_id:
        return _("carries no signature, after signed entries") if signed_before else None
    key = trusted.get(entry.key_id)
    if key is None:
        return _("is signed by an unknown key %(key)s") % {"key": nodekey.grouped(entry.key_id)}
    if not key.verify(ENTRY_CONTEXT, entry.entry_hash.encode(), entry.signature):
        return _("its signature does not match its hash")
    return None


def verify_chain(entries: Iterable[AuditEntry] | None = None) -> VerifyResult:
    """Walk the chain in sequence order; report the first entry that does not fit.

    Each entry must link to the one before, match its hash, carry a valid signature of a
    trusted node key (core/nodekey.py; unsigned entries only at the start, as legacy) and match
    every current checkpoint (audit/checkpoints.py) that pins it; and the chain must still reach
    the entry of every current checkpoint, so a deleted tail is reported by the checkpoint that
    pinned it.

    The checkpoints and the head are read before the entries: entries appended meanwhile by
    concurrent writers come after them and must still link, but cannot make an intact chain
    look broken.
    """
    try:
        trusted = nodekey.trusted()
    except nodekey.NodeKeyError as exc:
        return VerifyResult(
            False, 0, None, _("signatures cannot be checked: %(error)s") % {"error": exc}
        )
    found = checkpoints.load(trusted)
    current = found.current()
    pinned: dict[int, list[Checkpoint]] = {}
    for checkpoint in current:
        pinned.setdefault(checkpoint.seq, []).append(checkpoint)
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq = head.last_seq if head else 0
    head_hash = head.last_hash if head else GENESIS_HASH
    if entries is None:
        entries = AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)
    expected_seq = 1
    prev_hash = GENESIS_HASH
    count = 0
    unsigned = 0
    key_ids: dict[str, None] = {}
    for entry in entries:
        if entry.seq != expected_seq:
            reason = _("expected entry #%(expected)s, found #%(found)s") % {
                "expected": expected_seq,
                "found": entry.seq,
            }
            return VerifyResult(False, count, expected_seq, reason)
        if entry.prev_hash != prev_hash:
            return VerifyResult(False, count, entry.seq, _("does not link to the previous entry"))
        if not _matches_hash(entry):
            return VerifyResult(False, count, entry.seq, _("content does not match its hash"))
        problem = _signature_problem(entry, trusted, bool(key_ids))
        if problem is not None:
            return VerifyResult(False, count, entry.seq, problem)
        if entry.key_id:
            key_ids[entry.key_id] = None
        else:
            unsigned += 1
        for checkpoint in pinned.get(entry.seq, ()):
            if entry.entry_hash != checkpoint.hash:
                reason = _("does not match checkpoint %(name)s of %(time)s") % {
                    "name": checkpoint.name,
                    "time": checkpoint.time_label,
                }
                return VerifyResult(False, count, entry.seq, reason)
        if entry.seq == head_seq and entry.entry_hash != head_hash:
            return VerifyResult(False, count, entry.seq, _("does not match the head of the chain"))
        prev_hash = entry.entry_hash
        expected_seq += 1
        count += 1
    if head is None and count:
        return VerifyResult(False, count, None, _("the head of the chain is missing"))
    if count < head_seq:
        reason = _("the chain ends at #%(last)s, its head says #%(head)s") % {
            "last": count,
            "head": head_seq,
        }
        return VerifyResult(False, count, count + 1, reason)
    beyond = [c for c in current if c.seq > count]
    if beyond:
        checkpoint = beyond[-1]
        reason = _(
            "the chain ends at #%(last)s, but checkpoint %(name)s of %(time)s pins entry #%(seq)s"
        ) % {
            "last": count,
            "name": checkpoint.name,
            "time": checkpoint.time_label,
            "seq": checkpoint.seq,
        }
        return VerifyResult(False, count, count + 1, reason)
    if found.bad:
        path, why = found.bad[0]
        reason = _("checkpoint %(name)s %(why)s") % {"name": path.name, "why": why}
        return VerifyResult(False, count, None, reason)
    # Writers move the head in the transaction that appends: read now, it covers every entry.
    end_seq = AuditChainHead.objects.filter(pk=1).values_list("last_seq", flat=True).first()
    if end_seq is not None and count > end_seq:
        return VerifyResult(False, end_seq, end_seq + 1, _("comes after the head of the chain"))
    return VerifyResult(
        True,
        count,
        last_hash=prev_hash,
        unsigned=unsigned,
        key_ids=tuple(key_ids),
        checkpoints=tuple(current),
        restores=tuple(found.restores()),
        superseded=tuple(found.superseded()),
    )
