"""Storing a received envelope once, with the receipt this node gives for it; and checking a
released withheld value against the commitment received earlier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from sswbridge.audit import services as audit
from sswbridge.federation import commitments, handlers, keys, receipts, sequences, wire
from sswbridge.federation.anchors import checkpoints
from sswbridge.federation.models import Direction, Envelope, EnvelopeStatus, Peer
from sswbridge.federation.refusals import Refused
from sswbridge.frameworks.models import Framework, Side


@dataclass(frozen=True)
class Stored:
    """What the sender is answered: the signed receipt and the state of its stream here."""

    receipt: dict[str, Any]
    contiguous: int
    missing: tuple[int, int] | None
    new: bool

    def answer(self) -> dict[str, Any]:
        return {
            **self.receipt,
            "contiguous": self.contiguous,
            "missing": list(self.missing) if self.missing else None,
        }


def _missing(contiguous: int, sequence: int) -> tuple[int, int] | None:
    """The numbers below `sequence` not yet received, when there are some."""
    return (contiguous + 1, sequence - 1) if sequence > contiguous + 1 else None


def receive(
    incoming: wire.Incoming,
    *,
    peer: Peer,
    framework: Framework,
    to_side: Side,
    key_id: str,
    now: dt.datetime | None = None,
) -> Stored:
    """Store the envelope (checked already: signature, peer, hosting, commitments) and sign
    its receipt. A redelivered envelope (same id, same content) is stored once and answered
    with the receipt given the first time."""
    now = now or timezone.now()
    content_hash = wire.content_hash(incoming.data)
    sequence = int(incoming["sequence"])
    with transaction.atomic():
        existing = Envelope.objects.filter(pk=incoming.id).first()
        if existing is not None:
            if existing.direction != Direction.IN or existing.content_hash != content_hash:
                raise Refused("conflicting_envelope")
            contiguous = sequences.advance_incoming(framework, peer.side)
            assert existing.receipt is not None
            return Stored(existing.receipt, contiguous, _missing(contiguous, sequence), new=False)
        try:
            with transaction.atomic():
                envelope = Envelope.objects.create(
                    id=incoming.id,
                    direction=Direction.IN,
                    framework=framework,
                    from_side=peer.side,
                    to_side=to_side,
                    sequence=sequence,
                    kind=incoming["kind"],
                    created_at=receipts.parse_timestamp(incoming["created_at"]),
                    payload=incoming["visible"],
                    salts=incoming["salts"],
                    commitments=incoming["commitments"],
                    content_hash=content_hash,
                    status=EnvelopeStatus.DELIVERED,
                    delivered_at=now,
                    sender_key_id=key_id,
                )
        except IntegrityError:
            raise Refused(
                "conflicting_sequence",
                data={"contiguous": sequences.contiguous(framework, peer.side)},
            ) from None
        contiguous = sequences.advance_incoming(framework, peer.side)
        # Signed once the envelope is stored: the receipt's checkpoint covers it.
        signed = receipts.issue(
            envelope_id=str(incoming.id),
            content_hash=content_hash,
            received_at=now,
            stream=(framework, to_side, peer.side),
        )
        envelope.receipt = signed
        envelope.save(update_fields=["receipt"])
        audit.record(
            actor=None,
            action="federation.received",
            obj=envelope,
            side_code=to_side.code,
            changes={
                "kind": envelope.kind,
                "from_side": peer.side.code,
                "sequence": sequence,
                "content_hash": content_hash,
                "key_id": key_id,
            },
        )
        try:
            handlers.on_received(envelope)
        except handlers.Rejected as error:
            raise Refused(error.code, str(error)) from None
        except handlers.NotReady as error:
            raise Refused("not_ready", str(error)) from None
    return Stored(signed, contiguous, _missing(contiguous, sequence), new=True)


def check_release(envelope: Envelope, field: str, value: Any, salt: str) -> bool:
    """Whether a withheld value released later (with its salt) is the one the received
    envelope committed to."""
    expected = envelope.commitments.get(field)
    return (
        envelope.direction == Direction.IN
        and field not in envelope.payload
        and isinstance(expected, str)
        and commitments.opens(expected, field, value, salt)
    )


def check_receipt(incoming: Envelope, signed: Any, *, kind: str) -> dict[str, Any]:
    """A signed receipt of `kind` (opened, acknowledged, answered) that arrived in the
    envelope `incoming`: it must name an envelope this node sent to that peer, with its
    content hash, and be signed by a key this node accepts from the peer now.
    `receipts.BadReceipt` otherwise."""
    receipt = signed.get("receipt") if isinstance(signed, dict) else None
    envelope_id = receipt.get("envelope_id") if isinstance(receipt, dict) else None
    sent = (
        Envelope.objects.filter(
            pk=str(envelope_id),
            direction=Direction.OUT,
            framework=incoming.framework,
            to_side=incoming.from_side,
        ).first()
        if isinstance(envelope_id, str) and envelope_id
        else None
    )
    if sent is None:
        raise receipts.BadReceipt("the receipt names no envelope sent to this peer")
    peer = Peer.objects.filter(framework=incoming.framework, side=incoming.from_side).first()
    if peer is None:
        raise receipts.BadReceipt("no such peer")
    now = timezone.now()
    accepted = {row.key_id: keys.public_key(row) for row in peer.keys.all() if row.accepted(now)}
    receipt = receipts.check(
        signed, envelope_id=str(sent.pk), content_hash=sent.content_hash, keys=accepted, kind=kind
    )
    try:
        checkpoints.store(peer, receipt.get("checkpoint"), accepted, envelope_id=str(sent.pk))
    except checkpoints.BadCheckpoint as error:
        raise receipts.BadReceipt(f"checkpoint: {error}") from None
    return receipt
