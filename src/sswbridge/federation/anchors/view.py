"""A node's signed view of the shared history with one peer, given to that peer on request
(POST /federation/v1/checkpoint, signed like every federation request): a fresh checkpoint,
every envelope of both streams (number, id, content hash, status, hash of the receipt), the
hashes of its audit entries at the numbers the peer holds checkpoints of, its restores, and
the latest checkpoints of the peer's it keeps (so the peer can check its own chain)."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db.models import Q
from django.utils import timezone

from sswbridge.audit.models import AuditAction, AuditEntry
from sswbridge.core import nodekey
from sswbridge.federation import canonical, sequences, transport
from sswbridge.federation.anchors import checkpoints, streams
from sswbridge.federation.models import Direction, Envelope, Peer, PeerCheckpoint
from sswbridge.frameworks.models import Side

FORMAT = "sswbridge-federation-view/1"
CONTEXT = b"sswbridge federation view\n"
HELD = 20  # the peer's latest checkpoints returned to it
PINS = 200  # at most this many audit entries asked for


class ViewFailed(Exception):
    """The peer's view could not be fetched or does not verify."""


def envelopes(peer: Peer, own: Side) -> list[list[Any]]:
    """[from side, sequence, id, content hash, status, receipt hash] of both streams."""
    found = Envelope.objects.filter(
        Q(direction=Direction.OUT, from_side=own, to_side=peer.side)
        | Q(direction=Direction.IN, from_side=peer.side, to_side=own),
        framework=peer.framework,
    ).order_by("from_side_id", "sequence")
    side_codes = {own.pk: own.code, peer.side_id: peer.side.code}
    return [
        [
            side_codes[e.from_side_id],
            e.sequence,
            str(e.pk),
            e.content_hash,
            e.status,
            streams.receipt_hash(e),
        ]
        for e in found
    ]


def restores() -> list[list[Any]]:
    """[restored to, time] of every restore from a backup recorded in the audit chain."""
    rows = AuditEntry.objects.filter(action=AuditAction.RESTORED).values_list(
        "changes", "created_at"
    )
    return [
        [int(changes.get("restored_to", 0)), checkpoints.timestamp(at)]
        for changes, at in rows
        if isinstance(changes, dict)
    ]


def build(peer: Peer, own: Side, pins: list[int]) -> dict[str, Any]:
    """This node's view for `peer`, signed: {"view": {...}, "signature": base64}."""
    key = nodekey.current()
    wanted = sorted({n for n in pins if type(n) is int})[-PINS:]
    hashes = dict(AuditEntry.objects.filter(seq__in=wanted).values_list("seq", "entry_hash"))
    held = PeerCheckpoint.objects.filter(peer=peer).order_by("-created_at", "-id")[:HELD]
    document = {
        "format": FORMAT,
        "framework": peer.framework.code,
        "node_side": own.code,
        "peer_side": peer.side.code,
        "created_at": checkpoints.timestamp(timezone.now()),
        "key_id": key.key_id,
        "checkpoint": checkpoints.issue(peer.framework, own, peer.side),
        "envelopes": envelopes(peer, own),
        "contiguous": sequences.contiguous(peer.framework, peer.side),
        "pins": [[n, hashes.get(n)] for n in wanted],
        "restores": restores(),
        "held": [{"checkpoint": c.document, "signature": c.signature} for c in held],
    }
    return {"view": document, "signature": key.sign(CONTEXT, canonical.dumps(document))}


def all_keys(peer: Peer) -> dict[str, Ed25519PublicKey]:
    """Every key of the peer's, accepted now or not (to check what it signed before)."""
    from sswbridge.federation import keys

    return {row.key_id: keys.public_key(row) for row in peer.keys.all()}


def accepted_keys(peer: Peer, at: dt.datetime) -> dict[str, Ed25519PublicKey]:
    from sswbridge.federation import keys

    return {row.key_id: keys.public_key(row) for row in peer.keys.all() if row.accepted(at)}


def fetch(peer: Peer, own: Side, pins: list[int]) -> dict[str, Any]:
    """Ask `peer` for its view (signed request); its document once its signature verifies."""
    body = canonical.dumps(
        {
            "framework": peer.framework.code,
            "from_side": own.code,
            "to_side": peer.side.code,
            "pins": sorted(set(pins))[-PINS:],
        }
    )
    try:
        answer = transport.post(peer.checkpoint_url, body)
    except transport.Unreachable as error:
        raise ViewFailed(f"unreachable: {error}") from error
    if answer.status != 200:
        raise ViewFailed(f"refused: {answer.code or answer.status}")
    document = answer.data.get("view")
    key = accepted_keys(peer, timezone.now()).get(
        str(document.get("key_id")) if isinstance(document, dict) else ""
    )
    if not isinstance(document, dict) or key is None:
        raise ViewFailed("the view is not signed by a key this node accepts from the peer")
    try:
        key.verify(
            base64.b64decode(str(answer.data.get("signature", "")), validate=True),
            CONTEXT + canonical.dumps(document),
        )
    except (InvalidSignature, ValueError):
        raise ViewFailed("the view's signature does not verify") from None
    if (
        document.get("format") != FORMAT
        or document.get("framework") != peer.framework.code
        or document.get("node_side") != peer.side.code
        or document.get("peer_side") != own.code
    ):
        raise ViewFailed("the view is about other sides")
    return document
