"""Sequence numbers per framework, direction and sending side (models.Sequence)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from sswbridge.federation.models import Direction, Envelope, Sequence
from sswbridge.frameworks.models import Framework, Side


def locked(direction: str, framework: Framework, side: Side) -> Sequence:
    """The stream's row, locked until the caller's transaction ends (made when missing)."""
    found = Sequence.objects.select_for_update().filter(
        direction=direction, framework=framework, from_side=side
    )
    row = found.first()
    if row is None:
        try:
            with transaction.atomic():
                Sequence.objects.create(direction=direction, framework=framework, from_side=side)
        except IntegrityError:
            pass  # made meanwhile by another transaction
        row = found.get()
    return row


def next_outgoing(framework: Framework, side: Side) -> int:
    """The next number of this node's envelopes from `side` in `framework` (in the caller's
    transaction, which holds the stream until it ends: numbers follow commit order)."""
    row = locked(Direction.OUT, framework, side)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def advance_incoming(framework: Framework, side: Side) -> int:
    """Move the highest contiguous number received from `side` past every envelope that has
    arrived; return it."""
    row = locked(Direction.IN, framework, side)
    arrived = set(
        Envelope.objects.filter(
            direction=Direction.IN, framework=framework, from_side=side, sequence__gt=row.last
        ).values_list("sequence", flat=True)
    )
    last = row.last
    while last + 1 in arrived:
        last += 1
    if last != row.last:
        row.last = last
        row.save(update_fields=["last"])
    return last


def contiguous(framework: Framework, side: Side) -> int:
    row = Sequence.objects.filter(
        direction=Direction.IN, framework=framework, from_side=side
    ).first()
    return row.last if row is not None else 0
