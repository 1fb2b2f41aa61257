"""Requests for withheld content and their decisions between two nodes (issue 14).

The value of a withheld payload field stays on the originating node (`Envelope.withheld`)
until its contact point releases it. A request filed on the receiving node travels to the
originating node as an envelope of kind `exchange.release_request`; the decision travels back
as `exchange.release`, with the opening of the field (value and salt) when released. The
receiving node checks the opening against the commitment it received with the communication
(`inbox.check_release`) and only then shows the field; a value that does not open it is
refused (`commitment_mismatch`) and nothing changes."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.exchange import arrival, notify
from sswbridge.exchange import release as releases
from sswbridge.exchange.models import (
    Communication,
    NotificationEvent,
    ReleaseRequest,
    ReleaseStatus,
)
from sswbridge.exchange.services import AUDITED
from sswbridge.federation import handlers, receipts
from sswbridge.federation import services as federation
from sswbridge.federation.models import Direction, Envelope
from sswbridge.federation.services import inbox

REQUEST = "exchange.release_request"
DECISION = "exchange.release"
PAYLOAD = "payload."
DECIDED = (ReleaseStatus.RELEASED, ReleaseStatus.REFUSED)


def send_request(*, actor: User, item: ReleaseRequest) -> Envelope:
    """From the receiving node: ask the originating node for one withheld field."""
    c = item.communication
    fields = {
        "communication": str(c.pk),
        "field": item.field,
        "reason": item.reason,
        "requested_by": actor.get_full_name() or actor.username,
        "requested_at": receipts.timestamp(item.requested_at),
    }
    return federation.enqueue(
        c.framework, c.originator_side, REQUEST, fields, from_side=c.recipient_side, actor=actor
    )


def _own(envelope: Envelope, pk: Any, *, sent_here: bool) -> Communication:
    """The communication the envelope names: sent from here to the peer (`sent_here`), or
    received here from it; locked."""
    sides = (
        {"originator_side": envelope.to_side, "recipient_side": envelope.from_side}
        if sent_here
        else {"originator_side": envelope.from_side, "recipient_side": envelope.to_side}
    )
    c: Communication | None = (
        Communication.objects.select_for_update(no_key=True)
        .filter(pk=str(pk), framework=envelope.framework, **sides)
        .first()
    )
    if c is None:
        raise handlers.Rejected("the envelope names no communication exchanged with this peer")
    return c


def receive_request(envelope: Envelope) -> None:
    """On the originating node: the request becomes a pending `ReleaseRequest` (its requester
    belongs to the other node) and this side's contact point is told."""
    data = envelope.payload
    try:
        c = _own(envelope, data["communication"], sent_here=True)
        field = str(data["field"])
        reason = " ".join(str(data["reason"]).split())
    except (KeyError, TypeError, ValueError) as error:
        raise handlers.Rejected(f"not a release request: {error!r}"[:300]) from None
    if not reason or len(reason) > releases.REASON_MAX or field not in (c.withheld_fields or []):
        raise handlers.Rejected("the request names no withheld field, or gives no reason")
    pending = ReleaseRequest.objects.filter(
        communication=c, field=field, attachment=None, status=ReleaseStatus.PENDING
    )
    if pending.exists():
        return  # asked already: the decision answers both
    item = ReleaseRequest.objects.create(
        communication=c, field=field, reason=reason, requested_by=None
    )
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=item,
        framework=c.framework,
        changes={
            **audit.diff(None, audit.snapshot(item, releases.AUDITED_RELEASE)),
            "requested_by_peer": str(data.get("requested_by") or "")[:200],
            "envelope": str(envelope.pk),
        },
    )
    notify.notify(
        communication=c,
        event=NotificationEvent.RELEASE_REQUESTED,
        users=releases.originator_contact_point_officers(c),
        mail_key=f":{item.pk}",
    )


def send_decision(*, actor: User, item: ReleaseRequest) -> Envelope:
    """From the originating node: the decision, with the field's opening when released."""
    c = item.communication
    opening = None
    if item.status == ReleaseStatus.RELEASED:
        sent = Envelope.objects.get(pk=c.pk, direction=Direction.OUT)
        released = federation.release(sent, PAYLOAD + item.field)
        opening = {"value": released.value, "salt": released.salt}
    fields = {
        "communication": str(c.pk),
        "field": item.field,
        "status": item.status,
        "note": item.decision_note,
        "decided_at": receipts.timestamp(item.decided_at or timezone.now()),
        "opening": opening,
    }
    return federation.enqueue(
        c.framework, c.recipient_side, DECISION, fields, from_side=c.originator_side, actor=actor
    )


def receive_decision(envelope: Envelope) -> None:
    """On the receiving node: record the decision; a released value is shown only once it
    opens the commitment received with the communication."""
    data = envelope.payload
    try:
        c = _own(envelope, data["communication"], sent_here=False)
        field, status = str(data["field"]), str(data["status"])
        decided_at = receipts.parse_timestamp(data["decided_at"])
        note = " ".join(str(data.get("note") or "").split())[: releases.REASON_MAX]
        opening = data.get("opening")
    except (KeyError, TypeError, ValueError) as error:
        raise handlers.Rejected(f"not a release decision: {error!r}"[:300]) from None
    if status not in DECIDED or (status == ReleaseStatus.RELEASED) != isinstance(opening, dict):
        raise handlers.Rejected("not a release decision: its status and opening disagree")
    item = (
        ReleaseRequest.objects.select_for_update(no_key=True)
        .filter(communication=c, field=field, attachment=None, status=ReleaseStatus.PENDING)
        .first()
    )
    if status == ReleaseStatus.RELEASED:
        assert isinstance(opening, dict)
        _open(envelope, c, field, opening.get("value"), opening.get("salt"))
    if item is None:
        return  # released without a request pending here
    before = audit.snapshot(item, releases.AUDITED_RELEASE)
    item.status, item.decided_at, item.decision_note = status, decided_at, note
    item.save(update_fields=["status", "decided_at", "decision_note"])
    audit.record(
        actor=None,
        action=AuditAction.UPDATE,
        obj=item,
        framework=c.framework,
        changes={
            **audit.diff(before, audit.snapshot(item, releases.AUDITED_RELEASE)),
            "envelope": str(envelope.pk),
        },
    )
    notify.notify(
        communication=c,
        event=NotificationEvent.RELEASE_DECIDED,
        users=User.objects.filter(pk=item.requested_by_id or 0, is_active=True),
        mail_key=f":{item.pk}",
    )


def _open(envelope: Envelope, c: Communication, field: str, value: Any, salt: Any) -> None:
    """Show the released value, after checking it against the commitment received."""
    if field not in (c.withheld_fields or []):
        return  # released already
    arrived = Envelope.objects.filter(pk=c.pk, direction=Direction.IN).first()
    if (
        arrived is None
        or not isinstance(salt, str)
        or not inbox.check_release(arrived, PAYLOAD + field, value, salt)
    ):
        raise handlers.Rejected(
            f"the released {field} does not open its commitment", code="commitment_mismatch"
        )
    cleaned = arrival.check_released(c.kind, field, value)
    before = audit.snapshot(c, AUDITED)
    c.payload = {**c.payload, field: cleaned} if cleaned not in ("", None, []) else c.payload
    c.withheld_fields = [name for name in c.withheld_fields if name != field]
    c.save(update_fields=["payload", "withheld_fields", "updated_at"])
    audit.record(
        actor=None,
        action=AuditAction.UPDATE,
        obj=c,
        changes={
            **audit.diff(before, audit.snapshot(c, AUDITED)),
            "released": field,
            "envelope": str(envelope.pk),
        },
    )
