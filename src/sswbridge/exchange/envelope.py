"""The canonical envelope of a sent communication and its content hash.

The envelope is what one installation would hand another: a plain JSON object that names
everything by stable identifiers (UUIDs, framework, side and agency codes), never by local
database keys or user accounts. Its canonical form is UTF-8 JSON with sorted keys and no
insignificant whitespace, and times in UTC with microseconds, so both installations compute
the same bytes. `content_hash` is the SHA-256 of those bytes, set once at sending.

A later version delivering between two installations signs the same bytes (for example with
Ed25519 keys registered per side), sends envelope + signature, and the receiver recomputes
the hash before accepting it. The `schema` member lets the envelope evolve.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sswbridge.exchange.models import Communication

SCHEMA = "sswbridge.communication/1"


def _utc(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def envelope(communication: Communication) -> dict[str, Any]:
    """The content of a sent communication, as both installations would see it."""
    c = communication
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "id": str(c.pk),
        "version": c.version,
        "framework": c.framework.code,
        "from": {"side": c.originator_side.code, "agency": c.originator_agency.code},
        "to": {"side": c.recipient_side.code, "agency": c.recipient_agency.code},
        "kind": c.kind,
        "marking": c.marking,
        "subject": c.subject,
        "body": c.body,
        "payload": c.payload,
        "in_reply_to": str(c.in_reply_to_id) if c.in_reply_to_id else None,
        "supersedes": str(c.supersedes_id) if c.supersedes_id else None,
        "due_date": c.due_date.isoformat() if c.due_date else None,
        "sent_at": _utc(c.sent_at),
    }
    files = [
        {
            "id": str(a.pk),
            "name": a.original_name,
            "content_type": a.content_type,
            "size": a.size,
            "sha256": a.sha256,
            "marking": a.marking,
        }
        for a in c.attachments.order_by("pk")
    ]
    if files:  # absent rather than empty, so earlier envelopes keep their hashes
        data["attachments"] = files
    named = sorted(
        str(pk) for pk in c.intermediary_mentions.values_list("intermediary_id", flat=True)
    )
    if named:  # likewise absent when it names none
        data["intermediaries"] = named
    return data


def canonical_bytes(data: dict[str, Any]) -> bytes:
    text = json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def compute_hash(communication: Communication) -> str:
    return hashlib.sha256(canonical_bytes(envelope(communication))).hexdigest()


def hash_matches(communication: Communication) -> bool:
    return bool(communication.content_hash) and compute_hash(communication) == (
        communication.content_hash
    )
