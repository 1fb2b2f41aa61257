"""The checks a request to the federation endpoint passes, in order: the signature and the
key (RFC 9421), the peer's rate limit, the time window and the nonce, the body's digest, then
the envelope itself (shape, framework, sides, commitments). Each failure is a `Refused` with a
code; the view writes it to the audit trail."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from sswbridge.federation import commitments, hosting, keys, nonces, ratelimit, signing, wire
from sswbridge.federation.models import Peer
from sswbridge.federation.refusals import Refused
from sswbridge.frameworks.models import Framework, Side

MAX_BATCH = 200


@dataclass
class Context:
    """What is known of a request so far, for the audit entry of a refusal."""

    key_id: str = ""
    envelope_id: str = ""
    framework: Framework | None = None
    side_code: str = ""
    retry_after: int = 0


@dataclass(frozen=True)
class Authenticated:
    key_id: str
    peers: list[Peer]
    body: bytes
    nonce: str
    created: dt.datetime


def authenticate(request: HttpRequest, context: Context, now: dt.datetime) -> Authenticated:
    """The signature, the key, the time window, the digest and the rate limit (the nonce:
    `use_nonce`)."""
    found: list[keys.Found] = []

    def resolve(key_id: str) -> Ed25519PublicKey:
        context.key_id = key_id
        result = keys.accepted(key_id, now)
        found.append(result)
        return keys.public_key(result.rows[0])

    body = request.body
    window = dt.timedelta(seconds=settings.FEDERATION_REPLAY_WINDOW_SECONDS)
    try:
        verified = signing.verify(
            method=request.method or "",
            url=request.build_absolute_uri(),
            headers=dict(request.headers),
            body=body,
            resolve=resolve,
            window=window,
            now=now,
        )
    except signing.RequestRefused as refused:
        context.key_id = refused.key_id or context.key_id
        raise Refused(refused.code, refused.detail) from None
    peers = found[-1].peers
    retry_after = ratelimit.hit(peers[0])
    if retry_after:
        context.retry_after = retry_after
        raise Refused("rate_limited")
    return Authenticated(verified.key_id, peers, body, verified.nonce, verified.created)


def use_nonce(auth: Authenticated) -> None:
    """Record the request's nonce; `replayed_nonce` when it was seen before. Called in the
    transaction that stores what the request brings, so that a request run again after a
    transient database conflict does not find its own nonce."""
    if not nonces.use(auth.key_id, auth.nonce, auth.created):
        raise Refused("replayed_nonce")


@dataclass(frozen=True)
class Addressed:
    incoming: wire.Incoming
    peer: Peer
    framework: Framework
    to_side: Side


def _side(code: str, framework: Framework) -> Side | None:
    return next((s for s in framework.sides() if s.code.lower() == code.lower()), None)


def address(
    auth: Authenticated, context: Context, *, framework_code: str, from_code: str, to_code: str
) -> tuple[Peer, Framework, Side]:
    """The framework, the sending peer (which must own the key) and the side addressed here
    (which this node must host)."""
    framework = Framework.objects.filter(code=framework_code).first()
    if framework is None:
        raise Refused("unknown_framework", framework_code)
    context.framework = framework
    from_side, to_side = _side(from_code, framework), _side(to_code, framework)
    if to_side is None or from_side is None or from_side == to_side:
        raise Refused("not_hosted", f"{from_code} -> {to_code}")
    context.side_code = to_side.code
    if not hosting.hosts(framework, to_side):
        raise Refused("not_hosted", f"{to_side.code} in {framework.code}")
    peer = next(
        (p for p in auth.peers if p.framework_id == framework.pk and p.side_id == from_side.pk),
        None,
    )
    if peer is None:
        raise Refused("peer_mismatch", f"{from_side.code} in {framework.code}")
    return peer, framework, to_side


def envelope(auth: Authenticated, context: Context) -> Addressed:
    """The envelope of an authenticated request, checked against its commitments."""
    try:
        incoming = wire.decode(auth.body)
    except wire.Malformed as exc:
        raise Refused("malformed_envelope", str(exc)) from None
    return addressed(incoming, auth, context)


def batch(auth: Authenticated) -> list[Any]:
    """The envelopes of a batch request: {"envelopes": [envelope, ...]} (each checked later
    on its own, `one_of_batch`)."""
    try:
        data = json.loads(auth.body)
    except (ValueError, UnicodeDecodeError):
        raise Refused("malformed_envelope", "not JSON") from None
    items = data.get("envelopes") if isinstance(data, dict) and len(data) == 1 else None
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_BATCH:
        raise Refused("malformed_envelope", f"a batch is {{'envelopes': [1 to {MAX_BATCH}]}}")
    return items


def one_of_batch(item: Any, auth: Authenticated, context: Context) -> Addressed:
    try:
        incoming = wire.checked(item)
    except wire.Malformed as exc:
        raise Refused("malformed_envelope", str(exc)) from None
    return addressed(incoming, auth, context)


def addressed(incoming: wire.Incoming, auth: Authenticated, context: Context) -> Addressed:
    """The peer, framework and side of a parsed envelope, and its commitments checked."""
    context.envelope_id = str(incoming.id)
    peer, framework, to_side = address(
        auth,
        context,
        framework_code=incoming["framework"],
        from_code=incoming["from_side"],
        to_code=incoming["to_side"],
    )
    wrong = commitments.mismatches(incoming["commitments"], incoming["visible"], incoming["salts"])
    if wrong:
        raise Refused("commitment_mismatch", ", ".join(wrong)[:300])
    return Addressed(incoming, peer, framework, to_side)


def resend_request(auth: Authenticated, context: Context) -> tuple[Peer, Framework, Side, int]:
    """A peer asks for this node's envelopes to it again, from a sequence number on. Body:
    {"framework", "from_side" (this node's side), "to_side" (the peer's), "from_sequence"}."""

    try:
        data: Any = json.loads(auth.body)
        framework_code, from_code, to_code = (
            str(data["framework"]),
            str(data["from_side"]),
            str(data["to_side"]),
        )
        start = data["from_sequence"]
    except (ValueError, KeyError, TypeError):
        raise Refused("bad_request") from None
    if type(start) is not int or start < 1:
        raise Refused("bad_request", "from_sequence")
    # The peer (to_code) asks; this node hosts the stream's sending side (from_code).
    peer, framework, own_side = address(
        auth, context, framework_code=framework_code, from_code=to_code, to_code=from_code
    )
    return peer, framework, own_side, start


def now() -> dt.datetime:
    return timezone.now()


def view_request(auth: Authenticated, context: Context) -> tuple[Peer, Side, list[int]]:
    """A peer asks for this node's view of their shared history (anchors/view.py). Body:
    {"framework", "from_side" (the peer's side), "to_side" (this node's), "pins": [entry
    numbers of this node's audit chain the peer holds checkpoints of]}."""
    try:
        data: Any = json.loads(auth.body)
        framework_code, from_code, to_code = (
            str(data["framework"]),
            str(data["from_side"]),
            str(data["to_side"]),
        )
        pins = data.get("pins", [])
    except (ValueError, KeyError, TypeError, AttributeError):
        raise Refused("bad_request") from None
    if not isinstance(pins, list) or not all(type(n) is int for n in pins):
        raise Refused("bad_request", "pins")
    peer, _framework, own_side = address(
        auth, context, framework_code=framework_code, from_code=from_code, to_code=to_code
    )
    return peer, own_side, pins
