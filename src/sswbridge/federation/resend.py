"""Asking a peer to send its envelopes again from a sequence number on: after a gap that does
not close, or when this node was restored from a backup and lacks what the peer delivered."""

from __future__ import annotations

from django.utils.translation import gettext as _

from sswbridge.federation import canonical, hosting, sequences, transport
from sswbridge.federation.models import Peer


class ResendFailed(Exception):
    """The peer did not accept the request."""


def ask(peer: Peer, from_sequence: int | None = None) -> int:
    """Ask `peer` to queue again its envelopes to this node from `from_sequence` on (default:
    the first number not received contiguously). Returns how many it queued."""
    own = next(s for s in hosting.hosted_sides(peer.framework) if s.pk != peer.side_id)
    start = from_sequence or sequences.contiguous(peer.framework, peer.side) + 1
    body = canonical.dumps(
        {
            "framework": peer.framework.code,
            "from_side": peer.side.code,
            "to_side": own.code,
            "from_sequence": start,
        }
    )
    try:
        answer = transport.post(peer.resend_url, body)
    except transport.Unreachable as error:
        raise ResendFailed(str(error)) from error
    if answer.status != 200:
        raise ResendFailed(_("the peer refused: %(code)s") % {"code": answer.code or answer.status})
    return int(answer.data.get("requeued", 0))
