"""Consent to disclose across two nodes, on one node (Japan's; the Kyrgyz node is a test peer
that signs with its own key): the request travels to the node of the side whose information
it is, the decision, signed by that node's key, back to the requesting node."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.disclosure import federation as disclosure_federation
from sswbridge.disclosure import services
from sswbridge.disclosure.models import DisclosureRequest, RequestStatus
from sswbridge.exchange import services as exchange
from sswbridge.exchange.models import Communication
from sswbridge.federation import acts, delivery, transport
from sswbridge.federation.models import Direction, Envelope
from tests.helpers import factories
from tests.helpers.api import Api
from tests.helpers.federation import PeerNode, batched
from tests.helpers.peer_acts import KgTransport, peer_letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def jp_cp(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def jp_officer(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.OFFICER, username="jp_officer")


@pytest.fixture
def kg_transport(monkeypatch: Any, kg_node: PeerNode) -> KgTransport:
    fake = KgTransport(kg_node)
    monkeypatch.setattr(transport, "post", batched(fake))
    return fake


def _out(kind: str) -> list[Envelope]:
    return list(Envelope.objects.filter(direction=Direction.OUT, kind=kind).order_by("sequence"))


def _kg_decision(kg_node: PeerNode, client: Any, r: DisclosureRequest, key: Any = None) -> Any:
    """The Kyrgyz contact point grants the consent on its node: its answer, then the decision
    signed by the Kyrgyz node."""
    answer, aid = peer_letter(
        kg_node, "disclosure_answer", {"decision": "granted"}, r.communication_id, "side"
    )
    assert kg_node.post(client, answer).status_code == 200
    decided = copy.copy(r)
    decided.status, decided.consent_reference = RequestStatus.GRANTED, "DC-2026-KG000001"
    decided.conditions, decided.expires_on = "For the trial only.", dt.date(2027, 6, 30)
    signed = acts.sign(
        act=disclosure_federation.DECISION,
        framework=r.framework,
        side=r.owner_side,
        subject=str(r.pk),
        content_digest=disclosure_federation.content_digest(decided),
        at=timezone.now(),
        key=key or kg_node.key,
    )
    fields = {
        "request": str(r.pk),
        "answer": aid,
        "status": "granted",
        "consent_reference": "DC-2026-KG000001",
        "conditions": "For the trial only.",
        "expires_on": "2027-06-30",
        "refusal_reason": "",
        "signed": signed,
    }
    return kg_node.post(client, kg_node.envelope(fields, kind=disclosure_federation.DECISION))


def test_japans_request_travels_and_the_kyrgyz_signed_consent_comes_back(
    kg_peer, kg_node, kg_transport, client, jp_kg, jp_officer, jp_cp
):
    share, sid = peer_letter(kg_node, "intermediary_share", {"acts": ["penalty_contract"]})
    assert kg_node.post(client, share).status_code == 200
    r = services.file_request(
        actor=jp_officer,
        third_party_type="prosecutor",
        third_party_name="Tokyo District Public Prosecutors Office",
        purpose="Prosecution of the broker.",
        items=[{"kind": "communication", "id": sid, "fields": ["subject"], "files": []}],
    )
    (sent,) = _out(disclosure_federation.REQUEST)
    assert sent.payload["request"] == str(r.pk) and sent.payload["items"][0]["id"] == sid
    assert delivery.deliver_all().delivered == 2

    forged = _kg_decision(kg_node, client, r, key=PeerNode().key)
    assert (forged.status_code, forged.json()["code"]) == (422, "unprocessable")
    r.refresh_from_db()
    assert r.status == RequestStatus.PENDING

    assert _kg_decision(kg_node, client, r).status_code == 200
    r.refresh_from_db()
    assert (r.status, r.decided_by, r.expires_on) == ("granted", None, dt.date(2027, 6, 30))
    assert r.answer.kind == "disclosure_answer"
    assert disclosure_federation.signature(r).verified
    assert services.may_export(jp_officer, r)
    page = factories.verified_client(jp_officer).get(f"/disclosure/{r.pk}/").content.decode()
    assert 'data-testid="signature-verified"' in page
    api = Api(jp_officer, "/api/v1/disclosure").get(f"/requests/{r.pk}").json()
    assert api["decision_signature"]["verified"] is True

    # Tampered (the consent's date moved on): the signature no longer verifies.
    DisclosureRequest.objects.filter(pk=r.pk).update(expires_on=dt.date(2030, 1, 1))
    r.refresh_from_db()
    assert not disclosure_federation.signature(r).verified
    page = factories.verified_client(jp_officer).get(f"/disclosure/{r.pk}/").content.decode()
    assert 'data-testid="signature-bad"' in page


def test_a_kyrgyz_request_arrives_and_japans_signed_refusal_travels_back(
    kg_peer, kg_node, kg_transport, client, jp_kg, jp_officer, jp_cp
):
    own = exchange.send_new(
        actor=jp_officer,
        framework=jp_kg,
        kind="intermediary_share",
        subject="Broker",
        body="Deposits.",
        payload={"intermediary_names": "X", "acts": ["penalty_contract"]},
    )
    letter, lid = peer_letter(
        kg_node,
        "disclosure_request",
        {
            "reference": "DR-2026-KG000001",
            "third_party": "Bishkek City Court",
            "purpose": "Trial.",
            "items": "communication: subject",
        },
        None,
        "side",
    )
    rid = "6d3c8f5e-1b7a-4c1e-9a55-0f4c2d7b9e10"
    fields = {
        "request": rid,
        "reference": "DR-2026-KG000001",
        "communication": lid,
        "third_party_type": "court",
        "third_party_name": "Bishkek City Court",
        "purpose": "Trial.",
        "items": [
            {"kind": "communication", "id": str(own.pk), "label": "x", "fields": ["subject"]},
            {"kind": "case", "id": "00000000-0000-0000-0000-000000000001", "label": "gone"},
        ],
    }
    early = kg_node.envelope(fields, kind=disclosure_federation.REQUEST, sequence=2)
    assert kg_node.post(client, early).json()["code"] == "not_ready"  # before its letter
    answer = kg_node.post(client, letter)
    assert answer.status_code == 200, answer.json()
    assert kg_node.post(client, early).status_code == 200
    r = DisclosureRequest.objects.get(pk=rid)
    assert (r.originator_side.code, r.owner_side.code, r.requested_by) == ("KG", "JP", None)
    assert [i.communication_id for i in r.items.all()] == [own.pk, None]
    assert services.may_decide(jp_cp, r)
    assert DisclosureRequest.objects.visible_to(jp_cp).filter(pk=rid).exists()
    assert factories.verified_client(jp_cp).get(f"/disclosure/{rid}/").status_code == 200

    services.refuse(actor=jp_cp, request=r, reasons="Not under this framework.")
    r.refresh_from_db()
    assert disclosure_federation.signature(r).verified
    (decision,) = _out(disclosure_federation.DECISION)
    assert decision.payload["status"] == "refused"
    assert decision.payload["signed"] == r.signed_decision
    answer = Communication.objects.get(pk=decision.payload["answer"])
    assert answer.kind == "disclosure_answer" and answer.recipient_side.code == "KG"
    assert delivery.deliver_all().delivered >= 2
    assert kg_transport.received[-1]["kind"] == disclosure_federation.DECISION
