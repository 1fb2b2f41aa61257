"""Signed acts (issue 14): a side's formal act — a written consent, an approval — as a node's
signature over the RFC 8785 canonical JSON of the act, made with the node key (prefixed with
ACT_CONTEXT, as everything the node key signs is). The act names its kind, framework, side,
the record it concerns and a digest of that record's content, and when it was given.

"Written consent of both" is then a pair of signed acts: the one this node made for the side
it hosts, and the peer's, which arrived in an envelope. Either node verifies both: its own
against its node keys (current and retired), the peer's against the keys it accepts from the
peer hosting that side (`verify`)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sswbridge.core import nodekey
from sswbridge.federation import canonical, hosting, keys, receipts
from sswbridge.federation.models import Peer
from sswbridge.frameworks.models import Framework, Side

ACT_CONTEXT = b"sswbridge federation act\n"
FIELDS = ("act", "framework", "side", "subject", "digest", "at", "key_id")


class BadAct(Exception):
    """A signed act that does not prove what it should."""


def digest(content: Any) -> str:
    """SHA-256 (hex) of the canonical JSON of `content`: what the act says was consented to."""
    return hashlib.sha256(canonical.dumps(content)).hexdigest()


def sign(
    *,
    act: str,
    framework: Framework,
    side: Side,
    subject: str,
    content_digest: str,
    at: dt.datetime,
    key: nodekey.NodeKey | None = None,
) -> dict[str, Any]:
    """The act signed with this node's key: {"act": {...}, "signature": base64}."""
    key = key or nodekey.current()
    body = {
        "act": act,
        "framework": framework.code,
        "side": side.code,
        "subject": str(subject),
        "digest": content_digest,
        "at": receipts.timestamp(at),
        "key_id": key.key_id,
    }
    return {"act": body, "signature": key.sign(ACT_CONTEXT, canonical.dumps(body))}


def _keys(framework: Framework, side: Side, at: dt.datetime) -> dict[str, Ed25519PublicKey]:
    """The keys that may sign for `side`: this node's own when it hosts the side, else those
    of the peer hosting it that were accepted at `at`."""
    if hosting.hosts(framework, side):
        return {key_id: key.key for key_id, key in nodekey.trusted().items()}
    peer = Peer.objects.filter(framework=framework, side=side).first()
    if peer is None:
        return {}
    return {row.key_id: keys.public_key(row) for row in peer.keys.all() if row.accepted(at)}


def check(
    signed: Any,
    *,
    act: str,
    framework: Framework,
    side: Side,
    subject: str,
    content_digest: str,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The act, when it is of this kind, for this side and record and content, and signed by
    a key that may sign for the side; BadAct otherwise. `now`: the time at which the key must
    be accepted (on arrival: now; when shown later: the act's own time)."""
    if not isinstance(signed, dict) or not isinstance(signed.get("act"), dict):
        raise BadAct("no act")
    body: dict[str, Any] = signed["act"]
    if sorted(body) != sorted(FIELDS) or not all(isinstance(v, str) for v in body.values()):
        raise BadAct("malformed act")
    expected = {
        "act": act,
        "framework": framework.code,
        "side": side.code,
        "subject": str(subject),
        "digest": content_digest,
    }
    if any(body[name] != value for name, value in expected.items()):
        raise BadAct("the act names another kind, side, record or content")
    try:
        at = receipts.parse_timestamp(body["at"])
    except ValueError:
        raise BadAct("bad time") from None
    key = _keys(framework, side, now or at).get(body["key_id"])
    if key is None:
        raise BadAct("signed by a key that may not sign for this side")
    try:
        key.verify(
            base64.b64decode(str(signed.get("signature", "")), validate=True),
            ACT_CONTEXT + canonical.dumps(body),
        )
    except (InvalidSignature, ValueError) as exc:
        raise BadAct("bad signature") from exc
    return body


def verifies(signed: Any, **expected: Any) -> bool:
    """Whether `signed` checks (see `check`), the key as accepted at the act's own time."""
    try:
        check(signed, **expected)
    except BadAct:
        return False
    return True


def signed_at(signed: Any) -> dt.datetime | None:
    try:
        return receipts.parse_timestamp(signed["act"]["at"])
    except (KeyError, TypeError, ValueError):
        return None
