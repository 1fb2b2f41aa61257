"""The lifecycle's acts across two nodes, on one node (Japan's; the Kyrgyz node is a test peer
that signs with its own key): an amendment and its written consents travel both ways, each
consent signed by the node hosting its side, so "written consent of both" is a pair of
signatures either node verifies; the notice of termination runs from the peer's signed
receipt."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from typing import Any

import pytest
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.core import nodekey
from sswbridge.core.models import Job
from sswbridge.exchange.federation import COMMUNICATION
from sswbridge.federation import acts, canonical, delivery, receipts, transport
from sswbridge.federation.models import Direction, Envelope
from sswbridge.frameworks.models import Side
from sswbridge.lifecycle import federation as lifecycle_federation
from sswbridge.lifecycle import services, signatures, withdrawals
from sswbridge.lifecycle.models import Amendment, AmendmentStatus, TerminationNotice
from sswbridge.lifecycle.termination import termination_date
from tests.helpers import factories
from tests.helpers.api import Api
from tests.helpers.federation import PeerNode, batched
from tests.helpers.peer_acts import KgTransport, peer_letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def jp_cp(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def kg_transport(monkeypatch: Any, kg_node: PeerNode) -> KgTransport:
    fake = KgTransport(kg_node)
    monkeypatch.setattr(transport, "post", batched(fake))
    return fake


def _kg_consent(kg_node: PeerNode, client: Any, amendment: Amendment, key: Any = None) -> Any:
    """The Kyrgyz side's written consent: its letter, then its act signed by the KG node."""
    letter, cid = peer_letter(kg_node, "amendment_consent", reply_to=amendment.proposal_id)
    assert kg_node.post(client, letter).status_code == 200
    kg = Side.objects.get(code="KG")
    signed = acts.sign(
        act=signatures.AMENDMENT_CONSENT,
        framework=amendment.framework,
        side=kg,
        subject=str(amendment.pk),
        content_digest=signatures.content_digest(amendment),
        at=timezone.now(),
        key=key or kg_node.key,
    )
    act = kg_node.envelope(
        {"amendment": str(amendment.pk), "communication": cid, "signed": signed},
        kind=lifecycle_federation.CONSENT,
    )
    return kg_node.post(client, act)


def _out(kind: str) -> list[Envelope]:
    return list(Envelope.objects.filter(direction=Direction.OUT, kind=kind).order_by("sequence"))


def test_japans_amendment_and_consent_travel_and_the_kyrgyz_consent_brings_it_into_force(
    kg_peer, kg_node, kg_transport, client, jp_kg, jp_cp
):
    amendment = services.propose_amendment(
        actor=jp_cp, framework=jp_kg, new_text="Clause 4 as amended.", clauses="4"
    )
    services.consent_to_amendment(actor=jp_cp, amendment=amendment)
    kinds = [e.kind for e in Envelope.objects.filter(direction=Direction.OUT).order_by("sequence")]
    assert kinds == [
        COMMUNICATION,  # the proposal
        lifecycle_federation.AMENDMENT,
        COMMUNICATION,  # Japan's written consent
        lifecycle_federation.CONSENT,
    ]
    assert delivery.deliver_all().delivered == 4
    sent = kg_transport.received
    assert sent[1]["visible"]["new_text"] == "Clause 4 as amended."
    # Japan's consent travels signed by Japan's node key; the peer can verify it.
    jp_signed = sent[3]["visible"]["signed"]
    assert jp_signed["act"]["key_id"] == nodekey.current().key_id
    assert nodekey.current().public.verify(
        acts.ACT_CONTEXT, canonical.dumps(jp_signed["act"]), jp_signed["signature"]
    )
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.PROPOSED  # one consent is not both

    # A consent signed by a key that is not the Kyrgyz node's is refused, nothing recorded.
    forged = _kg_consent(kg_node, client, amendment, key=PeerNode().key)
    assert (forged.status_code, forged.json()["code"]) == (422, "unprocessable")
    assert amendment.consents.count() == 1

    answer = _kg_consent(kg_node, client, amendment)
    assert answer.status_code == 200, answer.content
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.IN_FORCE
    assert amendment.in_force_from == timezone.localdate()
    assert amendment.text_version.recorded_by is None
    kg_consent = amendment.consents.get(side__code="KG")
    assert kg_consent.given_by is None
    assert signatures.both_verify(amendment)

    # Both signatures shown and checked, on the page and in the API.
    page = factories.verified_client(jp_cp).get(f"/lifecycle/amendments/{amendment.pk}/")
    html = page.content.decode()
    assert html.count('data-testid="signature-verified"') == 2
    assert 'data-testid="signed-by-both"' in html
    api = Api(jp_cp, "/api/v1/lifecycle").get("/frameworks/jp-kg").json()
    shown = api["amendments"][0]
    assert shown["signed_by_both"] is True
    assert {c["side"]: c["signature"]["verified"] for c in shown["consents"]} == {
        "JP": True,
        "KG": True,
    }

    # A tampered signature does not verify: changing what was consented to breaks it.
    tampered = copy.deepcopy(kg_consent.signed)
    tampered["act"]["digest"] = acts.digest({"new_text": "Something else."})
    kg_consent.signed = tampered
    kg_consent.save(update_fields=["signed"])
    assert not signatures.both_verify(amendment)
    html = factories.verified_client(jp_cp).get(f"/lifecycle/amendments/{amendment.pk}/")
    assert 'data-testid="signature-bad"' in html.content.decode()


def test_a_kyrgyz_amendment_arrives_and_japans_consent_travels_back_signed(
    kg_peer, kg_node, kg_transport, client, jp_kg, jp_cp
):
    new_text = "Clause 6 as amended."
    letter, cid = peer_letter(kg_node, "amendment_proposal", {"clauses": "6", "new_text": new_text})
    aid = str(uuid.uuid4())
    fields = {"amendment": aid, "proposal": cid, "clauses": "6", "new_text": new_text}
    early = kg_node.envelope(fields, kind=lifecycle_federation.AMENDMENT, sequence=2)
    # Before its proposal arrives, the amendment cannot be recorded: the sender tries again.
    answer = kg_node.post(client, early)
    assert (answer.status_code, answer.json()["code"]) == (503, "not_ready")
    assert kg_node.post(client, letter).status_code == 200
    kg_node.sequence = 1
    # An amendment whose text is not its proposal's is refused.
    wrong = kg_node.envelope({**fields, "new_text": "Other."}, kind=lifecycle_federation.AMENDMENT)
    assert kg_node.post(client, wrong).json()["code"] == "unprocessable"
    kg_node.sequence = 1
    assert kg_node.post(client, early).status_code == 200
    amendment = Amendment.objects.get(pk=aid)
    assert (amendment.originator_side.code, amendment.proposed_by) == ("KG", None)
    assert services.may_consent(jp_cp, amendment)
    kg_node.sequence = 2
    assert _kg_consent(kg_node, client, amendment).status_code == 200
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.PROPOSED

    services.consent_to_amendment(actor=jp_cp, amendment=amendment)
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.IN_FORCE and signatures.both_verify(amendment)
    (consent,) = _out(lifecycle_federation.CONSENT)
    assert consent.payload["amendment"] == aid
    assert acts.verifies(
        consent.payload["signed"],
        act=signatures.AMENDMENT_CONSENT,
        framework=jp_kg,
        side=Side.objects.get(code="JP"),
        subject=aid,
        content_digest=signatures.content_digest(amendment),
    )


def test_japans_notice_runs_from_the_peers_signed_receipt_not_from_sending(
    kg_peer, kg_transport, jp_kg, jp_cp
):
    notice = services.give_termination_notice(actor=jp_cp, framework=jp_kg)
    assert (notice.received_on, notice.termination_date) == (None, None)
    assert notice.awaiting_receipt
    assert not Job.objects.filter(unique_key=f"lifecycle.terminate:{notice.pk}").exists()
    jp = factories.verified_client(jp_cp)
    page = jp.get("/lifecycle/jp-kg/").content.decode()
    assert 'data-testid="notice-awaiting-receipt"' in page
    assert 'data-testid="countdown-awaiting-receipt"' in page
    api = Api(jp_cp, "/api/v1/lifecycle").get("/frameworks/jp-kg").json()
    assert (api["notices"][0]["awaiting_receipt"], api["notices"][0]["received_on"]) == (
        True,
        None,
    )

    # The Kyrgyz node receives it on 31 January (its clock): the six months run from then.
    kg_transport.received_at = dt.datetime(2027, 1, 31, 12, 0, tzinfo=dt.UTC)
    assert delivery.deliver_all().delivered == 2
    notice.refresh_from_db()
    assert notice.received_on == dt.date(2027, 1, 31) != timezone.localdate()
    assert notice.termination_date == dt.date(2027, 7, 31)
    assert notice.receipt["receipt"]["received_at"] == "2027-01-31T12:00:00Z"
    job = Job.objects.get(unique_key=f"lifecycle.terminate:{notice.pk}")
    assert timezone.localdate(job.run_after) == dt.date(2027, 7, 31)
    api = Api(jp_cp, "/api/v1/lifecycle").get("/frameworks/jp-kg").json()
    assert api["notices"][0]["termination_date"] == "2027-07-31"
    assert (
        'data-testid="notice-awaiting-receipt"' not in jp.get("/lifecycle/jp-kg/").content.decode()
    )


def test_a_kyrgyz_notice_is_received_here_and_runs_from_this_nodes_receipt(
    kg_peer, kg_node, client, jp_kg, jp_cp
):
    letter, cid = peer_letter(kg_node, "termination_notice")
    nid = str(uuid.uuid4())
    notice_envelope = kg_node.envelope(
        {"notice": nid, "communication": cid}, kind=lifecycle_federation.NOTICE
    )
    assert kg_node.post(client, letter).status_code == 200
    answer = kg_node.post(client, notice_envelope)
    assert answer.status_code == 200, answer.content
    notice = TerminationNotice.objects.get(pk=nid)
    arrived = Envelope.objects.get(pk=notice_envelope["id"])
    assert notice.originator_side.code == "KG" and notice.given_by is None
    assert notice.received_on == timezone.localdate(arrived.delivered_at)
    assert notice.termination_date == termination_date(notice.received_on)
    # The receipt this node signed (and answered the peer with) is the date of receipt.
    answered = answer.json()
    assert notice.receipt == {"receipt": answered["receipt"], "signature": answered["signature"]}
    own = {k: v.key for k, v in nodekey.trusted().items()}
    checked = receipts.check(
        notice.receipt, envelope_id=arrived.pk, content_hash=arrived.content_hash, keys=own
    )
    assert receipts.parse_timestamp(checked["received_at"]) == arrived.delivered_at
    assert Job.objects.filter(unique_key=f"lifecycle.terminate:{nid}").exists()
    # A second notice while one runs is refused.
    letter2, cid2 = peer_letter(kg_node, "termination_notice")
    assert kg_node.post(client, letter2).status_code == 200
    again = kg_node.envelope(
        {"notice": str(uuid.uuid4()), "communication": cid2}, kind=lifecycle_federation.NOTICE
    )
    assert kg_node.post(client, again).json()["code"] == "unprocessable"


def test_on_a_single_node_both_consents_are_signed_by_its_key_and_nothing_travels(jp_kg, jp_cp):
    kg_cp = factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")
    amendment = services.propose_amendment(actor=jp_cp, framework=jp_kg, new_text="New text.")
    services.consent_to_amendment(actor=jp_cp, amendment=amendment)
    services.consent_to_amendment(actor=kg_cp, amendment=amendment)
    amendment.refresh_from_db()
    assert amendment.status == AmendmentStatus.IN_FORCE and signatures.both_verify(amendment)
    own = nodekey.current().key_id
    assert {c.signed["act"]["key_id"] for c in amendment.consents.all()} == {own}
    assert not Envelope.objects.exists()
    notice = services.give_termination_notice(actor=kg_cp, framework=jp_kg)
    assert notice.received_on == timezone.localdate() and not notice.awaiting_receipt


def test_the_withdrawal_of_a_notice_travels_both_ways(
    kg_peer, kg_node, kg_transport, client, jp_kg, jp_cp
):
    # Japan's notice, received by the Kyrgyz node; Japan asks to withdraw it.
    notice = services.give_termination_notice(actor=jp_cp, framework=jp_kg)
    services.request_withdrawal(actor=jp_cp, notice=notice)
    (asked,) = _out(withdrawals.REQUEST)
    assert asked.payload["notice"] == str(notice.pk)
    assert delivery.deliver_all().delivered == 4
    notice.refresh_from_db()
    # The Kyrgyz side consents on its node: the notice is withdrawn here too.
    letter, cid = peer_letter(
        kg_node, "termination_withdrawal_consent", reply_to=notice.withdrawal_request_id
    )
    assert kg_node.post(client, letter).status_code == 200
    consent = kg_node.envelope(
        {"notice": str(notice.pk), "communication": cid, "withdrawn_on": "2027-02-01"},
        kind=withdrawals.CONSENT,
    )
    assert kg_node.post(client, consent).status_code == 200, "consent"
    notice.refresh_from_db()
    assert (notice.status, notice.withdrawn_on) == ("withdrawn", dt.date(2027, 2, 1))
    assert str(notice.withdrawal_consent_id) == cid

    # A Kyrgyz notice, received here; the Kyrgyz side asks; Japan consents, which travels.
    letter, cid = peer_letter(kg_node, "termination_notice")
    nid = str(uuid.uuid4())
    assert kg_node.post(client, letter).status_code == 200
    arrived = kg_node.envelope(
        {"notice": nid, "communication": cid}, kind=lifecycle_federation.NOTICE
    )
    assert kg_node.post(client, arrived).status_code == 200
    kg_notice = TerminationNotice.objects.get(pk=nid)
    assert not services.may_consent_to_withdrawal(jp_cp, kg_notice)
    letter, rid = peer_letter(kg_node, "termination_withdrawal_request", reply_to=cid)
    assert kg_node.post(client, letter).status_code == 200
    ask = kg_node.envelope({"notice": nid, "communication": rid}, kind=withdrawals.REQUEST)
    assert kg_node.post(client, ask).status_code == 200
    kg_notice.refresh_from_db()
    assert services.may_consent_to_withdrawal(jp_cp, kg_notice)
    services.consent_to_withdrawal(actor=jp_cp, notice=kg_notice)
    (given,) = _out(withdrawals.CONSENT)
    assert given.payload["notice"] == nid and given.payload["withdrawn_on"]
