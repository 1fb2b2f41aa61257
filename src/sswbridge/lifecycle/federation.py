"""The lifecycle's acts between two nodes (issue 14). The letters themselves (the proposal,
the written consents, the notice) travel as communications of the exchange; what the other
node must also record travels in envelopes of the lifecycle's own kinds, queued after the
letter in the same transaction (so they arrive after it, in sequence order):

- `lifecycle.amendment`: a proposed amendment, so the other node can consent to it;
- `lifecycle.amendment_consent`: a side's written consent with its signed act
  (lifecycle/signatures.py): the receiving node verifies it against the peer's keys and,
  with its own side's consent, brings the amendment into force;
- `lifecycle.termination_notice`: the notice; the peer's signed delivery receipt is the
  date of receipt of clause 10, from which the six months run on both nodes.

With every side hosted here (the default single node) nothing of this runs."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.models import Marking
from sswbridge.exchange.models import Communication
from sswbridge.federation import acts, handlers, hosting
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.locks import guard
from sswbridge.frameworks.models import Framework, Side
from sswbridge.lifecycle import effects, signatures, withdrawals
from sswbridge.lifecycle.models import (
    Amendment,
    AmendmentConsent,
    AmendmentStatus,
    NoticeStatus,
    TerminationNotice,
)
from sswbridge.lifecycle.termination import termination_date

AMENDMENT = "lifecycle.amendment"
CONSENT = signatures.AMENDMENT_CONSENT
NOTICE = "lifecycle.termination_notice"


def other_side(framework: Framework, side: Side) -> Side:
    return next(s for s in framework.sides() if s.pk != side.pk)


def peer_side(framework: Framework, side: Side) -> Side | None:
    """The other side of `framework` when another node hosts it (send it an envelope)."""
    other = other_side(framework, side)
    return None if hosting.hosts(framework, other) else other


# --- sending ---------------------------------------------------------------------------------


def send_amendment(*, actor: User, amendment: Amendment) -> Envelope | None:
    to = peer_side(amendment.framework, amendment.originator_side)
    if to is None:
        return None
    fields = {
        "amendment": str(amendment.pk),
        "proposal": str(amendment.proposal_id),
        "clauses": amendment.clauses,
        "new_text": amendment.new_text,
    }
    return federation.enqueue(
        amendment.framework, to, AMENDMENT, fields, from_side=amendment.originator_side, actor=actor
    )


def send_consent(*, actor: User, consent: AmendmentConsent) -> Envelope | None:
    amendment = consent.amendment
    to = peer_side(amendment.framework, consent.side)
    if to is None:
        return None
    fields = {
        "amendment": str(amendment.pk),
        "communication": str(consent.communication_id),
        "signed": consent.signed,
    }
    return federation.enqueue(
        amendment.framework, to, CONSENT, fields, from_side=consent.side, actor=actor
    )


def send_notice(*, actor: User, notice: TerminationNotice) -> Envelope | None:
    to = peer_side(notice.framework, notice.originator_side)
    if to is None:
        return None
    fields = {"notice": str(notice.pk), "communication": str(notice.communication_id)}
    return federation.enqueue(
        notice.framework, to, NOTICE, fields, from_side=notice.originator_side, actor=actor
    )


# --- receiving -------------------------------------------------------------------------------


def _letter(envelope: Envelope, pk: Any, kind: str) -> Communication:
    """The letter that arrived before this envelope, from the same side."""
    letter: Communication | None = Communication.objects.filter(pk=str(pk)).first()
    if letter is None:  # its own envelope comes first; ask again once it is here
        raise handlers.NotReady(f"the {kind} {pk} has not arrived yet")
    if letter.kind != kind or letter.originator_side_id != envelope.from_side_id:
        raise handlers.Rejected(f"{pk} is not a {kind} of the sending side")
    return letter


def _receive_amendment(envelope: Envelope) -> None:
    data = envelope.payload
    if Amendment.objects.filter(pk=data["amendment"]).exists():
        return
    proposal = _letter(envelope, data["proposal"], "amendment_proposal")
    if proposal.payload.get("new_text") != data["new_text"]:
        raise handlers.Rejected("the amendment's text is not the proposal's")
    amendment = Amendment.objects.create(
        id=data["amendment"],
        framework=envelope.framework,
        originator_side=envelope.from_side,
        originator_agency=proposal.originator_agency,
        marking=Marking.BOTH,
        proposal=proposal,
        clauses=str(data.get("clauses") or "")[:300],
        new_text=data["new_text"],
        proposed_by=None,
    )
    after = {"proposal_id": str(proposal.pk), "status": amendment.status, "from_peer": True}
    audit.record(actor=None, action=AuditAction.CREATE, obj=amendment, changes=after)


def _receive_consent(envelope: Envelope) -> None:
    data = envelope.payload
    guard(envelope.framework_id)  # the second consent numbers the next text under it
    amendment = (
        Amendment.objects.select_for_update(no_key=True).filter(pk=data["amendment"]).first()
    )
    if amendment is None:
        raise handlers.NotReady(f"the amendment {data['amendment']} has not arrived yet")
    side = envelope.from_side
    if amendment.consents.filter(side=side).exists():
        return
    letter = _letter(envelope, data["communication"], "amendment_consent")
    try:
        act = signatures.check_consent(amendment, side, data["signed"])
    except acts.BadAct as error:
        raise handlers.Rejected(f"bad signed consent: {error}") from None
    consent = AmendmentConsent.objects.create(
        amendment=amendment, side=side, communication=letter, given_by=None, signed=data["signed"]
    )
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=consent,
        framework=amendment.framework,
        changes={
            "amendment_id": str(amendment.pk),
            "side": side.code,
            "communication_id": str(letter.pk),
            "signed_at": act["at"],
            "key_id": act["key_id"],
            "envelope": str(envelope.pk),
        },
    )
    bring_into_force_if_both(None, amendment)


def bring_into_force_if_both(actor: User | None, amendment: Amendment) -> None:
    """With every side's consent, the amendment comes into force on the day of the later."""
    if amendment.status != AmendmentStatus.PROPOSED:
        return
    consents = list(amendment.consents.all())
    if {s.pk for s in amendment.framework.sides()} - {c.side_id for c in consents}:
        return
    times = [acts.signed_at(c.signed) or c.created_at for c in consents]
    effects.bring_into_force(actor, amendment, timezone.localdate(max(times)))


def _receive_notice(envelope: Envelope) -> None:
    data = envelope.payload
    if TerminationNotice.objects.filter(pk=data["notice"]).exists():
        return
    letter = _letter(envelope, data["communication"], "termination_notice")
    guard(envelope.framework_id)
    if TerminationNotice.objects.filter(
        framework=envelope.framework, status=NoticeStatus.PENDING
    ).exists():
        raise handlers.Rejected("a notice of termination is running already")
    assert envelope.delivered_at is not None  # the time of this node's signed receipt
    received_on = timezone.localdate(envelope.delivered_at)
    notice = TerminationNotice.objects.create(
        id=data["notice"],
        framework=envelope.framework,
        originator_side=envelope.from_side,
        originator_agency=letter.originator_agency,
        marking=Marking.BOTH,
        communication=letter,
        received_on=received_on,
        termination_date=termination_date(received_on),
        receipt=envelope.receipt or {},
        given_by=None,
    )
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=notice,
        changes={
            "communication_id": str(letter.pk),
            "received_on": notice.received_on,
            "termination_date": notice.termination_date,
            "envelope": str(envelope.pk),
        },
    )
    effects.schedule_termination(notice)


def notice_delivered(envelope: Envelope) -> None:
    """On the notifying node: the peer's signed delivery receipt is the date of receipt."""
    notice = (
        TerminationNotice.objects.select_for_update(no_key=True)
        .filter(pk=envelope.payload.get("notice"))
        .first()
    )
    if notice is None or notice.received_on is not None:
        return
    assert envelope.delivered_at is not None  # the receipt's received_at, the peer's clock
    notice.received_on = timezone.localdate(envelope.delivered_at)
    notice.termination_date = termination_date(notice.received_on)
    notice.receipt = envelope.receipt or {}
    notice.version += 1
    notice.save()
    audit.record(
        actor=None,
        action=AuditAction.UPDATE,
        obj=notice,
        changes={
            "received_on": [None, notice.received_on],
            "termination_date": [None, notice.termination_date],
            "receipt": envelope.receipt,
        },
    )
    effects.schedule_termination(notice)


def _guarded(receive: handlers.Handler) -> handlers.Handler:
    def run(envelope: Envelope) -> None:
        try:
            with transaction.atomic():
                receive(envelope)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise handlers.Rejected(f"not a {envelope.kind}: {error!r}"[:300]) from None

    return run


receive_amendment = _guarded(_receive_amendment)
receive_consent = _guarded(_receive_consent)
receive_notice = _guarded(_receive_notice)


def register() -> None:
    """Called from LifecycleConfig.ready()."""
    handlers.register(AMENDMENT, received=receive_amendment)
    handlers.register(CONSENT, received=receive_consent)
    handlers.register(NOTICE, received=receive_notice, delivered=notice_delivered)
    withdrawals.register()
