"""Hashing and verification of the audit chain."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

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


def _values(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in HASHED_FIELDS}


def _matches_hash(entry: AuditEntry) -> bool:
    try:
        return compute_hash(_values(entry)) == entry.entry_hash
    except (TypeError, ValueError, AttributeError):
        # A value edited into something the ORM cannot read back (say, a malformed time).
        return False


def verify_chain(entries: Iterable[AuditEntry] | None = None) -> VerifyResult:
    """Walk the chain in sequence order; report the first entry that does not fit.

    The head is read before the entries: entries appended meanwhile by concurrent writers
    come after it and must still link, but cannot make an intact chain look broken.
    """
    head = AuditChainHead.objects.filter(pk=1).first()
    head_seq = head.last_seq if head else 0
    head_hash = head.last_hash if head else GENESIS_HASH
    if entries is None:
        entries = AuditEntry.objects.order_by("seq").iterator(chunk_size=2000)
    expected_seq = 1
    prev_hash = GENESIS_HASH
    count = 0
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
    # Writers move the head in the transaction that appends: read now, it covers every entry.
    end_seq = AuditChainHead.objects.filter(pk=1).values_list("last_seq", flat=True).first()
    if end_seq is not None and count > end_seq:
        return VerifyResult(False, end_seq, end_seq + 1, _("comes after the head of the chain"))
    return VerifyResult(True, count)
