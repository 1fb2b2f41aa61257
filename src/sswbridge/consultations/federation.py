"""The minutes between two nodes (issue 14). Each side's approval of a version of the minutes
is an act signed by the key of the node hosting that side (federation/acts.py), over the
consultation, the version and a digest of its text: approved by both sides is then a pair of
signatures either node verifies.

With the other side hosted by a peer, a consultation shared with both sides (marking `both`)
sends there each version of its minutes (`consultations.minutes`, with the consultation's
header: the peer records the consultation the first time) and each approval given here
(`consultations.minutes_approval`, with its signed act). With every side hosted here (the
default single node) nothing travels."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.consultations.models import (
    Consultation,
    ConsultationKind,
    ConsultationStatus,
    MinutesApproval,
    MinutesVersion,
)
from sswbridge.core.models import Marking
from sswbridge.exchange import federation as exchange_federation
from sswbridge.federation import acts, handlers, hosting, receipts
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.models import Side

MINUTES = "consultations.minutes"
APPROVAL = "consultations.minutes_approval"


# --- the pair of signatures ------------------------------------------------------------------


def content_digest(version: MinutesVersion) -> str:
    return acts.digest(
        {
            "consultation": str(version.consultation_id),
            "minutes": str(version.pk),
            "number": version.number,
            "text": version.text,
        }
    )


def _expected(version: MinutesVersion, side: Side) -> dict[str, Any]:
    return {
        "act": APPROVAL,
        "framework": version.consultation.framework,
        "side": side,
        "subject": str(version.pk),
        "content_digest": content_digest(version),
    }


def sign_approval(version: MinutesVersion, side: Side, at: dt.datetime) -> dict[str, Any]:
    e = _expected(version, side)
    return acts.sign(
        act=APPROVAL,
        framework=e["framework"],
        side=side,
        subject=e["subject"],
        content_digest=e["content_digest"],
        at=at,
    )


@dataclass(frozen=True)
class Signature:
    key_id: str
    signed_at: dt.datetime | None
    verified: bool

    @property
    def label(self) -> str:
        return str(_("signature verified") if self.verified else _("signature does not verify"))


def signature(approval: MinutesApproval) -> Signature | None:
    """The approval's signature, checked now; None for one recorded before they were signed."""
    if not approval.signed:
        return None
    body = approval.signed.get("act") if isinstance(approval.signed, dict) else None
    return Signature(
        key_id=str(body.get("key_id", "")) if isinstance(body, dict) else "",
        signed_at=acts.signed_at(approval.signed),
        verified=acts.verifies(approval.signed, **_expected(approval.minutes, approval.side)),
    )


# --- sending ---------------------------------------------------------------------------------


def _peer_side(c: Consultation, side: Side) -> Side | None:
    if c.marking != Marking.BOTH:
        return None
    other = next(s for s in c.framework.sides() if s.pk != side.pk)
    return None if hosting.hosts(c.framework, other) else other


def send_minutes(*, actor: User, version: MinutesVersion) -> Envelope | None:
    c = version.consultation
    to = _peer_side(c, version.side)
    if to is None:
        return None
    header = {
        "id": str(c.pk),
        "title": c.title,
        "kind": c.kind,
        "starts_at": receipts.timestamp(c.starts_at),
        "ends_at": receipts.timestamp(c.ends_at) if c.ends_at else None,
        "place": c.place,
        "video_link": c.video_link,
        "status": c.status,
        "from_agency": exchange_federation.describe_agency(c.originator_agency),
    }
    fields = {
        "consultation": header,
        "minutes": {"id": str(version.pk), "number": version.number, "text": version.text},
    }
    return federation.enqueue(c.framework, to, MINUTES, fields, from_side=version.side, actor=actor)


def send_approval(*, actor: User, approval: MinutesApproval) -> Envelope | None:
    c = approval.minutes.consultation
    to = _peer_side(c, approval.side)
    if to is None:
        return None
    fields = {"minutes": str(approval.minutes_id), "signed": approval.signed}
    return federation.enqueue(
        c.framework, to, APPROVAL, fields, from_side=approval.side, actor=actor
    )


# --- receiving -------------------------------------------------------------------------------


def _consultation(envelope: Envelope, header: dict[str, Any]) -> Consultation:
    found: Consultation | None = Consultation.objects.filter(pk=header["id"]).first()
    if found is not None:
        if found.framework_id != envelope.framework_id:
            raise handlers.Rejected("the consultation belongs to another framework")
        return found
    starts_at = parse_datetime(header["starts_at"])
    if starts_at is None or header["kind"] not in ConsultationKind.values:
        raise handlers.Rejected("not a consultation")
    status = header.get("status")
    c = Consultation.objects.create(
        id=header["id"],
        framework=envelope.framework,
        originator_side=envelope.from_side,
        originator_agency=exchange_federation.peer_agency(envelope, header["from_agency"]),
        marking=Marking.BOTH,
        title=str(header["title"])[:300],
        kind=header["kind"],
        starts_at=starts_at,
        ends_at=parse_datetime(header["ends_at"]) if header.get("ends_at") else None,
        place=str(header.get("place") or "")[:300],
        video_link=str(header.get("video_link") or "")[:500],
        status=status if status in ConsultationStatus.values else ConsultationStatus.PLANNED,
        created_by=None,
    )
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=c,
        changes={"title": c.title, "starts_at": c.starts_at, "envelope": str(envelope.pk)},
    )
    return c


def _receive_minutes(envelope: Envelope) -> None:
    data = envelope.payload
    minutes = data["minutes"]
    if MinutesVersion.objects.filter(pk=minutes["id"]).exists():
        return
    c = _consultation(envelope, data["consultation"])
    first = c.minutes_versions.order_by("number").first()
    if first is not None and first.side_id != envelope.from_side_id:
        raise handlers.Rejected("the minutes are drafted by the other side")
    version = MinutesVersion.objects.create(
        id=minutes["id"],
        consultation=c,
        number=int(minutes["number"]),
        text=str(minutes["text"]),
        side=envelope.from_side,
        author=None,
    )
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=version,
        framework=c.framework,
        changes={"consultation_id": str(c.pk), "number": version.number, "from_peer": True},
    )


def _receive_approval(envelope: Envelope) -> None:
    data = envelope.payload
    version = (
        MinutesVersion.objects.select_related("consultation__framework")
        .filter(pk=data["minutes"], consultation__framework=envelope.framework)
        .first()
    )
    if version is None:
        raise handlers.NotReady(f"the minutes {data['minutes']} have not arrived yet")
    side = envelope.from_side
    if version.approvals.filter(side=side).exists():
        return
    try:
        act = acts.check(data["signed"], **_expected(version, side), now=timezone.now())
    except acts.BadAct as error:
        raise handlers.Rejected(f"bad signed approval: {error}") from None
    approval = MinutesApproval.objects.create(
        minutes=version, side=side, approved_by=None, signed=data["signed"]
    )
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=approval,
        framework=version.consultation.framework,
        changes={
            "minutes_id": str(version.pk),
            "number": version.number,
            "side": side.code,
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


receive_minutes = _guarded(_receive_minutes)
receive_approval = _guarded(_receive_approval)


def register() -> None:
    """Called from ConsultationsConfig.ready()."""
    handlers.register(MINUTES, received=receive_minutes)
    handlers.register(APPROVAL, received=receive_approval)
