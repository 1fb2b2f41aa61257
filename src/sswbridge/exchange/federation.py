"""The exchange's side of the federation (issue 14): a communication sent to a side that
another node hosts travels as an envelope, and one that arrives becomes the Communication
here; its receipts (opened, acknowledged, answered) travel back as signed receipts.

With every side hosted here (the default single node) none of this runs: `federated` is
False and sending delivers in the same database as before."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.utils.dateparse import parse_date

from sswbridge.accounts.models import Agency, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.exchange import attachments as attachment_store
from sswbridge.exchange import notify
from sswbridge.exchange.models import Attachment, Communication, CommunicationStatus
from sswbridge.federation import handlers, hosting, receipts
from sswbridge.federation import services as federation
from sswbridge.federation.models import Direction, Envelope, EnvelopeStatus
from sswbridge.federation.services import inbox
from sswbridge.frameworks.models import ContactPoint

COMMUNICATION = "exchange.communication"
RECEIPT = "exchange.receipt"
RECEIPT_EVENTS = ("opened", "acknowledged", "answered")
PAYLOAD = "payload."
ATTACHMENT = "attachment."
AUDITED = (
    "framework_id",
    "kind",
    "status",
    "marking",
    "version",
    "originator_side_id",
    "originator_agency_id",
    "recipient_side_id",
    "recipient_agency_id",
    "in_reply_to_id",
    "supersedes_id",
    "due_date",
    "sent_at",
    "delivered_at",
    "content_hash",
    "withheld_fields",
)


def federated(c: Communication) -> bool:
    """Whether the recipient side of `c` is hosted by another node (send an envelope)."""
    return not hosting.hosts(c.framework, c.recipient_side)


def from_peer(c: Communication) -> bool:
    """Whether `c` came from another node (its originating side is not hosted here)."""
    return not hosting.hosts(c.framework, c.originator_side)


def _utc(value: dt.datetime | None) -> str | None:
    return receipts.timestamp(value) if value is not None else None


def fields_of(c: Communication) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the fields that travel, the withheld ones that stay here as commitments)."""
    agency = c.originator_agency
    meta = {
        "id": str(c.pk),
        "version": c.version,
        "kind": c.kind,
        "marking": c.marking,
        "from_agency": {
            "code": agency.code,
            "abbreviation": agency.abbreviation,
            "names": {lang: getattr(agency, f"name_{lang}") for lang in ("en", "ja", "ru", "ky")},
        },
        "sender": c.sender_display,
        "in_reply_to": str(c.in_reply_to_id) if c.in_reply_to_id else None,
        "supersedes": str(c.supersedes_id) if c.supersedes_id else None,
        "due_date": c.due_date.isoformat() if c.due_date else None,
        "sent_at": _utc(c.sent_at),
        "withheld_fields": list(c.withheld_fields),
    }
    withheld_names = set(c.withheld_fields)
    visible: dict[str, Any] = {"meta": meta, "subject": c.subject, "body": c.body}
    withheld: dict[str, Any] = {}
    for name, value in c.payload.items():
        (withheld if name in withheld_names else visible)[PAYLOAD + name] = value
    for attachment in c.attachments.order_by("created_at", "pk"):
        (withheld if attachment.withheld else visible)[ATTACHMENT + str(attachment.pk)] = (
            _file_field(attachment)
        )
    return visible, withheld


def _file_field(attachment: Attachment) -> dict[str, Any]:
    """A file travels inline: its bytes in base64, with its SHA-256 in the committed field."""
    with attachment.file.open("rb") as handle:
        content = handle.read()
    return {
        "name": attachment.original_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "marking": attachment.marking,
        "content": base64.b64encode(content).decode("ascii"),
    }


def _store_files(envelope: Envelope, c: Communication) -> None:
    """The files that arrived inline, each checked against its SHA-256 and stored."""
    for key, value in sorted(envelope.payload.items()):
        if not key.startswith(ATTACHMENT):
            continue
        content = base64.b64decode(value["content"], validate=True)
        digest = hashlib.sha256(content).hexdigest()
        if digest != value["sha256"] or len(content) != int(value["size"]):
            raise handlers.Rejected(f"file {key} does not match its SHA-256 or size")
        attachment = Attachment(
            id=key.removeprefix(ATTACHMENT),
            framework_id=c.framework_id,
            originator_side_id=c.originator_side_id,
            originator_agency_id=c.originator_agency_id,
            marking=value["marking"],
            communication=c,
            original_name=str(value["name"])[:255],
            content_type=str(value["content_type"])[:100],
            size=len(content),
            sha256=digest,
            uploaded_by=None,
            withheld=False,
        )
        attachment.file.save(attachment.original_name, ContentFile(content), save=False)
        attachment_store.remember_stored(attachment.file.name)
        attachment.save()
        audit.record(
            actor=None,
            action=AuditAction.CREATE,
            obj=attachment,
            changes=audit.diff(None, audit.snapshot(attachment, attachment_store.AUDITED)),
        )


def send(*, actor: User, c: Communication) -> Envelope:
    """Queue the sent communication `c` to the node hosting its recipient side, in the
    sending transaction. It is "queued" until that node's signed receipt comes back."""
    visible, withheld = fields_of(c)
    return federation.enqueue(
        c.framework,
        c.recipient_side,
        COMMUNICATION,
        visible,
        withheld=withheld,
        from_side=c.originator_side,
        actor=actor,
        envelope_id=c.pk,
    )


@dataclass(frozen=True)
class DeliveryState:
    status: str
    label: str
    attempts: int
    last_attempt_at: dt.datetime | None


def delivery_state(c: Communication) -> DeliveryState | None:
    """The state of the envelope that carries `c` to another node (None when none does)."""
    if not c.is_sent or not federated(c):
        return None
    row = Envelope.objects.filter(pk=c.pk, direction=Direction.OUT).first()
    if row is None:
        return None
    return DeliveryState(
        row.status, str(EnvelopeStatus(row.status).label), row.attempts, row.last_attempt_at
    )


def _agency(envelope: Envelope, described: dict[str, Any]) -> Agency:
    """The peer's agency, made here (with its audit entry) when it is new to this node."""
    agency = Agency.objects.filter(code=described["code"]).first()
    if agency is not None:
        if agency.side_id != envelope.from_side_id:
            raise handlers.Rejected(f"agency {agency.code} belongs to another side here")
        return agency
    names = described.get("names") or {}
    agency = Agency.objects.create(
        side=envelope.from_side,
        code=described["code"],
        abbreviation=described.get("abbreviation", "")[:32],
        **{f"name_{lang}": str(names.get(lang) or "")[:300] for lang in ("en", "ja", "ru", "ky")},
    )
    if not agency.name_en:
        agency.name_en = agency.code
        agency.save(update_fields=["name_en"])
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=agency,
        side_code=envelope.to_side.code,
        changes={"code": agency.code, "side": envelope.from_side.code, "from_peer": True},
    )
    return agency


def peer_agency(envelope: Envelope, described: dict[str, Any]) -> Agency:
    """The peer's agency an envelope describes ({code, abbreviation, names}), made here when
    it is new to this node: for the other apps' envelopes (consultations)."""
    return _agency(envelope, described)


def agency_described(agency: Agency) -> dict[str, Any]:
    """An agency as `peer_agency` takes it."""
    return {
        "code": agency.code,
        "abbreviation": agency.abbreviation,
        "names": {lang: getattr(agency, f"name_{lang}") for lang in ("en", "ja", "ru", "ky")},
    }


def sender_name(c: Communication) -> str:
    """The sender of a communication from another node, as the envelope it came in names it."""
    row = Envelope.objects.filter(pk=c.pk, direction=Direction.IN).values("payload").first()
    meta = row["payload"].get("meta") if row else None
    return str(meta.get("sender") or "") if isinstance(meta, dict) else ""


def _local(pk: Any) -> Communication | None:
    """The communication `pk` names, when this node holds it."""
    return Communication.objects.filter(pk=str(pk)).first() if pk else None


def receive(envelope: Envelope) -> None:
    """On the receiving node: the arriving envelope becomes the Communication (same id).
    Withheld payload fields arrive only as commitments: the record lists them as withheld."""
    try:
        with attachment_store.discard_files_on_error():
            _receive(envelope)
    except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as error:
        raise handlers.Rejected(f"not a communication: {error!r}"[:300]) from None


def _receive(envelope: Envelope) -> None:
    meta: dict[str, Any] = envelope.payload["meta"]
    if Communication.objects.filter(pk=meta["id"]).exists():
        return
    contact_point = (
        ContactPoint.objects.filter(framework=envelope.framework, side=envelope.to_side)
        .select_related("agency")
        .first()
    )
    if contact_point is None:  # tried again once this node has designated its contact point
        raise handlers.NotReady("this node has not designated a contact point for the framework")
    payload = {
        key.removeprefix(PAYLOAD): value
        for key, value in envelope.payload.items()
        if key.startswith(PAYLOAD)
    }
    in_reply_to = _local(meta.get("in_reply_to"))
    supersedes = _local(meta.get("supersedes"))
    c = Communication.objects.create(
        id=meta["id"],
        framework=envelope.framework,
        originator_side=envelope.from_side,
        originator_agency=_agency(envelope, meta["from_agency"]),
        marking=meta["marking"],
        sender_user=None,
        recipient_side=envelope.to_side,
        recipient_agency=contact_point.agency,
        kind=meta["kind"],
        subject=envelope.payload["subject"],
        body=envelope.payload.get("body", ""),
        payload=payload,
        in_reply_to=in_reply_to,
        supersedes=supersedes,
        version=int(meta.get("version") or 1),
        due_date=parse_date(meta["due_date"]) if meta.get("due_date") else None,
        status=CommunicationStatus.SENT,
        sent_at=receipts.parse_timestamp(meta["sent_at"]),
        delivered_at=envelope.delivered_at,
        content_hash=envelope.content_hash,
        withheld_fields=list(meta.get("withheld_fields") or []),
    )
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=c,
        changes={
            **audit.diff(None, audit.snapshot(c, AUDITED)),
            "envelope": str(envelope.pk),
            "sender_key_id": envelope.sender_key_id,
        },
    )
    _store_files(envelope, c)
    if supersedes is not None and not supersedes.superseded:
        supersedes.superseded = True
        supersedes.save(update_fields=["superseded", "updated_at"])
        audit.record(
            actor=None, action=AuditAction.UPDATE, obj=supersedes, changes={"superseded": True}
        )
    notify.delivered(communication=c)


def delivered(envelope: Envelope) -> None:
    """On the sending node: the peer's signed receipt is the communication's delivery."""
    c = Communication.objects.select_for_update(no_key=True).filter(pk=envelope.pk).first()
    if c is None or c.delivered_at is not None:
        return
    c.delivered_at = envelope.delivered_at
    c.save(update_fields=["delivered_at", "updated_at"])
    audit.record(
        actor=None,
        action=AuditAction.UPDATE,
        obj=c,
        changes={"delivered_at": [None, c.delivered_at], "receipt": envelope.receipt},
    )


def send_receipt(
    *,
    actor: User,
    c: Communication,
    event: str,
    at: dt.datetime,
    reply: Communication | None = None,
) -> Envelope | None:
    """On the receiving node: tell the originating node, with a receipt signed by this node,
    that `c` was opened, acknowledged or answered (by `reply`). Nothing when `c` was sent
    from a side hosted here."""
    if not from_peer(c):
        return None
    arrived = Envelope.objects.filter(pk=c.pk, direction=Direction.IN).first()
    if arrived is None:
        return None
    signed = receipts.issue(
        envelope_id=str(arrived.pk), content_hash=arrived.content_hash, received_at=at, kind=event
    )
    fields = {
        "communication": str(c.pk),
        "event": event,
        "signed": signed,
        "reply": str(reply.pk) if reply is not None else None,
    }
    return federation.enqueue(
        c.framework, c.originator_side, RECEIPT, fields, from_side=c.recipient_side, actor=actor
    )


def receive_receipt(envelope: Envelope) -> None:
    """On the originating node: record an opening, acknowledgement or answer from the signed
    receipt of the peer (its own time, checked against its key)."""
    event = envelope.payload.get("event")
    if event not in RECEIPT_EVENTS:
        raise handlers.Rejected(f"unknown receipt event {event!r}")
    try:
        receipt = inbox.check_receipt(envelope, envelope.payload.get("signed"), kind=event)
    except receipts.BadReceipt as error:
        raise handlers.Rejected(f"bad receipt: {error}") from None
    at = receipts.parse_timestamp(receipt["received_at"])
    c = (
        Communication.objects.select_for_update(no_key=True)
        .filter(pk=receipt["envelope_id"])
        .first()
    )
    if c is None or c.originator_side_id != envelope.to_side_id:
        raise handlers.Rejected("the receipt names no communication sent from here")
    before = audit.snapshot(c, ("first_opened_at", "acknowledged_at", "answered_at"))
    if c.first_opened_at is None:
        c.first_opened_at = at
    if event == "acknowledged" and c.acknowledged_at is None:
        c.acknowledged_at = at
    if event == "answered" and c.answered_at is None:
        c.answered_at = at
    c.save(update_fields=["first_opened_at", "acknowledged_at", "answered_at", "updated_at"])
    audit.record(
        actor=None,
        action=AuditAction.UPDATE,
        obj=c,
        changes={
            **audit.diff(
                before, audit.snapshot(c, ("first_opened_at", "acknowledged_at", "answered_at"))
            ),
            "receipt": receipt,
            "envelope": str(envelope.pk),
        },
    )


def register() -> None:
    """Called from ExchangeConfig.ready()."""
    handlers.register(COMMUNICATION, received=receive, delivered=delivered)
    handlers.register(RECEIPT, received=receive_receipt)
