"""The envelope as it travels: one JSON object, sent in its RFC 8785 canonical form. Its
content hash is the SHA-256 of that form; it covers the visible values, their salts and every
field's commitment, never a withheld value."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from sswbridge.federation import canonical
from sswbridge.federation.models import Envelope
from sswbridge.federation.receipts import parse_timestamp, timestamp

VERSION = 1
KEYS = (
    "version",
    "id",
    "framework",
    "from_side",
    "to_side",
    "sequence",
    "kind",
    "created_at",
    "visible",
    "salts",
    "commitments",
)


def body(envelope: Envelope) -> dict[str, Any]:
    return {
        "version": VERSION,
        "id": str(envelope.id),
        "framework": envelope.framework.code,
        "from_side": envelope.from_side.code,
        "to_side": envelope.to_side.code,
        "sequence": envelope.sequence,
        "kind": envelope.kind,
        "created_at": timestamp(envelope.created_at),
        "visible": envelope.payload,
        "salts": envelope.salts,
        "commitments": envelope.commitments,
    }


def encode(envelope: Envelope) -> bytes:
    return canonical.dumps(body(envelope))


def content_hash(data: dict[str, Any]) -> str:
    return canonical.digest(data)


class Malformed(ValueError):
    """The request's body is not an envelope."""


@dataclass(frozen=True)
class Incoming:
    data: dict[str, Any]

    @property
    def id(self) -> uuid.UUID:
        return uuid.UUID(self.data["id"])

    def __getitem__(self, key: str) -> Any:
        return self.data[key]


def _dict_of(value: Any, what: str, item_type: type | None = None) -> dict[str, Any]:
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise Malformed(f"{what} must be an object")
    if item_type is not None and not all(isinstance(v, item_type) for v in value.values()):
        raise Malformed(f"the values of {what} must be {item_type.__name__}")
    return value


def decode(raw: bytes) -> Incoming:
    """Parse and check the shape of a received envelope; Malformed when it is not one."""

    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Malformed("not JSON") from exc
    return checked(data)


def checked(data: Any) -> Incoming:
    """Check the shape of an envelope already parsed (one of a batch); Malformed otherwise."""
    if not isinstance(data, dict) or sorted(data) != sorted(KEYS):
        raise Malformed(f"an envelope has exactly the keys {', '.join(KEYS)}")
    if data["version"] != VERSION:
        raise Malformed(f"version {data['version']!r} is not understood")
    try:
        uuid.UUID(str(data["id"]))
        parse_timestamp(str(data["created_at"]))
    except ValueError as exc:
        raise Malformed("bad id or created_at") from exc
    for key in ("framework", "from_side", "to_side", "kind"):
        if not isinstance(data[key], str) or not data[key] or len(data[key]) > 64:
            raise Malformed(f"{key} must be a short text")
    if type(data["sequence"]) is not int or data["sequence"] < 1:
        raise Malformed("sequence must be a positive whole number")
    _dict_of(data["visible"], "visible")
    _dict_of(data["salts"], "salts", str)
    _dict_of(data["commitments"], "commitments", str)
    return Incoming(data)
