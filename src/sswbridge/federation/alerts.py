"""The administrator's alert: peers that could not be reached for longer than
SSWBRIDGE_FEDERATION_ALERT_MINUTES, and how many envelopes wait for each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max
from django.utils import timezone

from sswbridge.federation.models import Direction, Envelope, EnvelopeStatus, Peer


@dataclass(frozen=True)
class PeerState:
    peer: Peer
    queued: int
    last_attempt_at: dt.datetime | None
    alert: bool


def states(peers: Iterable[Peer], now: dt.datetime | None = None) -> list[PeerState]:
    now = now or timezone.now()
    limit = dt.timedelta(minutes=settings.FEDERATION_ALERT_MINUTES)
    peers = list(peers)
    waiting = {
        (row["framework_id"], row["to_side_id"]): row
        for row in Envelope.objects.filter(
            direction=Direction.OUT,
            status=EnvelopeStatus.QUEUED,
            framework_id__in=[p.framework_id for p in peers],
        )
        .values("framework_id", "to_side_id")
        .annotate(queued=Count("id"), last=Max("last_attempt_at"))
    }
    result = []
    for peer in peers:
        row = waiting.get((peer.framework_id, peer.side_id), {})
        down = peer.unreachable_since
        result.append(
            PeerState(
                peer=peer,
                queued=int(row.get("queued", 0)),
                last_attempt_at=row.get("last"),
                alert=down is not None and now - down > limit,
            )
        )
    return result


def unreachable(now: dt.datetime | None = None) -> list[PeerState]:
    """The peers to alert about."""
    return [state for state in states(Peer.objects.all(), now) if state.alert]
