"""A node restored from a backup rejoins (issue 14, point 7): its outgoing numbers may be
behind what the peer already received from it (the envelopes it sent after the backup are
lost here, but the peer holds them). The peer tells it its highest contiguous number, in
every delivery answer (`contiguous`) and in the refusal `conflicting_sequence`; this node
then moves its outgoing sequence past it, and gives a queued envelope whose number the peer
holds for another envelope the next free number. Nothing is sent twice (the peer already
holds the numbers skipped) and nothing queued is lost (it is renumbered, not refused)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from sswbridge.audit import services as audit
from sswbridge.federation import sequences, trigger, wire
from sswbridge.federation.models import Direction, Envelope, EnvelopeStatus, Sequence
from sswbridge.frameworks.models import Framework, Side


def resume_after(framework: Framework, side: Side, acknowledged: object) -> int | None:
    """Move the outgoing sequence of `side` in `framework` past `acknowledged` (the peer's
    highest contiguous number from this node) when it is behind; returns the new last number,
    None when nothing changed."""
    if type(acknowledged) is not int or acknowledged < 1:
        return None
    current = Sequence.objects.filter(
        direction=Direction.OUT, framework=framework, from_side=side
    ).first()
    if current is not None and current.last >= acknowledged:
        return None
    with transaction.atomic():
        row = sequences.locked(Direction.OUT, framework, side)
        if row.last >= acknowledged:
            return None
        _move(row, acknowledged, framework, side)
    return acknowledged


def _move(row: Sequence, acknowledged: int, framework: Framework, side: Side) -> None:
    """Set the locked outgoing row to the peer's number, with the audit entry."""
    before, row.last = row.last, acknowledged
    row.save(update_fields=["last"])
    audit.record(
        actor=None,
        action="federation.sequence_resumed",
        object_type="federation.sequence",
        object_id=f"{framework.code}:{side.code}",
        framework=framework,
        side_code=side.code,
        changes={"last": [before, acknowledged]},
    )


def renumber(envelope: Envelope, acknowledged: object) -> int:
    """The peer holds another envelope with this envelope's number: give it the next number
    after the peer's `acknowledged` (and after every number given here), queue it again at
    once; returns the new number."""
    with transaction.atomic():
        row = sequences.locked(Direction.OUT, envelope.framework, envelope.from_side)
        if type(acknowledged) is int and acknowledged > row.last:
            _move(row, acknowledged, envelope.framework, envelope.from_side)
        row.last += 1
        row.save(update_fields=["last"])
        before, before_hash = envelope.sequence, envelope.content_hash
        envelope.sequence = row.last
        envelope.content_hash = wire.content_hash(wire.body(envelope))
        Envelope.objects.filter(pk=envelope.pk, status=EnvelopeStatus.QUEUED).update(
            sequence=envelope.sequence,
            content_hash=envelope.content_hash,
            next_attempt_at=timezone.now(),
            lease_until=None,
            last_error="conflicting_sequence",
        )
        audit.record(
            actor=None,
            action="federation.renumbered",
            obj=envelope,
            side_code=envelope.from_side.code,
            changes={
                "sequence": [before, envelope.sequence],
                "content_hash": [before_hash, envelope.content_hash],
            },
        )
        transaction.on_commit(trigger.wake)
    return envelope.sequence
