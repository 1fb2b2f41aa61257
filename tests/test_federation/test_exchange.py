"""The exchange over the federation, on one node (Japan's; the Kyrgyz node is a test peer
that signs with its own key): a communication to the Kyrgyz side is queued as an envelope
until the peer's signed receipt; one arriving from the peer becomes the Communication;
opened, acknowledged and answered travel back as signed receipts."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.core import nodekey
from sswbridge.exchange import receipts as exchange_receipts
from sswbridge.exchange import services as exchange
from sswbridge.exchange.federation import COMMUNICATION, RECEIPT
from sswbridge.exchange.models import Communication
from sswbridge.federation import canonical, delivery, receipts, transport, wire
from sswbridge.federation.models import Direction, Envelope, EnvelopeStatus
from tests.helpers import factories
from tests.helpers.api import ExchangeApi
from tests.helpers.federation import PeerNode, batched

pytestmark = pytest.mark.django_db


@pytest.fixture
def jp_officer(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.OFFICER, username="jp_officer")


@pytest.fixture
def jp_cp(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


class KgNode:
    """Stands for transport.post: the Kyrgyz node answers each delivery with its receipt,
    signed with its own key (`kg_node.key`)."""

    def __init__(self, peer: PeerNode) -> None:
        self.peer = peer
        self.received: list[dict[str, Any]] = []

    def __call__(self, url: str, body: bytes, *, timeout: float | None = None) -> Any:
        data = json.loads(body)
        self.received.append(data)
        signed = sign_receipt(self.peer, data["id"], wire.content_hash(data), "delivered")
        return transport.Answer(200, {**signed, "contiguous": data["sequence"], "missing": None})


def sign_receipt(peer: PeerNode, envelope_id: str, content_hash: str, kind: str) -> dict[str, Any]:
    receipt = {
        "kind": kind,
        "envelope_id": envelope_id,
        "content_hash": content_hash,
        "received_at": receipts.timestamp(timezone.now()),
        "receiver_key_id": peer.key.key_id,
    }
    return {
        "receipt": receipt,
        "signature": peer.key.sign(receipts.RECEIPT_CONTEXT, canonical.dumps(receipt)),
    }


@pytest.fixture
def kg_transport(monkeypatch: Any, kg_node: PeerNode) -> KgNode:
    fake = KgNode(kg_node)
    monkeypatch.setattr(transport, "post", batched(fake))
    return fake


def _share(sender: Any, jp_kg: Any) -> Communication:
    return exchange.send_new(
        actor=sender,
        framework=jp_kg,
        kind="intermediary_share",
        subject="Ak-Jol Travel takes deposits",
        body="Workers report penalty contracts.",
        payload={"intermediary_names": "OsOO Ak-Jol Tr", "acts": ["penalty_contract"]},
        withheld_fields=["intermediary_names"],
    )


def test_a_communication_to_a_side_hosted_elsewhere_is_queued_until_the_signed_receipt(
    kg_peer, jp_kg, jp_officer, kg_transport
):
    c = _share(jp_officer, jp_kg)
    assert c.delivered_at is None
    envelope = Envelope.objects.get(pk=c.pk)
    assert (envelope.direction, envelope.kind, envelope.status) == ("out", COMMUNICATION, "queued")
    # The withheld value stays here: only its commitment travels.
    assert "payload.intermediary_names" not in envelope.payload
    assert "payload.intermediary_names" in envelope.commitments
    assert envelope.withheld["payload.intermediary_names"]["value"] == "OsOO Ak-Jol Tr"
    client = factories.verified_client(jp_officer)
    page = client.get(f"/exchange/{c.pk}/").content.decode()
    assert 'data-testid="delivery-queued"' in page
    api_client = ExchangeApi(jp_officer)
    api = api_client.get(f"/communications/{c.pk}").json()
    assert (api["delivery"], api["delivered_at"]) == ("queued", None)

    assert delivery.deliver_all().delivered == 1
    sent = kg_transport.received[0]
    assert "OsOO Ak-Jol Tr" not in json.dumps(sent)
    assert sent["visible"]["meta"]["withheld_fields"] == ["intermediary_names"]
    c.refresh_from_db()
    envelope.refresh_from_db()
    assert c.delivered_at == envelope.delivered_at is not None
    assert api_client.get(f"/communications/{c.pk}").json()["delivery"] == "delivered"
    assert "delivery-queued" not in client.get(f"/exchange/{c.pk}/").content.decode()


def test_with_every_side_hosted_here_nothing_is_queued(jp_kg, jp_officer):
    c = _share(jp_officer, jp_kg)
    assert c.delivered_at == c.sent_at and not Envelope.objects.exists()


def _arriving(kg_node: PeerNode, **overrides: Any) -> tuple[dict[str, Any], str]:
    """An intermediary share from the Kyrgyz node, its informant withheld."""
    cid = str(uuid.uuid4())
    meta = {
        "id": cid,
        "version": 1,
        "kind": "intermediary_share",
        "marking": "both",
        "from_agency": {"code": "kg-ceca", "abbreviation": "", "names": {"en": "CECA"}},
        "sender": "Aibek",
        "in_reply_to": None,
        "supersedes": None,
        "due_date": None,
        "sent_at": "2026-12-07T10:00:00Z",
        "withheld_fields": ["intermediary_names"],
        **overrides,
    }
    data = kg_node.envelope(
        {
            "meta": meta,
            "subject": "Ak-Jol",
            "body": "Deposits.",
            "payload.acts": ["penalty_contract"],
        },
        withheld={"payload.intermediary_names": "Asel Uulu"},
        kind=COMMUNICATION,
    )
    data["id"] = cid
    return data, cid


def test_an_arriving_envelope_becomes_the_communication_once(kg_peer, kg_node, client, jp_cp):
    data, cid = _arriving(kg_node)
    answer = kg_node.post(client, data)
    assert answer.status_code == 200, answer.content
    c = Communication.objects.get(pk=cid)
    assert (c.originator_side.code, c.recipient_side.code, c.recipient_agency.code) == (
        "KG",
        "JP",
        "isa",
    )
    assert c.payload == {"acts": ["penalty_contract"]}
    assert c.withheld_fields == ["intermediary_names"] and c.sender_user is None
    assert c.sent_at.isoformat().startswith("2026-12-07T10:00:00")
    assert c.delivered_at == Envelope.objects.get(pk=cid).delivered_at
    assert "Asel Uulu" not in json.dumps(list(Envelope.objects.values("payload", "commitments")))
    assert AuditEntry.objects.filter(object_id=cid, action="create").exists()
    # Redelivered: stored once.
    assert kg_node.post(client, data).status_code == 200
    assert Communication.objects.filter(pk=cid).count() == 1
    # The recipient contact point sees it, its withheld field shown as withheld.
    page = factories.verified_client(jp_cp).get(f"/exchange/{cid}/").content.decode()
    assert 'data-testid="withheld"' in page and "Aibek" in page


def test_an_envelope_that_cannot_become_a_communication_is_refused(kg_peer, kg_node, client):
    data = kg_node.envelope({"subject": "no meta"}, kind=COMMUNICATION)
    answer = kg_node.post(client, data)
    assert (answer.status_code, answer.json()["code"]) == (422, "unprocessable")
    assert not Envelope.objects.exists()
    assert AuditEntry.objects.filter(action="federation.refused").count() == 1


def test_opening_acknowledging_and_answering_send_signed_receipts_back(
    kg_peer, kg_node, client, jp_cp, kg_transport
):
    data, cid = _arriving(kg_node, kind="inquiry", withheld_fields=[])
    data = kg_node.envelope(
        {k: v for k, v in data["visible"].items() if not k.startswith("payload.")},
        kind=COMMUNICATION,
    )
    data["id"] = cid
    assert kg_node.post(client, data).status_code == 200
    c = Communication.objects.get(pk=cid)
    exchange_receipts.mark_opened(actor=jp_cp, communication=c)
    exchange_receipts.acknowledge(actor=jp_cp, communication=c)
    reply = exchange_receipts.answer(
        actor=jp_cp, communication=c, kind="inquiry_answer", subject="Answer", body="Yes."
    )
    out = list(Envelope.objects.filter(direction=Direction.OUT).order_by("sequence"))
    assert [e.kind for e in out] == [RECEIPT, RECEIPT, COMMUNICATION, RECEIPT]
    events = [e.payload["event"] for e in out if e.kind == RECEIPT]
    assert events == ["opened", "acknowledged", "answered"]
    arrived = Envelope.objects.get(pk=cid)
    for e in out:
        if e.kind == RECEIPT:
            signed = e.payload["signed"]
            key = nodekey.current().public
            assert signed["receipt"]["envelope_id"] == cid
            assert signed["receipt"]["content_hash"] == arrived.content_hash
            assert signed["receipt"]["receiver_key_id"] == key.key_id
    assert out[2].pk == reply.pk and out[2].payload["meta"]["in_reply_to"] == cid
    assert delivery.deliver_all().delivered == 4


def test_the_peers_signed_receipts_are_recorded_on_the_sender(
    kg_peer, kg_node, client, jp_kg, jp_officer, kg_transport
):
    c = _share(jp_officer, jp_kg)
    delivery.deliver_all()
    sent = Envelope.objects.get(pk=c.pk)
    signed = sign_receipt(kg_node, str(c.pk), sent.content_hash, "acknowledged")
    receipt = kg_node.envelope(
        {"communication": str(c.pk), "event": "acknowledged", "signed": signed, "reply": None},
        kind=RECEIPT,
    )
    assert kg_node.post(client, receipt).status_code == 200
    c.refresh_from_db()
    at = receipts.parse_timestamp(signed["receipt"]["received_at"])
    assert c.acknowledged_at == at and c.first_opened_at == at and c.acknowledged_by is None
    # A receipt for other content, or signed by another key, is refused.
    forged = sign_receipt(PeerNode(), str(c.pk), sent.content_hash, "answered")
    bad = kg_node.envelope(
        {"communication": str(c.pk), "event": "answered", "signed": forged, "reply": None},
        kind=RECEIPT,
    )
    answer = kg_node.post(client, bad)
    assert (answer.status_code, answer.json()["code"]) == (422, "unprocessable")
    c.refresh_from_db()
    assert c.answered_at is None
    assert Envelope.objects.get(pk=c.pk).status == EnvelopeStatus.DELIVERED


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def test_files_travel_inline_with_their_sha256_and_withheld_ones_stay_home(
    kg_peer, jp_kg, jp_officer, kg_transport
):
    c = exchange.send_new(
        actor=jp_officer,
        framework=jp_kg,
        kind="inquiry",
        subject="Records",
        attachments=[SimpleUploadedFile("records.pdf", PDF, content_type="application/pdf")],
    )
    secret = exchange.send_new(
        actor=jp_officer,
        framework=jp_kg,
        kind="inquiry",
        subject="Informant",
        attachments=[SimpleUploadedFile("informant.pdf", PDF, content_type="application/pdf")],
        withhold_attachments=True,
    )
    delivery.deliver_all()
    first, second = kg_transport.received
    [(key, value)] = [(k, v) for k, v in first["visible"].items() if k.startswith("attachment.")]
    attachment = c.attachments.get()
    assert key == f"attachment.{attachment.pk}" and key in first["commitments"]
    assert value["sha256"] == hashlib.sha256(PDF).hexdigest() == attachment.sha256
    assert base64.b64decode(value["content"]) == PDF
    assert not [k for k in second["visible"] if k.startswith("attachment.")]
    assert [k for k in second["commitments"] if k.startswith("attachment.")] == [
        f"attachment.{secret.attachments.get().pk}"
    ]


def _with_file(kg_node: PeerNode, content: bytes, sha256: str) -> tuple[dict[str, Any], str]:
    data, cid = _arriving(kg_node, kind="inquiry", withheld_fields=[])
    fields = {k: v for k, v in data["visible"].items() if not k.startswith("payload.")}
    fields[f"attachment.{uuid.uuid4()}"] = {
        "name": "records.pdf",
        "content_type": "application/pdf",
        "size": len(content),
        "sha256": sha256,
        "marking": "both",
        "content": base64.b64encode(content).decode(),
    }
    data = kg_node.envelope(fields, kind=COMMUNICATION)
    data["id"] = cid
    return data, cid


def test_a_file_arriving_inline_is_stored_when_it_matches_its_sha256(
    kg_peer, kg_node, client, jp_cp
):
    data, cid = _with_file(kg_node, PDF, hashlib.sha256(PDF).hexdigest())
    assert kg_node.post(client, data).status_code == 200
    attachment = Communication.objects.get(pk=cid).attachments.get()
    assert attachment.file.read() == PDF and attachment.uploaded_by is None
    tampered, other = _with_file(kg_node, PDF + b"x", hashlib.sha256(PDF).hexdigest())
    answer = kg_node.post(client, tampered)
    assert (answer.status_code, answer.json()["code"]) == (422, "unprocessable")
    assert not Communication.objects.filter(pk=other).exists()
