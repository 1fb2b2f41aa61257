"""Cross-anchored audit and a restored node rejoining, on one node (Japan's; the Kyrgyz node
is a test peer signing with its own key): receipts carry signed checkpoints, kept per peer
and flagged when they go backwards or disagree; the checkpoint endpoint gives a signed view;
a peer's `conflicting_sequence` or `contiguous` moves the outgoing sequence of a restored
node past what the peer holds."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from sswbridge.audit.models import AuditEntry
from sswbridge.core import nodekey
from sswbridge.federation import canonical, delivery, receipts, rejoin, transport, wire
from sswbridge.federation import services as federation
from sswbridge.federation.anchors import checkpoints, streams, view
from sswbridge.federation.models import Direction, Envelope, PeerCheckpoint, Sequence
from sswbridge.frameworks.models import Side
from tests.helpers.federation import PeerNode, batched

pytestmark = pytest.mark.django_db

CHECKPOINT = "/federation/v1/checkpoint"


def kg_checkpoint(
    node: PeerNode, *, audit_seq: int = 5, received: Any = None, sent: Any = None
) -> dict[str, Any]:
    document = {
        "format": checkpoints.FORMAT,
        "framework": "jp-kg",
        "node_side": "KG",
        "peer_side": "JP",
        "audit_seq": audit_seq,
        "audit_hash": "a" * 64,
        "received": received or {"upto": 0, "digest": streams.GENESIS},
        "sent": sent or {"upto": 0, "digest": streams.GENESIS},
        "created_at": checkpoints.timestamp(timezone.now()),
        "key_id": node.key.key_id,
    }
    return {
        "checkpoint": document,
        "signature": node.key.sign(checkpoints.CONTEXT, canonical.dumps(document)),
    }


class KgNode:
    """Stands for transport.post: answers each delivery with a receipt signed by the Kyrgyz
    key, carrying `self.checkpoint` (or one stating that it received every envelope so far),
    or with `self.answer` when set."""

    def __init__(self, node: PeerNode) -> None:
        self.node = node
        self.checkpoint: dict[str, Any] | None = None
        self.answers: list[transport.Answer] = []
        self.received: list[dict[str, Any]] = []

    def __call__(self, url: str, body: bytes, *, timeout: float | None = None) -> Any:
        data = json.loads(body)
        if self.answers:
            return self.answers.pop(0)
        self.received.append(data)
        jp = Side.objects.get(code="JP")
        upto = data["sequence"]
        framework = Envelope.objects.get(pk=data["id"]).framework
        digest = streams.digest(Direction.OUT, framework, jp, upto)
        received = {"upto": upto, "digest": digest} if digest else None
        checkpoint = self.checkpoint or kg_checkpoint(
            self.node, audit_seq=len(self.received), received=received
        )
        receipt = {
            "kind": "delivered",
            "envelope_id": data["id"],
            "content_hash": wire.content_hash(data),
            "received_at": receipts.timestamp(timezone.now()),
            "receiver_key_id": self.node.key.key_id,
            "checkpoint": checkpoint,
        }
        signed = {
            "receipt": receipt,
            "signature": self.node.key.sign(receipts.RECEIPT_CONTEXT, canonical.dumps(receipt)),
        }
        return transport.Answer(200, {**signed, "contiguous": upto, "missing": None})


@pytest.fixture
def kg_transport(monkeypatch: Any, kg_node: PeerNode) -> KgNode:
    fake = KgNode(kg_node)
    monkeypatch.setattr(transport, "post", batched(fake))
    return fake


def _send(jp_kg: Any, n: int = 1) -> list[Envelope]:
    kg = Side.objects.get(code="KG")
    return [federation.enqueue(jp_kg, kg, "test.note", {"subject": f"note {i}"}) for i in range(n)]


def test_the_receipt_this_node_gives_carries_its_signed_checkpoint(kg_peer, kg_node, client):
    first = kg_node.envelope()
    assert kg_node.post(client, first).status_code == 200
    answer = kg_node.post(client, kg_node.envelope()).json()
    own = {k: v.key for k, v in nodekey.trusted().items()}
    receipt = receipts.check(
        answer, envelope_id=answer["receipt"]["envelope_id"],
        content_hash=answer["receipt"]["content_hash"], keys=own,
    )  # fmt: skip
    document = checkpoints.verify(receipt["checkpoint"], own)
    head = AuditEntry.objects.order_by("-seq").first()
    assert head is not None and document["audit_seq"] >= head.seq - 1
    # What this node received of the peer's stream, both envelopes included, chained.
    link = streams.link(streams.GENESIS, 1, first["id"], wire.content_hash(first))
    assert document["received"]["upto"] == 2
    assert document["received"]["digest"] == streams.link(
        link, 2, answer["receipt"]["envelope_id"], answer["receipt"]["content_hash"]
    )
    # A signature over anything else does not verify.
    tampered = {**receipt["checkpoint"], "checkpoint": {**document, "audit_seq": 1}}
    with pytest.raises(checkpoints.BadCheckpoint):
        checkpoints.verify(tampered, own)


def test_the_peers_checkpoints_are_kept_once_each(kg_peer, jp_kg, kg_transport):
    _send(jp_kg, 2)
    assert delivery.deliver_all().delivered == 2
    kept = list(PeerCheckpoint.objects.filter(peer=kg_peer).order_by("audit_seq"))
    assert [(c.audit_seq, c.flag) for c in kept] == [(1, ""), (2, "")]
    assert kept[1].document["received"]["upto"] == 2
    # Redelivered with the same receipt: kept once.
    signed = Envelope.objects.get(sequence=1).receipt["receipt"]["checkpoint"]
    checkpoints.store(kg_peer, signed, view.all_keys(kg_peer))
    assert PeerCheckpoint.objects.count() == 2


def test_a_checkpoint_that_does_not_verify_refuses_the_receipt(
    kg_peer, jp_kg, kg_transport, kg_node
):
    forged = kg_checkpoint(kg_node)
    forged["checkpoint"]["audit_seq"] = 99  # after signing
    kg_transport.checkpoint = forged
    (envelope,) = _send(jp_kg)
    delivery.deliver_due()
    envelope.refresh_from_db()
    assert envelope.status == "queued" and "checkpoint" in envelope.last_error
    assert not PeerCheckpoint.objects.exists()


def test_a_checkpoint_going_backwards_or_disagreeing_is_flagged_and_audited(
    kg_peer, jp_kg, kg_transport, kg_node
):
    _send(jp_kg)
    kg_transport.checkpoint = kg_checkpoint(kg_node, audit_seq=40)
    delivery.deliver_all()
    kg_transport.checkpoint = kg_checkpoint(kg_node, audit_seq=30)  # restored, or rewritten
    _send(jp_kg)
    delivery.deliver_all()
    last = PeerCheckpoint.objects.get(audit_seq=30)
    assert last.flag == checkpoints.BACKWARDS and "#30 after #40" in last.flag_detail
    assert AuditEntry.objects.filter(action="federation.checkpoint_backwards").count() == 1
    # The peer signs that it received this node's envelopes 1..2 with other content.
    kg_transport.checkpoint = kg_checkpoint(
        kg_node, audit_seq=50, received={"upto": 2, "digest": "b" * 64}
    )
    _send(jp_kg)
    delivery.deliver_all()
    assert PeerCheckpoint.objects.get(audit_seq=50).flag == checkpoints.DIVERGES
    assert AuditEntry.objects.filter(action="federation.checkpoint_diverges").exists()


def test_the_checkpoint_endpoint_gives_a_signed_view_to_the_peer_only(
    kg_peer, kg_node, client, jp_kg, kg_transport
):
    (sent,) = _send(jp_kg)
    delivery.deliver_all()
    assert kg_node.post(client, kg_node.envelope()).status_code == 200
    ask = {"framework": "jp-kg", "from_side": "KG", "to_side": "JP", "pins": [1]}
    answer = kg_node.post(client, ask, path=CHECKPOINT)
    assert answer.status_code == 200, answer.content
    data = answer.json()
    document = data["view"]
    own = nodekey.current().public
    assert own.verify(view.CONTEXT, canonical.dumps(document), data["signature"])
    assert [(row[0], row[1], row[2]) for row in document["envelopes"]] == [
        ("JP", 1, str(sent.pk)),
        ("KG", 1, Envelope.objects.get(direction="in").pk.__str__()),
    ]
    assert document["contiguous"] == 1
    assert document["pins"] == [[1, AuditEntry.objects.get(seq=1).entry_hash]]
    assert [c["checkpoint"]["audit_seq"] for c in document["held"]] == [1]
    # Signed by another key: refused, with its audit entry.
    stranger = PeerNode()
    refused = stranger.post(client, ask, path=CHECKPOINT)
    assert (refused.status_code, refused.json()["code"]) == (401, "unknown_key")


def test_a_conflicting_sequence_renumbers_the_envelope_past_the_peers(kg_peer, jp_kg, kg_transport):
    """This node was restored from a backup: the peer already holds numbers 1..3 from it."""
    (envelope,) = _send(jp_kg)
    assert envelope.sequence == 1
    kg_transport.answers = [
        transport.Answer(409, {"code": "conflicting_sequence", "contiguous": 3})
    ]
    result = delivery.deliver_all()
    assert (result.renumbered, result.delivered, result.refused) == (1, 1, 0)
    envelope.refresh_from_db()
    assert (envelope.sequence, envelope.status) == (4, "delivered")
    assert envelope.content_hash == wire.content_hash(wire.body(envelope))
    assert [d["sequence"] for d in kg_transport.received] == [4]  # sent once, renumbered
    assert AuditEntry.objects.filter(action="federation.renumbered").exists()
    assert _send(jp_kg)[0].sequence == 5


def test_the_peers_contiguous_number_moves_a_lagging_outgoing_sequence(
    kg_peer, jp_kg, kg_transport
):
    _send(jp_kg)
    delivery.deliver_all()
    jp = Side.objects.get(code="JP")
    row = Sequence.objects.get(direction="out", from_side=jp)
    assert rejoin.resume_after(jp_kg, jp, 1) is None  # not behind: nothing changes
    assert rejoin.resume_after(jp_kg, jp, 7) == 7
    assert Sequence.objects.get(pk=row.pk).last == 7
    assert AuditEntry.objects.filter(action="federation.sequence_resumed").count() == 1
    assert _send(jp_kg)[0].sequence == 8


def test_the_endpoint_answers_a_conflicting_sequence_with_its_contiguous_number(
    kg_peer, kg_node, client
):
    assert kg_node.post(client, kg_node.envelope()).status_code == 200
    answer = kg_node.post(client, kg_node.envelope(sequence=1))
    assert answer.status_code == 409
    assert (answer.json()["code"], answer.json()["contiguous"]) == ("conflicting_sequence", 1)


def test_verify_audit_peers_without_a_reachable_peer_fails(kg_peer, jp_kg, monkeypatch):
    def down(url: str, body: bytes, *, timeout: float | None = None) -> Any:
        raise transport.Unreachable("connection refused")

    monkeypatch.setattr(transport, "post", down)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as error:
        call_command("verify-audit", "--peers", "--no-checkpoint")
    assert error.value.returncode == 1


def test_peer_resume_numbers_the_next_envelope_after_the_peers_view(
    kg_peer, jp_kg, kg_node, monkeypatch
):
    asked: list[dict[str, Any]] = []

    def kg_view(url: str, body: bytes, *, timeout: float | None = None) -> Any:
        asked.append(json.loads(body))
        document = {
            "format": view.FORMAT,
            "framework": "jp-kg",
            "node_side": "KG",
            "peer_side": "JP",
            "key_id": kg_node.key.key_id,
            "contiguous": 6,
        }
        signature = kg_node.key.sign(view.CONTEXT, canonical.dumps(document))
        return transport.Answer(200, {"view": document, "signature": signature})

    monkeypatch.setattr(transport, "post", kg_view)
    out = io.StringIO()
    call_command("peer", "resume", "--framework", "jp-kg", "--side", "kg", stdout=out)
    assert asked[0]["from_side"] == "JP" and "7" in out.getvalue()
    assert _send(jp_kg)[0].sequence == 7
    # A view signed by another key is not believed.
    monkeypatch.setattr(kg_node, "key", PeerNode().key)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("peer", "resume", "--framework", "jp-kg", "--side", "kg")
