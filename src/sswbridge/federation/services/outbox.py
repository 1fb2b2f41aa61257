"""Queueing envelopes to a peer: the entry point of the exchange and the registers."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from sswbridge.audit import services as audit
from sswbridge.federation import commitments, hosting, sequences, trigger, wire
from sswbridge.federation.models import Direction, Envelope, EnvelopeStatus, Peer
from sswbridge.frameworks.models import Framework, Side

if TYPE_CHECKING:
    from sswbridge.accounts.models import User


class NotFederated(ValueError):
    """The envelope cannot be sent: the sides are wrong for the framework or this node."""


def _sending_side(framework: Framework, to_side: Side, from_side: Side | None) -> Side:
    sides = framework.sides()
    if to_side not in sides:
        raise NotFederated(f"{to_side.code} is not a side of {framework.code}")
    if hosting.hosts(framework, to_side):
        raise NotFederated(f"this node hosts {to_side.code} in {framework.code}: nothing to send")
    if from_side is None:
        from_side = next(side for side in sides if side != to_side)
    if from_side not in sides or from_side == to_side:
        raise NotFederated(f"{from_side.code} cannot send to {to_side.code} in {framework.code}")
    if not hosting.hosts(framework, from_side):
        raise NotFederated(f"this node does not host {from_side.code} in {framework.code}")
    return from_side


def enqueue(
    framework: Framework,
    to_side: Side,
    kind: str,
    fields: dict[str, Any],
    *,
    withheld: dict[str, Any] | None = None,
    from_side: Side | None = None,
    actor: User | None = None,
    envelope_id: uuid.UUID | str | None = None,
) -> Envelope:
    """Queue an envelope of `kind` to the node that hosts `to_side` in `framework`, in the
    caller's transaction: it exists exactly when the caller's change commits, and delivery
    starts right after that commit. `fields` travel (JSON values); `withheld` values stay on
    this node, only their commitments travel, until `release` opens one. The sending side is
    the other side of the framework, which this node must host. `envelope_id`: the id to give
    the envelope (the id of the record it carries, so both ends name it alike); a new UUID
    otherwise."""
    from_side = _sending_side(framework, to_side, from_side)
    committed = commitments.commit_fields(dict(fields), withheld)
    with transaction.atomic():
        # The lock order: the audit head, then the stream's number. A caller may have written
        # audit entries already (a communication with files) or not yet (one without): taking
        # the head first in both cases keeps two senders from waiting on each other.
        audit.hold_head()
        now = timezone.now()
        envelope = Envelope(
            id=envelope_id or uuid.uuid4(),
            direction=Direction.OUT,
            framework=framework,
            from_side=from_side,
            to_side=to_side,
            sequence=sequences.next_outgoing(framework, from_side),
            kind=kind,
            created_at=now,
            payload=committed.visible,
            salts=committed.salts,
            commitments=committed.commitments,
            withheld=committed.withheld,
            status=EnvelopeStatus.QUEUED,
            next_attempt_at=now,
        )
        envelope.content_hash = wire.content_hash(wire.body(envelope))  # also checks JSON
        envelope.save(force_insert=True)
        audit.record(
            actor=actor,
            action="federation.queued",
            obj=envelope,
            side_code=from_side.code,
            changes={
                "kind": kind,
                "to_side": to_side.code,
                "sequence": envelope.sequence,
                "content_hash": envelope.content_hash,
                "withheld": sorted(committed.withheld),
            },
        )
        transaction.on_commit(trigger.wake)
    return envelope


def release(envelope: Envelope, field: str) -> commitments.Opening:
    """The opening (value and salt) of a withheld field of an outgoing envelope, to send in a
    later envelope; the receiver checks it with `inbox.check_release`."""
    if envelope.direction != Direction.OUT or field not in envelope.withheld:
        raise KeyError(field)
    kept = envelope.withheld[field]
    return commitments.Opening(kept["value"], kept["salt"])


def requeue(*, peer: Peer, framework: Framework, from_side: Side, from_sequence: int) -> int:
    """The peer asked for this node's envelopes from `from_sequence` on again (it lost them,
    or found a gap): queue them for delivery now. Returns how many."""
    with transaction.atomic():
        count = Envelope.objects.filter(
            direction=Direction.OUT,
            framework=framework,
            from_side=from_side,
            to_side=peer.side,
            sequence__gte=from_sequence,
        ).update(status=EnvelopeStatus.QUEUED, next_attempt_at=timezone.now(), lease_until=None)
        audit.record(
            actor=None,
            action="federation.resend_asked",
            obj=peer,
            side_code=from_side.code,
            changes={"from_sequence": from_sequence, "requeued": count},
        )
        transaction.on_commit(trigger.wake)
    return count
