"""Consent to disclose between two nodes (issue 14, clause 3). The request and the answer
travel as communications of the exchange; what the other node must also record travels in
envelopes of the disclosure's own kinds, queued after the letter in the same transaction:

- `disclosure.request`: the request, to the node hosting the side whose information it is,
  so its contact point can decide there;
- `disclosure.decision`: the consent given or refused, back to the requesting node, with the
  decision signed by the deciding node's key (federation/acts.py), which either node verifies.

With every side hosted here (the default single node) nothing travels; the decision is still
signed, by this node's key."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.cases.models import Case
from sswbridge.core.models import Marking
from sswbridge.disclosure.models import (
    DisclosureItem,
    DisclosureRequest,
    ItemKind,
    RequestStatus,
    ThirdPartyType,
)
from sswbridge.exchange.models import Communication
from sswbridge.federation import acts, handlers, hosting
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope

REQUEST = "disclosure.request"
DECISION = "disclosure.decision"


def content_digest(r: DisclosureRequest) -> str:
    """What the decision says: the request, and the consent's terms or the refusal."""
    return acts.digest(
        {
            "request": str(r.pk),
            "reference": r.reference,
            "third_party_type": r.third_party_type,
            "third_party_name": r.third_party_name,
            "purpose": r.purpose,
            "status": r.status,
            "consent_reference": r.consent_reference,
            "conditions": r.conditions,
            "expires_on": r.expires_on.isoformat() if r.expires_on else None,
            "refusal_reason": r.refusal_reason,
        }
    )


def _expected(r: DisclosureRequest) -> dict[str, Any]:
    return {
        "act": DECISION,
        "framework": r.framework,
        "side": r.owner_side,
        "subject": str(r.pk),
        "content_digest": content_digest(r),
    }


def sign_decision(r: DisclosureRequest, at: dt.datetime) -> dict[str, Any]:
    """The owner side's decision, signed by this node (which hosts that side)."""
    e = _expected(r)
    return acts.sign(
        act=DECISION,
        framework=e["framework"],
        side=e["side"],
        subject=e["subject"],
        content_digest=e["content_digest"],
        at=at,
    )


@dataclass(frozen=True)
class Signature:
    key_id: str
    signed_at: dt.datetime | None
    verified: bool


def signature(r: DisclosureRequest) -> Signature | None:
    """The decision's signature, checked now; None before a decision (or for one recorded
    before decisions were signed)."""
    if not r.signed_decision:
        return None
    body = r.signed_decision.get("act") if isinstance(r.signed_decision, dict) else None
    return Signature(
        key_id=str(body.get("key_id", "")) if isinstance(body, dict) else "",
        signed_at=acts.signed_at(r.signed_decision),
        verified=acts.verifies(r.signed_decision, **_expected(r)),
    )


# --- sending ---------------------------------------------------------------------------------


def send_request(*, actor: User, request: DisclosureRequest) -> Envelope | None:
    if hosting.hosts(request.framework, request.owner_side):
        return None
    fields = {
        "request": str(request.pk),
        "reference": request.reference,
        "communication": str(request.communication_id),
        "third_party_type": request.third_party_type,
        "third_party_name": request.third_party_name,
        "purpose": request.purpose,
        "items": [
            {
                "kind": i.kind,
                "id": str(i.communication_id or i.case_id),
                "label": i.label,
                "fields": i.fields,
                "files": i.files,
            }
            for i in request.items.all()
        ],
    }
    return federation.enqueue(
        request.framework,
        request.owner_side,
        REQUEST,
        fields,
        from_side=request.originator_side,
        actor=actor,
    )


def send_decision(*, actor: User, request: DisclosureRequest) -> Envelope | None:
    if hosting.hosts(request.framework, request.originator_side):
        return None
    fields = {
        "request": str(request.pk),
        "answer": str(request.answer_id),
        "status": request.status,
        "consent_reference": request.consent_reference,
        "conditions": request.conditions,
        "expires_on": request.expires_on.isoformat() if request.expires_on else None,
        "refusal_reason": request.refusal_reason,
        "signed": request.signed_decision,
    }
    return federation.enqueue(
        request.framework,
        request.originator_side,
        DECISION,
        fields,
        from_side=request.owner_side,
        actor=actor,
    )


# --- receiving -------------------------------------------------------------------------------


def _letter(envelope: Envelope, pk: Any, kind: str) -> Communication:
    letter: Communication | None = Communication.objects.filter(pk=str(pk)).first()
    if letter is None:
        raise handlers.NotReady(f"the {kind} {pk} has not arrived yet")
    if letter.kind != kind or letter.originator_side_id != envelope.from_side_id:
        raise handlers.Rejected(f"{pk} is not a {kind} of the sending side")
    return letter


def _receive_request(envelope: Envelope) -> None:
    data = envelope.payload
    if DisclosureRequest.objects.filter(pk=data["request"]).exists():
        return
    letter = _letter(envelope, data["communication"], "disclosure_request")
    if data["third_party_type"] not in ThirdPartyType.values:
        raise handlers.Rejected("not a kind of third party")
    r = DisclosureRequest.objects.create(
        id=data["request"],
        framework=envelope.framework,
        originator_side=envelope.from_side,
        originator_agency=letter.originator_agency,
        marking=Marking.SIDE,
        reference=str(data["reference"])[:32],
        owner_side=envelope.to_side,
        third_party_type=data["third_party_type"],
        third_party_name=str(data["third_party_name"])[:300],
        purpose=str(data["purpose"]),
        requested_by=None,
        communication=letter,
    )
    for item in data["items"]:
        is_case = item["kind"] == ItemKind.CASE
        own = Case if is_case else Communication
        target = own.objects.filter(
            pk=str(item["id"]), framework=envelope.framework, originator_side=envelope.to_side
        ).first()
        DisclosureItem.objects.create(
            request=r,
            kind=ItemKind.CASE if is_case else ItemKind.COMMUNICATION,
            case=target if is_case else None,
            communication=None if is_case else target,
            fields=[str(f) for f in item.get("fields") or []],
            files=[str(f) for f in item.get("files") or []],
            label=str(item["label"])[:300],
        )
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=r,
        changes={"reference": r.reference, "from_peer": True, "envelope": str(envelope.pk)},
    )


def _receive_decision(envelope: Envelope) -> None:
    data = envelope.payload
    r = (
        DisclosureRequest.objects.select_for_update(no_key=True)
        .filter(pk=data["request"], framework=envelope.framework)
        .first()
    )
    if r is None or r.owner_side_id != envelope.from_side_id:
        raise handlers.Rejected("the decision names no request of this node to that side")
    if r.status != RequestStatus.PENDING:
        return
    if data["status"] not in (RequestStatus.GRANTED, RequestStatus.REFUSED):
        raise handlers.Rejected("not a decision")
    answer = _letter(envelope, data["answer"], "disclosure_answer")
    r.status = data["status"]
    r.consent_reference = str(data.get("consent_reference") or "")[:32]
    r.conditions = str(data.get("conditions") or "")
    r.expires_on = parse_date(data["expires_on"]) if data.get("expires_on") else None
    r.refusal_reason = str(data.get("refusal_reason") or "")
    try:
        act = acts.check(data["signed"], **_expected(r), now=timezone.now())
    except acts.BadAct as error:
        raise handlers.Rejected(f"bad signed decision: {error}") from None
    r.answer, r.decided_by, r.signed_decision = answer, None, data["signed"]
    r.decided_at = acts.signed_at(data["signed"])
    r.save()
    audit.record(
        actor=None,
        action=AuditAction.UPDATE,
        obj=r,
        changes={
            "status": [RequestStatus.PENDING, r.status],
            "consent_reference": r.consent_reference,
            "expires_on": r.expires_on,
            "signed_at": act["at"],
            "key_id": act["key_id"],
            "envelope": str(envelope.pk),
        },
    )


def _guarded(receive: handlers.Handler) -> handlers.Handler:
    def run(envelope: Envelope) -> None:
        try:
            with transaction.atomic():
                receive(envelope)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise handlers.Rejected(f"not a {envelope.kind}: {error!r}"[:300]) from None

    return run


receive_request = _guarded(_receive_request)
receive_decision = _guarded(_receive_decision)


def register() -> None:
    """Called from DisclosureConfig.ready()."""
    handlers.register(REQUEST, received=receive_request)
    handlers.register(DECISION, received=receive_decision)
