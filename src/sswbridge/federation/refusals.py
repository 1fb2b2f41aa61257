"""Refused requests: the codes a peer reads, and the audit entry each refusal leaves on this
(the receiving) node."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from sswbridge.audit import services as audit
from sswbridge.frameworks.models import Framework

# code → (HTTP status, message)
CODES: dict[str, tuple[int, Any]] = {
    "unsigned": (400, _("The request carries no HTTP message signature.")),
    "unknown_key": (401, _("The request is signed with a key this node does not know.")),
    "revoked_key": (401, _("The request is signed with a revoked key.")),
    "expired_key": (401, _("The request is signed with a replaced key past its overlap.")),
    "bad_signature": (401, _("The request's signature does not verify.")),
    "stale_request": (401, _("The request was signed outside the accepted time window.")),
    "replayed_nonce": (401, _("The request's nonce was used before: a replay.")),
    "digest_mismatch": (400, _("The body does not match its Content-Digest.")),
    "malformed_envelope": (400, _("The body is not an envelope.")),
    "unknown_framework": (422, _("This node knows no such framework.")),
    "not_hosted": (422, _("This node does not host the side the envelope is addressed to.")),
    "peer_mismatch": (
        403,
        _("The signing key does not belong to the node that hosts the sending side."),
    ),
    "commitment_mismatch": (422, _("A visible value does not match its commitment.")),
    "conflicting_envelope": (409, _("An envelope with this id and other content was received.")),
    "conflicting_sequence": (409, _("Another envelope with this sequence number was received.")),
    "unprocessable": (422, _("The envelope's content cannot become a record on this node.")),
    "not_ready": (503, _("This node cannot take the envelope yet; send it again later.")),
    "bad_request": (400, _("The request is not understood.")),
    "rate_limited": (429, _("Too many requests from this peer; try again later.")),
}


class Refused(Exception):
    def __init__(self, code: str, detail: str = "", *, data: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail
        self.data = data or {}  # more for the peer to read (conflicting_sequence: contiguous)

    @property
    def status(self) -> int:
        return CODES[self.code][0]

    @property
    def message(self) -> str:
        return str(CODES[self.code][1])


def record(
    refusal: Refused,
    *,
    path: str,
    remote: str,
    key_id: str = "",
    envelope_id: str = "",
    framework: Framework | None = None,
    side_code: str = "",
) -> None:
    """The audit entry of a refusal, in a transaction of its own."""
    audit.record(
        actor=None,
        action="federation.refused",
        object_type="federation.envelope" if envelope_id else "",
        object_id=envelope_id,
        framework=framework,
        side_code=side_code,
        changes={
            "code": refusal.code,
            "detail": refusal.detail[:300],
            "key_id": key_id,
            "path": path,
            "remote": remote,
        },
    )
