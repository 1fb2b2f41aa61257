"""HTTP Message Signatures (RFC 9421, the `http-message-signatures` library) on the requests
between nodes: Ed25519, covering @method, @target-uri and the Content-Digest of the body
(RFC 9530), with the parameters created, nonce and keyid. Each attempt is signed anew with a
fresh nonce; the receiver refuses a request outside its time window or a nonce seen before."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from http_message_signatures import (
    ContentDigest,
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    InvalidSignature,
    algorithms,
)
from http_message_signatures.exceptions import HTTPMessageSignaturesException

from sswbridge.federation.keys import KeyRefused

COVERED = ("@method", "@target-uri", "content-digest")
LABEL = "sswbridge"
TAG = "sswbridge-federation"


@dataclass
class Message:
    """A request as the library reads it: method, absolute URL, header fields."""

    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)


class _Signing(HTTPSignatureKeyResolver):
    def __init__(self, key: Ed25519PrivateKey) -> None:
        self.key = key

    def resolve_private_key(self, key_id: str) -> Ed25519PrivateKey:
        return self.key


def sign(
    url: str,
    body: bytes,
    *,
    private_key: Ed25519PrivateKey,
    key_id: str,
    nonce: str | None = None,
    created: dt.datetime | None = None,
) -> dict[str, str]:
    """The headers of a signed POST of `body` to `url`: Content-Type, Content-Digest,
    Signature-Input and Signature."""
    message = Message("POST", url, {"Content-Type": "application/json"})
    HTTPMessageSigner(
        signature_algorithm=algorithms.ED25519, key_resolver=_Signing(private_key)
    ).sign(
        message,
        key_id=key_id,
        created=created or dt.datetime.now(dt.UTC),
        nonce=nonce or secrets.token_urlsafe(24),
        label=LABEL,
        tag=TAG,
        covered_component_ids=COVERED,
        body=body,
    )
    return message.headers


class RequestRefused(Exception):
    """Why a signed request is refused: `code` (for the machine), `detail` (for the log)."""

    def __init__(self, code: str, detail: str = "", key_id: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.key_id = key_id


@dataclass(frozen=True)
class Verified:
    key_id: str
    nonce: str
    created: dt.datetime


class _Verifying(HTTPSignatureKeyResolver):
    def __init__(self, resolve: Callable[[str], Ed25519PublicKey]) -> None:
        self.resolve = resolve
        self.key_id = ""

    def resolve_public_key(self, key_id: str) -> Ed25519PublicKey:
        self.key_id = key_id
        return self.resolve(key_id)


def verify(
    *,
    method: str,
    url: str,
    headers: Mapping[str, str],
    body: bytes,
    resolve: Callable[[str], Ed25519PublicKey],
    window: dt.timedelta,
    now: dt.datetime | None = None,
) -> Verified:
    """Check the request's signature and the body's digest. `resolve(key_id)` returns the
    peer's public key or raises KeyRefused. Raises RequestRefused with the code: unsigned,
    unknown_key, revoked_key, expired_key, bad_signature, stale_request, digest_mismatch."""
    now = now or dt.datetime.now(dt.UTC)
    lowered = {name.lower(): value for name, value in headers.items()}
    if "signature" not in lowered or "signature-input" not in lowered:
        raise RequestRefused("unsigned")
    resolver = _Verifying(resolve)
    verifier = HTTPMessageVerifier(signature_algorithm=algorithms.ED25519, key_resolver=resolver)
    verifier.max_clock_skew = window  # the future side of the window; the past one is below
    message = Message(method.upper(), url, dict(headers))
    try:
        results = verifier.verify(message, max_age=None, expect_tag=TAG, require_components=COVERED)
    except (InvalidSignature, HTTPMessageSignaturesException) as exc:
        cause = exc.__cause__
        if isinstance(cause, KeyRefused):
            raise RequestRefused(cause.code, key_id=cause.key_id) from None
        code = "stale_request" if "future" in str(exc) else "bad_signature"
        raise RequestRefused(code, str(exc), key_id=resolver.key_id) from None
    params = results[0].parameters
    key_id = str(params["keyid"])
    nonce = params.get("nonce")
    if not isinstance(nonce, str) or not nonce:
        raise RequestRefused("bad_signature", "no nonce", key_id=key_id)
    created = dt.datetime.fromtimestamp(int(params["created"]), dt.UTC)
    if abs(now - created) > window:
        raise RequestRefused("stale_request", created.isoformat(), key_id=key_id)
    try:
        ContentDigest.verify(lowered["content-digest"], body)
    except (InvalidSignature, HTTPMessageSignaturesException) as exc:
        raise RequestRefused("digest_mismatch", str(exc), key_id=key_id) from None
    return Verified(key_id, nonce, created)
