"""The durable outbox: a delivery pass claims due outgoing envelopes with a lease, posts each to
its peer, and stores the peer's verified receipt, or tries again later with exponential backoff.

A pass runs from the worker's periodic job (jobs.py) and, through `trigger.wake`, right after
a transaction that queued envelopes commits. Two passes never post the same envelope at once:
the lease (SSWBRIDGE_FEDERATION_LEASE_SECONDS) keeps it from others until it runs out, which
only happens when a pass died mid-delivery; the peer then gets it again and, since a
redelivery is idempotent by envelope id, stores it once and answers with the same receipt.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.db import transaction
from django.db.models import F, Min
from django.utils import timezone

from sswbridge.audit import services as audit
from sswbridge.federation import handlers, keys, receipts, rejoin, transport, wire
from sswbridge.federation.anchors import checkpoints
from sswbridge.federation.models import Direction, Envelope, EnvelopeStatus, Peer

log = logging.getLogger(__name__)

# The peer refused the envelope itself: sending it again cannot change the answer.
FINAL_REFUSALS = frozenset(
    {
        "malformed_envelope",
        "unknown_framework",
        "not_hosted",
        "peer_mismatch",
        "commitment_mismatch",
        "conflicting_envelope",
        "unprocessable",
    }
)


@dataclass
class Pass:
    delivered: int = 0
    failed: int = 0
    refused: int = 0
    skipped: int = 0
    renumbered: int = 0
    unreachable: set[int] = field(default_factory=set)


def backoff(attempts: int) -> dt.timedelta:
    base = settings.FEDERATION_BACKOFF_SECONDS
    seconds = min(base * 2 ** max(attempts - 1, 0), settings.FEDERATION_BACKOFF_MAX_SECONDS)
    return dt.timedelta(seconds=seconds)


def claim(limit: int, now: dt.datetime | None = None) -> list[Envelope]:
    """Lease up to `limit` queued outgoing envelopes to this pass, in sequence order.

    A stream (framework and sending side) goes out in order, by one pass at a time: it is
    due when its first queued envelope is (the others follow it, whatever their own backoff),
    and no other pass holds a live lease on it. Passes take turns to claim (the peers' rows,
    locked), so two passes never take two parts of one stream."""
    now = now or timezone.now()
    lease = dt.timedelta(seconds=settings.FEDERATION_LEASE_SECONDS)
    ids: list[object] = []
    with transaction.atomic():
        list(Peer.objects.select_for_update(no_key=True).order_by("pk").values_list("pk"))
        queued = Envelope.objects.filter(direction=Direction.OUT, status=EnvelopeStatus.QUEUED)
        busy = set(queued.filter(lease_until__gte=now).values_list("framework_id", "from_side_id"))
        heads = (
            queued.values("framework_id", "from_side_id")
            .annotate(first=Min("sequence"))
            .order_by("framework_id", "from_side_id")
        )
        for head in heads:
            stream = {"framework_id": head["framework_id"], "from_side_id": head["from_side_id"]}
            if (head["framework_id"], head["from_side_id"]) in busy or len(ids) >= limit:
                continue
            if not queued.filter(**stream, sequence=head["first"], next_attempt_at__lte=now):
                continue  # its first envelope waits for its backoff: so do the others
            ids += (
                queued.filter(**stream)
                .order_by("sequence")
                .values_list("id", flat=True)[: limit - len(ids)]
            )
        Envelope.objects.filter(id__in=ids).update(lease_until=now + lease)
    claimed = Envelope.objects.filter(id__in=ids).select_related(
        "framework", "from_side", "to_side"
    )
    return sorted(claimed, key=lambda e: (e.framework_id, e.from_side_id, e.sequence))


def _peer(envelope: Envelope, peers: dict[tuple[int, int], Peer | None]) -> Peer | None:
    key = (envelope.framework_id, envelope.to_side_id)
    if key not in peers:
        peers[key] = (
            Peer.objects.filter(framework_id=key[0], side_id=key[1]).select_related("side").first()
        )
    return peers[key]


def _release(envelope: Envelope) -> None:
    """Give back the lease without an attempt (its peer failed earlier in this pass)."""
    Envelope.objects.filter(pk=envelope.pk, lease_until__isnull=False).update(lease_until=None)


def _retry(envelope: Envelope, now: dt.datetime, error: str) -> None:
    Envelope.objects.filter(pk=envelope.pk, status=EnvelopeStatus.QUEUED).update(
        attempts=F("attempts") + 1,
        last_attempt_at=now,
        next_attempt_at=now + backoff(envelope.attempts + 1),
        lease_until=None,
        last_error=error[:500],
    )


def _peer_down(peer: Peer, now: dt.datetime, error: str) -> None:
    Peer.objects.filter(pk=peer.pk, unreachable_since__isnull=True).update(unreachable_since=now)
    Peer.objects.filter(pk=peer.pk).update(last_error=error[:500])


def _peer_up(peer: Peer) -> None:
    if peer.unreachable_since is not None or peer.last_error:
        Peer.objects.filter(pk=peer.pk).update(unreachable_since=None, last_error="")
        peer.unreachable_since, peer.last_error = None, ""


def _accepted_keys(peer: Peer, at: dt.datetime) -> dict[str, Ed25519PublicKey]:
    return {row.key_id: keys.public_key(row) for row in peer.keys.all() if row.accepted(at)}


def _delivered(envelope: Envelope, peer: Peer, signed: dict[str, object], now: dt.datetime) -> None:
    accepted = _accepted_keys(peer, now)
    receipt = receipts.check(
        signed, envelope_id=str(envelope.id), content_hash=envelope.content_hash, keys=accepted
    )
    received_at = receipts.parse_timestamp(receipt["received_at"])
    with transaction.atomic():
        try:
            checkpoints.store(
                peer, receipt.get("checkpoint"), accepted, envelope_id=str(envelope.id)
            )
        except checkpoints.BadCheckpoint as error:
            raise receipts.BadReceipt(f"checkpoint: {error}") from None
        updated = Envelope.objects.filter(pk=envelope.pk, status=EnvelopeStatus.QUEUED).update(
            status=EnvelopeStatus.DELIVERED,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
            next_attempt_at=None,
            lease_until=None,
            last_error="",
            receipt={"receipt": receipt, "signature": signed["signature"]},
            delivered_at=received_at,
        )
        if updated:
            audit.record(
                actor=None,
                action="federation.delivered",
                obj=envelope,
                side_code=envelope.from_side.code,
                changes={"receipt": receipt},
            )
            envelope.status, envelope.delivered_at = EnvelopeStatus.DELIVERED, received_at
            envelope.receipt = {"receipt": receipt, "signature": signed["signature"]}
            handlers.on_delivered(envelope)


def _refused(envelope: Envelope, now: dt.datetime, code: str) -> None:
    with transaction.atomic():
        Envelope.objects.filter(pk=envelope.pk).update(
            status=EnvelopeStatus.REFUSED,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
            next_attempt_at=None,
            lease_until=None,
            last_error=code,
        )
        audit.record(
            actor=None,
            action="federation.refused_by_peer",
            obj=envelope,
            side_code=envelope.from_side.code,
            changes={"code": code},
        )


def repair_gap(envelope: Envelope, answer: transport.Answer) -> int:
    """The peer reported envelopes of this stream it lacks (restored from a backup): queue the
    ones already marked delivered here again; returns how many."""
    gap = answer.data.get("missing")
    if not (isinstance(gap, list) and len(gap) == 2 and all(type(n) is int for n in gap)):
        return 0
    return Envelope.objects.filter(
        direction=Direction.OUT,
        framework_id=envelope.framework_id,
        from_side_id=envelope.from_side_id,
        status=EnvelopeStatus.DELIVERED,
        sequence__gte=gap[0],
        sequence__lte=gap[1],
    ).update(status=EnvelopeStatus.QUEUED, next_attempt_at=timezone.now(), lease_until=None)


def deliver(envelope: Envelope, peer: Peer | None, result: Pass) -> None:
    """One attempt at one claimed envelope."""
    now = timezone.now()
    if peer is None:
        _retry(envelope, now, "no peer is registered for this side")
        result.failed += 1
        return
    try:
        answer = transport.post(peer.envelopes_url, wire.encode(envelope))
    except transport.Unreachable as error:
        unreachable(envelope, peer, now, error, result)
        return
    answered(envelope, peer, answer, now, result)


def unreachable(
    envelope: Envelope, peer: Peer, now: dt.datetime, error: Exception, result: Pass
) -> None:
    _retry(envelope, now, f"unreachable: {error}")
    _peer_down(peer, now, str(error))
    result.failed += 1
    result.unreachable.add(peer.pk)


def answered(
    envelope: Envelope, peer: Peer, answer: transport.Answer, now: dt.datetime, result: Pass
) -> None:
    """What the peer answered to the delivery of `envelope` (alone or in a batch)."""
    if answer.status == 200:
        try:
            _delivered(envelope, peer, answer.data, now)
        except receipts.BadReceipt as error:
            _retry(envelope, now, f"bad receipt: {error}")
            result.failed += 1
            return
        _peer_up(peer)
        repair_gap(envelope, answer)
        rejoin.resume_after(envelope.framework, envelope.from_side, answer.data.get("contiguous"))
        result.delivered += 1
        return
    if answer.code == "conflicting_sequence":
        # The peer holds another envelope with this number: this node was restored from a
        # backup and numbers again what it sent after it. Renumber past the peer's.
        rejoin.renumber(envelope, answer.data.get("contiguous"))
        _peer_up(peer)
        result.renumbered += 1
        return
    if answer.code in FINAL_REFUSALS:
        _refused(envelope, now, answer.code)
        _peer_up(peer)
        result.refused += 1
        return
    reason = f"HTTP {answer.status} {answer.code}".strip()
    _retry(envelope, now, reason)
    if answer.status >= 500 or answer.status == 429:
        _peer_down(peer, now, reason)
    result.failed += 1


def deliver_due(limit: int = 100) -> Pass:
    """One pass over the due envelopes (at most `limit`). After a peer could not be reached,
    its other envelopes wait for the next pass, without an attempt counted."""
    from sswbridge.federation import batching

    result = Pass()
    peers: dict[tuple[int, int], Peer | None] = {}
    for envelopes, peer in batching.chunks(claim(limit), lambda e: _peer(e, peers)):
        if peer is not None and peer.pk in result.unreachable:
            for envelope in envelopes:
                _release(envelope)
                result.skipped += 1
            continue
        try:
            if len(envelopes) == 1 or peer is None:
                deliver(envelopes[0], peer, result)
            else:
                batching.deliver(envelopes, peer, result)
        except Exception:
            log.exception("delivery of envelopes %s failed", [e.pk for e in envelopes])
            for envelope in envelopes:
                _retry(envelope, timezone.now(), "internal error; see the log")
                result.failed += 1
    return result


def deliver_all(batch: int = 100) -> Pass:
    """Passes until nothing due is left or a pass delivers nothing."""
    total = Pass()
    while True:
        result = deliver_due(batch)
        total.delivered += result.delivered
        total.failed += result.failed
        total.refused += result.refused
        total.skipped += result.skipped
        total.renumbered += result.renumbered
        total.unreachable |= result.unreachable
        if result.renumbered:
            continue  # renumbered envelopes are due again at once
        if result.delivered + result.refused == 0 or (
            result.delivered + result.failed + result.refused + result.skipped < batch
        ):
            return total
