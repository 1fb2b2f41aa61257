"""Hashing and verification of the audit chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sswbridge.audit.models import GENESIS_HASH, AuditChainHead, AuditEntry

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


def entry_content(values: dict[str, Any]) -> bytes:
    doc = {name: values[name] for name in HASHED_FIELDS}
    doc["created_at"] = _canonical_time(values["created_at"])
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def compute_hash(values: dict[str, Any]) -> str:
    return hashlib.sha256(entry_content(values)).hexdigest()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    verified: int
    broken_seq: int | None = None
    reason: str = ""


def _values(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in HASHED_FIELDS}


def verify_chain(entries: Iterable[AuditEntry] | None = None) -> VerifyResult:
    """Walk the chain in sequence order; report the first entry that does not fit."""
    if entries is None:
        entries = AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)
    expected_seq = 1
    prev_hash = GENESIS_HASH
    count = 0
    for entry in entries:
        if entry.seq != expected_seq:
            return VerifyResult(
                False, count, entry.seq, f"expected entry #{expected_seq}, found #{entry.seq}"
            )
        if entry.prev_hash != prev_hash:
            return VerifyResult(False, count, entry.seq, "does not link to the previous entry")
        if compute_hash(_values(entry)) != entry.entry_hash:
            return VerifyResult(False, count, entry.seq, "content does not match its hash")
        prev_hash = entry.entry_hash
        expected_seq += 1
        count += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq = head.last_seq if head else 0
    head_hash = head.last_hash if head else GENESIS_HASH
    if head_seq != count or head_hash != prev_hash:
        return VerifyResult(
            False, count, count + 1, f"the chain ends at #{count}, its head says #{head_seq}"
        )
    return VerifyResult(True, count)
