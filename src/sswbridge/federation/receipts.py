"""Signed receipts (issue 14, point 4): the receiving node's statement that it holds an
envelope — its id, its content hash, when it arrived and which key says so — signed with the
node key over the RFC 8785 canonical JSON of the receipt (prefixed with RECEIPT_CONTEXT, as
everything the node key signs is). Later kinds (opened, acknowledged, answered) have the same
shape with another `kind`.

Each receipt also carries the receiving node's signed checkpoint (`checkpoint`: its audit
chain's head and its digests of the shared history with the peer, anchors/checkpoints.py),
covered by the receipt's signature and signed on its own, so the sender can keep it apart."""

from __future__ import annotations

import base64
import datetime as dt
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sswbridge.core import nodekey
from sswbridge.federation import canonical

if TYPE_CHECKING:
    from sswbridge.frameworks.models import Framework, Side

RECEIPT_CONTEXT = b"sswbridge federation receipt\n"
DELIVERED = "delivered"
KINDS = (DELIVERED, "opened", "acknowledged", "answered")
FIELDS = ("kind", "envelope_id", "content_hash", "received_at", "receiver_key_id")


def timestamp(at: dt.datetime) -> str:
    """UTC, to the microsecond, as RFC 3339 text."""
    return at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def parse_timestamp(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def issue(
    *,
    envelope_id: str,
    content_hash: str,
    received_at: dt.datetime,
    kind: str = DELIVERED,
    stream: tuple[Framework, Side, Side] | None = None,
) -> dict[str, Any]:
    """A receipt signed with this node's key: {"receipt": {...}, "signature": base64}.
    `stream`: (framework, this node's side, the peer's side), for the checkpoint; by default
    those of the received envelope `envelope_id`."""
    from sswbridge.federation.anchors import checkpoints
    from sswbridge.federation.models import Direction, Envelope

    key = nodekey.current()
    receipt: dict[str, Any] = {
        "kind": kind,
        "envelope_id": str(envelope_id),
        "content_hash": content_hash,
        "received_at": timestamp(received_at),
        "receiver_key_id": key.key_id,
    }
    if stream is None:
        arrived = (
            Envelope.objects.filter(pk=envelope_id, direction=Direction.IN)
            .select_related("framework", "from_side", "to_side")
            .first()
        )
        if arrived is not None:
            stream = (arrived.framework, arrived.to_side, arrived.from_side)
    if stream is not None:
        receipt["checkpoint"] = checkpoints.issue(*stream)
    return {"receipt": receipt, "signature": key.sign(RECEIPT_CONTEXT, canonical.dumps(receipt))}


class BadReceipt(Exception):
    """A receipt that does not prove what it should."""


def check(
    signed: Any,
    *,
    envelope_id: str,
    content_hash: str,
    keys: dict[str, Ed25519PublicKey],
    kind: str = DELIVERED,
) -> dict[str, Any]:
    """The receipt, when it is signed by one of `keys` (by key id) and names this envelope and
    content hash; BadReceipt otherwise."""
    if not isinstance(signed, dict) or not isinstance(signed.get("receipt"), dict):
        raise BadReceipt("no receipt")
    receipt: dict[str, Any] = signed["receipt"]
    plain = {k: v for k, v in receipt.items() if k != "checkpoint"}
    if sorted(plain) != sorted(FIELDS) or not all(isinstance(v, str) for v in plain.values()):
        raise BadReceipt("malformed receipt")
    if "checkpoint" in receipt and not isinstance(receipt["checkpoint"], dict):
        raise BadReceipt("malformed receipt")
    if receipt["kind"] != kind:
        raise BadReceipt(f"a receipt of kind {receipt['kind']!r}, not {kind!r}")
    if receipt["envelope_id"] != str(envelope_id) or receipt["content_hash"] != content_hash:
        raise BadReceipt("the receipt names another envelope or content")
    key = keys.get(receipt["receiver_key_id"])
    if key is None:
        raise BadReceipt("signed by a key this node does not accept from the peer")
    try:
        key.verify(
            base64.b64decode(str(signed.get("signature", "")), validate=True),
            RECEIPT_CONTEXT + canonical.dumps(receipt),
        )
        parse_timestamp(receipt["received_at"])
    except (InvalidSignature, ValueError) as exc:
        raise BadReceipt("bad signature") from exc
    return receipt
