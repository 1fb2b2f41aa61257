"""The checkpoint a receipt carries: this node's audit chain head (entry number and hash) and
its digests of the shared history with the peer (streams.py): what it holds of the peer's
stream ("received") and of its own to the peer ("sent"), signed with the node key. The peer
keeps it (PeerCheckpoint) after checking its signature; one that goes backwards or whose
digest differs from the peer's own records is kept flagged, with an audit entry."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db import IntegrityError, transaction
from django.utils import timezone

from sswbridge.audit import services as audit
from sswbridge.audit.models import GENESIS_HASH, AuditChainHead
from sswbridge.core import nodekey
from sswbridge.federation import canonical
from sswbridge.federation.anchors import streams
from sswbridge.federation.models import Direction, Peer, PeerCheckpoint
from sswbridge.frameworks.models import Framework, Side

FORMAT = "sswbridge-federation-checkpoint/1"
CONTEXT = b"sswbridge federation checkpoint\n"
FIELDS = (
    "format",
    "framework",
    "node_side",
    "peer_side",
    "audit_seq",
    "audit_hash",
    "received",
    "sent",
    "created_at",
    "key_id",
)
BACKWARDS = "backwards"
DIVERGES = "diverges"


class BadCheckpoint(Exception):
    """A checkpoint that is malformed or whose signature does not verify."""


def timestamp(at: dt.datetime) -> str:
    return at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def audit_head() -> tuple[int, str]:
    head = AuditChainHead.objects.filter(pk=1).values_list("last_seq", "last_hash").first()
    return head if head is not None else (0, GENESIS_HASH)


def issue(framework: Framework, own_side: Side, peer_side: Side) -> dict[str, Any]:
    """This node's checkpoint for the peer that hosts `peer_side`, signed:
    {"checkpoint": {...}, "signature": base64}."""
    key = nodekey.current()
    seq, head_hash = audit_head()
    document = {
        "format": FORMAT,
        "framework": framework.code,
        "node_side": own_side.code,
        "peer_side": peer_side.code,
        "audit_seq": seq,
        "audit_hash": head_hash,
        "received": streams.contiguous_digest(Direction.IN, framework, peer_side),
        "sent": streams.contiguous_digest(Direction.OUT, framework, own_side),
        "created_at": timestamp(timezone.now()),
        "key_id": key.key_id,
    }
    return {"checkpoint": document, "signature": key.sign(CONTEXT, canonical.dumps(document))}


def _stream(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and sorted(value) == ["digest", "upto"]
        and type(value["upto"]) is int
        and isinstance(value["digest"], str)
    )


def verify(signed: Any, keys: dict[str, Ed25519PublicKey]) -> dict[str, Any]:
    """The checkpoint's document when it is well formed and signed by one of `keys`."""
    if not isinstance(signed, dict) or not isinstance(signed.get("checkpoint"), dict):
        raise BadCheckpoint("no checkpoint")
    document: dict[str, Any] = signed["checkpoint"]
    if sorted(document) != sorted(FIELDS) or document["format"] != FORMAT:
        raise BadCheckpoint("malformed checkpoint")
    if type(document["audit_seq"]) is not int or not all(
        _stream(document[name]) for name in ("received", "sent")
    ):
        raise BadCheckpoint("malformed checkpoint")
    key = keys.get(str(document["key_id"]))
    if key is None:
        raise BadCheckpoint("signed by a key this node does not know for the peer")
    try:
        key.verify(
            base64.b64decode(str(signed.get("signature", "")), validate=True),
            CONTEXT + canonical.dumps(document),
        )
        dt.datetime.fromisoformat(str(document["created_at"]).replace("Z", "+00:00"))
    except (InvalidSignature, ValueError) as exc:
        raise BadCheckpoint("bad signature") from exc
    return document


def created_at(document: dict[str, Any]) -> dt.datetime:
    return dt.datetime.fromisoformat(str(document["created_at"]).replace("Z", "+00:00"))


def own_side(peer: Peer) -> Side | None:
    from sswbridge.federation import hosting

    return next((s for s in hosting.hosted_sides(peer.framework) if s.pk != peer.side_id), None)


def disagreement(peer: Peer, document: dict[str, Any]) -> str:
    """Where the peer's digests of the shared history differ from this node's records (only
    the parts this node holds in full); empty when they agree."""
    own = own_side(peer)
    if own is None:
        return ""
    received, sent = document["received"], document["sent"]
    ours = streams.digest(Direction.OUT, peer.framework, own, received["upto"])
    if ours is not None and ours != received["digest"]:
        return f"the peer's digest of this node's envelopes 1..{received['upto']} differs"
    theirs = streams.digest(Direction.IN, peer.framework, peer.side, sent["upto"])
    if theirs is not None and theirs != sent["digest"]:
        return f"the peer's digest of its envelopes 1..{sent['upto']} differs from those here"
    return ""


def store(
    peer: Peer, signed: Any, keys: dict[str, Ed25519PublicKey], *, envelope_id: str = ""
) -> PeerCheckpoint | None:
    """Keep a checkpoint the peer sent (BadCheckpoint when it does not verify or names other
    sides); the same checkpoint twice is kept once. None when `signed` carries none."""
    if signed is None:
        return None
    document = verify(signed, keys)
    if document["framework"] != peer.framework.code or document["node_side"] != peer.side.code:
        raise BadCheckpoint("the checkpoint is about other sides")
    existing = PeerCheckpoint.objects.filter(peer=peer, signature=signed["signature"]).first()
    if existing is not None:
        return existing
    flag, detail = "", ""
    last = PeerCheckpoint.objects.filter(peer=peer).order_by("-created_at", "-id").first()
    if last is not None and (
        document["audit_seq"] < last.audit_seq
        or document["received"]["upto"] < last.document["received"]["upto"]
        or document["sent"]["upto"] < last.document["sent"]["upto"]
    ):
        flag = BACKWARDS
        detail = (
            f"audit entry #{document['audit_seq']} after #{last.audit_seq}; received "
            f"{document['received']['upto']} after {last.document['received']['upto']}; sent "
            f"{document['sent']['upto']} after {last.document['sent']['upto']}"
        )
    mismatch = disagreement(peer, document)
    if mismatch:
        flag, detail = DIVERGES, mismatch
    try:
        with transaction.atomic():
            row = PeerCheckpoint.objects.create(
                peer=peer,
                created_at=created_at(document),
                audit_seq=document["audit_seq"],
                audit_hash=str(document["audit_hash"]),
                key_id=str(document["key_id"]),
                signature=str(signed["signature"]),
                document=document,
                envelope_id=envelope_id,
                flag=flag,
                flag_detail=detail[:500],
            )
    except IntegrityError:  # stored meanwhile by another pass
        return PeerCheckpoint.objects.filter(peer=peer, signature=signed["signature"]).first()
    if flag:
        audit.record(
            actor=None,
            action=f"federation.checkpoint_{flag}",
            obj=peer,
            framework=peer.framework,
            side_code=own.code if (own := own_side(peer)) else "",
            changes={"checkpoint": row.pk, "detail": detail, "envelope": envelope_id},
        )
    return row
