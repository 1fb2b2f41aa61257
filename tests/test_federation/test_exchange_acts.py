"""What follows a communication between nodes (issue 14, points 2, 3 and 7): corrections,
retractions, requests for withheld content and their decisions, and retention's erasure
notices travel as signed envelopes; an arriving communication is checked against its kind.
Japan's node is this one; the Kyrgyz node a test peer signing with its own key."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.exchange import erasure, peer_release, redaction, release, retraction
from sswbridge.exchange import services as exchange
from sswbridge.exchange.federation import COMMUNICATION, RECEIPT
from sswbridge.exchange.models import Communication, ReleaseRequest
from sswbridge.federation import commitments, delivery, receipts
from sswbridge.federation.models import Direction, Envelope
from sswbridge.orders import services as order_services
from sswbridge.retention import services as retention
from tests.helpers import factories
from tests.helpers.federation import PeerNode, sign_receipt

pytestmark = pytest.mark.django_db


@pytest.fixture
def jp_officer(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.OFFICER, username="jp_officer")


@pytest.fixture
def jp_cp(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


def _meta(cid: str, **overrides: Any) -> dict[str, Any]:
    return {
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


def _arrive(
    kg_node: PeerNode,
    client: Any,
    *,
    fields: dict[str, Any] | None = None,
    withheld: dict[str, Any] | None = None,
    **meta: Any,
) -> tuple[Any, str]:
    """A communication from the Kyrgyz node posted here: (the answer, its id)."""
    cid = str(uuid.uuid4())
    data = kg_node.envelope(
        {
            "meta": _meta(cid, **meta),
            "subject": "Ak-Jol",
            "body": "Deposits.",
            "payload.acts": ["penalty_contract"],
            **(fields or {}),
        },
        withheld={"payload.intermediary_names": "Asel Uulu"} if withheld is None else withheld,
        kind=COMMUNICATION,
    )
    data["id"] = cid
    return kg_node.post(client, data), cid


def _refused(answer: Any, code: str) -> None:
    assert (answer.status_code, answer.json()["code"]) == (422, code), answer.content
    entry = AuditEntry.objects.filter(action="federation.refused").order_by("-seq").first()
    assert entry is not None and entry.changes["code"] == code


def _share(sender: Any, jp_kg: Any) -> Communication:
    return exchange.send_new(
        actor=sender,
        framework=jp_kg,
        kind="intermediary_share",
        subject="Ak-Jol Travel takes deposits",
        payload={"intermediary_names": "OsOO Ak-Jol Tr", "acts": ["penalty_contract"]},
        withheld_fields=["intermediary_names"],
    )


# --- corrections ---------------------------------------------------------------------------


def test_a_correction_travels_as_a_new_version_superseding_the_old(
    kg_peer, kg_node, client, jp_kg, jp_officer, jp_cp, kg_transport
):
    original = _share(jp_officer, jp_kg)
    delivery.deliver_all()
    corrected = exchange.correct(
        actor=jp_officer,
        communication=original,
        subject="Ak-Jol Travel takes deposits (corrected)",
        payload={"intermediary_names": "OsOO Ak-Jol Travel", "acts": ["penalty_contract"]},
    )
    delivery.deliver_all()
    sent = kg_transport.received[-1]
    assert sent["id"] == str(corrected.pk)
    assert sent["visible"]["meta"]["supersedes"] == str(original.pk)
    assert sent["visible"]["meta"]["version"] == 2
    assert "OsOO Ak-Jol Travel" not in json.dumps(sent)  # still withheld

    # Arriving here from the Kyrgyz node: linked to the version it replaces, which leaves
    # the lists.
    first, old_id = _arrive(kg_node, client)
    assert first.status_code == 200
    second, new_id = _arrive(kg_node, client, supersedes=old_id, version=2)
    assert second.status_code == 200, second.content
    new, old = Communication.objects.get(pk=new_id), Communication.objects.get(pk=old_id)
    assert (new.supersedes_id, new.version, old.superseded) == (old.pk, 2, True)
    inbox = Communication.objects.visible_to(jp_cp).filter(
        superseded=False, originator_side__code="KG"
    )
    assert set(inbox.values_list("pk", flat=True)) == {new.pk}


# --- retractions ---------------------------------------------------------------------------


def test_a_retraction_travels_to_the_node_holding_the_copy(
    kg_peer, jp_kg, jp_officer, kg_transport
):
    c = _share(jp_officer, jp_kg)
    retraction.retract(actor=jp_officer, communication=c, reason="Sent to the wrong side")
    delivery.deliver_all()
    sent = kg_transport.received[-1]
    assert sent["kind"] == retraction.RETRACTION
    assert sent["visible"]["communication"] == str(c.pk)
    assert sent["visible"]["versions"] == [str(c.pk)]
    assert sent["visible"]["reason"] == "Sent to the wrong side"


def test_with_every_side_hosted_here_a_retraction_queues_nothing(jp_kg, jp_officer):
    c = _share(jp_officer, jp_kg)
    retraction.retract(actor=jp_officer, communication=c, reason="Wrong side")
    assert not Envelope.objects.exists()


def test_an_arriving_retraction_hides_this_nodes_copy(kg_peer, kg_node, client, jp_cp):
    _answer, old_id = _arrive(kg_node, client)
    _answer, cid = _arrive(kg_node, client, supersedes=old_id, version=2)
    notice = kg_node.envelope(
        {
            "communication": cid,
            "versions": [cid, old_id],
            "retracted_at": "2026-12-07T11:00:00Z",
            "reason": "Sent in error",
        },
        kind=retraction.RETRACTION,
    )
    assert kg_node.post(client, notice).status_code == 200
    for pk in (cid, old_id):
        c = Communication.objects.get(pk=pk)
        assert c.retracted_at == receipts.parse_timestamp("2026-12-07T11:00:00Z")
        assert (c.retracted_by, c.retraction_reason) == (None, "Sent in error")
        assert redaction.is_hidden_by_retraction(jp_cp, c)
    page = factories.verified_client(jp_cp).get(f"/exchange/{cid}/").content.decode()
    assert "Ak-Jol" not in page and "Deposits." not in page
    # A retraction of nothing this node holds from that peer is refused.
    stray = kg_node.envelope(
        {
            "communication": str(uuid.uuid4()),
            "versions": [],
            "retracted_at": "2026-12-07T11:00:00Z",
            "reason": "x",
        },
        kind=retraction.RETRACTION,
    )
    _refused(kg_node.post(client, stray), "unprocessable")


# --- withheld fields: requests and releases --------------------------------------------------


def test_a_request_for_a_withheld_field_travels_to_the_originating_node(
    kg_peer, kg_node, client, jp_cp, kg_transport
):
    _answer, cid = _arrive(kg_node, client)
    c = Communication.objects.get(pk=cid)
    release.request_release(
        actor=jp_cp, communication=c, field="intermediary_names", reason="Needed to inspect"
    )
    delivery.deliver_all()
    sent = kg_transport.received[-1]
    assert sent["kind"] == peer_release.REQUEST
    assert sent["to_side"] == "KG"
    assert (sent["visible"]["communication"], sent["visible"]["field"]) == (
        cid,
        "intermediary_names",
    )


def _decision(kg_node: PeerNode, cid: str, opening: dict[str, Any] | None) -> dict[str, Any]:
    return kg_node.envelope(
        {
            "communication": cid,
            "field": "intermediary_names",
            "status": "released" if opening else "refused",
            "note": "",
            "decided_at": "2026-12-07T12:00:00Z",
            "opening": opening,
        },
        kind=peer_release.DECISION,
    )


def test_a_released_value_is_shown_only_when_it_opens_the_commitment(
    kg_peer, kg_node, client, jp_cp, kg_transport
):
    _answer, cid = _arrive(kg_node, client)
    kept = kg_node.openings["payload.intermediary_names"]
    c = Communication.objects.get(pk=cid)
    item = release.request_release(
        actor=jp_cp, communication=c, field="intermediary_names", reason="Needed"
    )
    assert "Asel Uulu" not in json.dumps(list(Envelope.objects.values("payload")))

    # Tampered: another value with the salt, or the value with another salt.
    for opening in (
        {"value": "Someone Else", "salt": kept["salt"]},
        {"value": kept["value"], "salt": "00" * 32},
    ):
        answer = kg_node.post(client, _decision(kg_node, cid, opening))
        _refused(answer, "commitment_mismatch")
        c.refresh_from_db()
        assert c.withheld_fields == ["intermediary_names"]
        assert "intermediary_names" not in c.payload
        assert ReleaseRequest.objects.get(pk=item.pk).status == "pending"

    answer = kg_node.post(client, _decision(kg_node, cid, kept))
    assert answer.status_code == 200, answer.content
    c.refresh_from_db()
    assert c.payload["intermediary_names"] == "Asel Uulu" and c.withheld_fields == []
    item.refresh_from_db()
    assert item.status == "released" and item.decided_by is None
    view = redaction.view_for(jp_cp, c)
    assert [(f.value, f.withheld) for f in view.fields if f.name == "intermediary_names"] == [
        ("Asel Uulu", False)
    ]


def test_a_refusal_travels_without_an_opening(kg_peer, kg_node, client, jp_cp):
    _answer, cid = _arrive(kg_node, client)
    c = Communication.objects.get(pk=cid)
    item = release.request_release(
        actor=jp_cp, communication=c, field="intermediary_names", reason="Needed"
    )
    assert kg_node.post(client, _decision(kg_node, cid, None)).status_code == 200
    item.refresh_from_db()
    c.refresh_from_db()
    assert item.status == "refused" and c.withheld_fields == ["intermediary_names"]


def test_a_request_from_the_peer_is_decided_here_and_the_opening_sent_back(
    kg_peer, kg_node, client, jp_kg, jp_officer, jp_cp, kg_transport
):
    c = _share(jp_officer, jp_kg)
    delivery.deliver_all()
    request = kg_node.envelope(
        {
            "communication": str(c.pk),
            "field": "intermediary_names",
            "reason": "Needed to inspect",
            "requested_by": "Aibek",
            "requested_at": "2026-12-07T12:00:00Z",
        },
        kind=peer_release.REQUEST,
    )
    assert kg_node.post(client, request).status_code == 200
    item = ReleaseRequest.objects.get(communication=c)
    assert (item.status, item.requested_by) == ("pending", None)
    page = factories.verified_client(jp_cp).get(f"/exchange/{c.pk}/").content.decode()
    assert "Needed to inspect" in page
    # Only this side's contact point decides (an officer may not).
    with pytest.raises(exchange.NotPermitted):
        release.decide(actor=jp_officer, request=item, release=True)
    release.decide(actor=jp_cp, request=item, release=True)
    delivery.deliver_all()
    sent = kg_transport.received[-1]
    assert sent["kind"] == peer_release.DECISION and sent["visible"]["status"] == "released"
    opening = sent["visible"]["opening"]
    shared = Envelope.objects.get(pk=c.pk, direction=Direction.OUT)
    field = "payload.intermediary_names"
    assert opening["value"] == "OsOO Ak-Jol Tr"
    assert commitments.opens(shared.commitments[field], field, opening["value"], opening["salt"])


def test_a_request_naming_no_withheld_field_is_refused(
    kg_peer, kg_node, client, jp_kg, jp_officer, kg_transport
):
    c = _share(jp_officer, jp_kg)
    delivery.deliver_all()
    request = kg_node.envelope(
        {"communication": str(c.pk), "field": "acts", "reason": "x", "requested_by": "A"},
        kind=peer_release.REQUEST,
    )
    _refused(kg_node.post(client, request), "unprocessable")
    assert not ReleaseRequest.objects.exists()


# --- the content of an arriving communication ------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "fields"),
    [
        ({"kind": "no_such_kind"}, {}),
        ({}, {"payload.no_such_field": "x"}),
        ({}, {"payload.acts": ["not_a_choice"]}),
        ({"marking": "public"}, {}),
        ({"withheld_fields": ["acts"]}, {}),  # said withheld, yet it travels
        ({"withheld_fields": ["no_such_field"]}, {}),
        ({"version": "two"}, {}),
        ({"supersedes": "not-an-id"}, {}),
        ({}, {"subject": ""}),
        ({}, {"subject": "x" * 301}),
        ({}, {"unexpected": 1}),
    ],
)
def test_an_arriving_communication_is_checked_against_its_kind(
    kg_peer, kg_node, client, meta, fields
):
    answer, cid = _arrive(kg_node, client, fields=fields, **meta)
    _refused(answer, "unprocessable")
    assert not Communication.objects.filter(pk=cid).exists()
    assert not Envelope.objects.filter(pk=cid).exists()


def test_an_arriving_communication_needs_its_kinds_required_fields(kg_peer, kg_node, client):
    cid = str(uuid.uuid4())
    data = kg_node.envelope(
        {"meta": _meta(cid, withheld_fields=[]), "subject": "Ak-Jol"}, kind=COMMUNICATION
    )
    data["id"] = cid
    _refused(kg_node.post(client, data), "unprocessable")
    # Its id must be the envelope's.
    answer, _cid = _arrive(kg_node, client, id=str(uuid.uuid4()))
    _refused(answer, "unprocessable")


def test_an_arriving_body_is_sanitized(kg_peer, kg_node, client):
    answer, cid = _arrive(kg_node, client, fields={"body": "<p>Hi</p><script>x()</script>"})
    assert answer.status_code == 200, answer.content
    assert "<script>" not in Communication.objects.get(pk=cid).body


# --- retention: erasure notices ----------------------------------------------------------------


def _order(jp_kg: Any) -> Any:
    registrar = factories.make_user("isa", Role.REGISTRAR)
    return order_services.record_order(
        actor=registrar,
        framework=jp_kg,
        order_date=timezone.localdate(),
        organization_name="Sakura Foods K.K.",
        address="Osaka",
        representative="Sato Ichiro",
        legal_basis="Article 19-21",
        measures="Pay the wages due.",
    )


def test_retention_erasure_sends_a_notice_and_records_the_peers_signed_confirmation(
    kg_peer, kg_node, client, jp_kg, jp_officer, kg_transport
):
    order = _order(jp_kg)
    delivery.deliver_all()
    page = factories.verified_client(jp_officer).get(f"/exchange/{order.communication_id}/")
    assert "peer-erased-at" not in page.content.decode()
    letter = Envelope.objects.get(pk=order.communication_id, direction=Direction.OUT)
    assert "Sato Ichiro" in json.dumps(letter.payload)
    retention.apply_retention(today=timezone.localdate() + timezone.timedelta(days=5 * 365 + 1))
    delivery.deliver_all()
    notice = kg_transport.received[-1]
    assert notice["kind"] == erasure.NOTICE
    assert notice["visible"]["communication"] == str(order.communication_id)
    assert notice["visible"]["fields"] == ["payload.representative"]
    # The envelope that carried the letter keeps its commitment, not the value.
    letter.refresh_from_db()
    assert "Sato Ichiro" not in json.dumps([letter.payload, letter.salts, letter.withheld])
    assert "payload.representative" in letter.commitments
    assert AuditEntry.objects.filter(action="federation.values_erased").exists()

    sent = Envelope.objects.get(pk=notice["id"])
    signed = sign_receipt(kg_node, notice["id"], sent.content_hash, erasure.ERASED)
    receipt = kg_node.envelope(
        {"communication": notice["visible"]["communication"], "event": "erased", "signed": signed},
        kind=RECEIPT,
    )
    assert kg_node.post(client, receipt).status_code == 200
    [entry] = AuditEntry.objects.filter(
        action="retention_erase_confirmed", object_id=str(order.communication_id)
    )
    assert entry.changes["receipt"]["kind"] == "erased"
    assert entry.changes["fields"] == ["payload.representative"]
    letter_page = factories.verified_client(jp_officer).get(f"/exchange/{order.communication_id}/")
    assert 'data-testid="peer-erased-at"' in letter_page.content.decode()
    # A confirmation signed by another key is refused, and not recorded.
    forged = sign_receipt(PeerNode(), notice["id"], sent.content_hash, erasure.ERASED)
    bad = kg_node.envelope(
        {"communication": notice["visible"]["communication"], "event": "erased", "signed": forged},
        kind=RECEIPT,
    )
    _refused(kg_node.post(client, bad), "unprocessable")
    assert AuditEntry.objects.filter(action="retention_erase_confirmed").count() == 1


def test_with_every_side_hosted_here_retention_erasure_sends_nothing(jp_kg):
    order = _order(jp_kg)
    retention.apply_retention(today=timezone.localdate() + timezone.timedelta(days=5 * 365 + 1))
    letter = Communication.objects.get(pk=order.communication_id)
    assert letter.payload["representative"] == "" and not Envelope.objects.exists()


def test_an_erasure_notice_erases_this_nodes_copy_and_confirms_it(
    kg_peer, kg_node, client, jp_kg, kg_transport
):
    _answer, cid = _arrive(
        kg_node,
        client,
        withheld={},
        withheld_fields=[],
        fields={"payload.intermediary_names": "Asel Uulu"},
    )
    assert Communication.objects.get(pk=cid).payload["intermediary_names"] == "Asel Uulu"
    notice = kg_node.envelope(
        {
            "communication": cid,
            "fields": ["body", "payload.intermediary_names"],
            "erased_at": "2031-12-07T02:00:00Z",
        },
        kind=erasure.NOTICE,
    )
    assert kg_node.post(client, notice).status_code == 200
    c = Communication.objects.get(pk=cid)
    assert c.payload["intermediary_names"] == "" and "Deposits." not in c.body
    arrived = Envelope.objects.get(pk=cid)
    assert "Asel Uulu" not in json.dumps([arrived.payload, arrived.salts])
    assert "Deposits." not in json.dumps(arrived.payload)
    assert AuditEntry.objects.filter(action="retention_erase", object_id=cid).exists()
    [out] = Envelope.objects.filter(direction=Direction.OUT, kind=RECEIPT)
    assert out.payload["event"] == "erased"
    signed = out.payload["signed"]["receipt"]
    stored = Envelope.objects.get(pk=notice["id"])
    assert (signed["kind"], signed["envelope_id"], signed["content_hash"]) == (
        "erased",
        notice["id"],
        stored.content_hash,
    )
    assert delivery.deliver_all().delivered == 1
