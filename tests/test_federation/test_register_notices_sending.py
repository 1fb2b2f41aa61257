"""The register of sending organizations over the federation, on one node at a time: on the
Kyrgyz node an approval, a revocation and a correction queue `sending.register_notice`
envelopes with the public fields only; on Japan's node such a notice becomes the copy that
its portal lists and verify finds, updated by later notices, once per envelope."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from sswbridge.accounts.models import Role
from sswbridge.audit.models import AuditEntry
from sswbridge.exchange.federation import COMMUNICATION
from sswbridge.federation import delivery, transport
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.models import Side
from sswbridge.publication.models import Publication
from sswbridge.sending.federation import KIND
from sswbridge.sending.models import SendingOrganization, StatusChange
from sswbridge.sending.services import organizations as sending_services
from tests.helpers import factories, registers
from tests.helpers.federation import PeerNode, batched
from tests.helpers.register_notices import (
    SigningPeer,
    auto_publish,
    post_notice,
    sending_entry,
    step,
)

pytestmark = pytest.mark.django_db

# What stays on the Kyrgyz node (registers.APPLICATION and the decision's reasons).
SIDE_ONLY = ("Asanova Aigul", "P-2026-0042", "All standards met", "representatives", "permit")


# --- on the Kyrgyz node, which keeps the register ------------------------------------------


@pytest.fixture
def kyrgyz_node(settings: Any, jp_kg: Any) -> PeerNode:
    """This node hosts the Kyrgyz side only; Japan's node is a peer (signing with its key)."""
    settings.HOSTED_SIDES = [("jp-kg", "kg")]
    japan = PeerNode(side="JP", to_side="KG")
    federation.add_peer(
        actor=None,
        framework=jp_kg,
        side=Side.objects.get(code="JP"),
        base_url="https://jp.example.test",
        public_key=japan.key.public.raw_base64,
    )
    return japan


@pytest.fixture
def kg_registrar(jp_kg: Any) -> Any:
    return factories.make_user("kg-ceca", Role.REGISTRAR)


def _notices() -> list[Envelope]:
    return list(Envelope.objects.filter(kind=KIND).order_by("sequence"))


def test_an_approval_queues_a_notice_with_the_public_fields_only(
    kyrgyz_node, jp_kg, kg_registrar, monkeypatch
):
    org = registers.approved(kg_registrar, jp_kg)
    [notice] = _notices()
    assert (notice.direction, notice.to_side.code, notice.from_side.code) == ("out", "JP", "KG")
    entry, change = notice.payload["entry"], notice.payload["change"]
    assert set(entry) == set(sending_entry())  # the shape Japan's node reads (below)
    assert (entry["id"], entry["name_en"], entry["registration_number"], entry["status"]) == (
        str(org.pk),
        "Ala-Too Labour Bridge LLC",
        "123456-3301-OOO",
        "approved",
    )
    assert (change["to_status"], change["reason"]) == ("approved", "")
    dumped = json.dumps([notice.payload, notice.withheld])
    assert not [value for value in SIDE_ONLY if value in dumped]
    # The notice to Japan travels before it, as a communication; the portal of Japan is not
    # this node's: nothing is published for it here, the Kyrgyz portal publishes at once.
    message = Envelope.objects.get(kind=COMMUNICATION)
    assert notice.payload["communication"] == str(message.pk)
    assert message.sequence < notice.sequence
    assert set(Publication.objects.values_list("portal", "status")) == {("kg", "published")}

    peer = SigningPeer(kyrgyz_node)
    monkeypatch.setattr(transport, "post", batched(peer))
    assert delivery.deliver_all().delivered == 2
    assert [d["kind"] for d in peer.received] == [COMMUNICATION, KIND]
    # (The communication carries what the exchange shares with Japan, as on one node.)
    assert not [value for value in SIDE_ONLY if value in json.dumps(peer.received[1])]


def test_a_revocation_and_a_correction_travel_as_later_notices(kyrgyz_node, jp_kg, kg_registrar):
    org = registers.approved(kg_registrar, jp_kg)
    sending_services.change_status(
        actor=kg_registrar, organization=org, status="revoked", reason="Collected deposits"
    )
    sending_services.update_application(
        actor=kg_registrar, organization=org, address="Osh, Lenin Street 1"
    )
    approval, revocation, correction = _notices()
    assert revocation.payload["change"]["to_status"] == "revoked"
    assert revocation.payload["change"]["reason"] == "Collected deposits"
    assert correction.payload["change"] is None
    assert correction.payload["entry"]["address"] == "Osh, Lenin Street 1"
    versions = [n.payload["entry"]["version"] for n in (approval, revocation, correction)]
    assert versions == sorted(versions) and len(set(versions)) == 3


def test_an_application_not_yet_published_sends_nothing(kyrgyz_node, jp_kg, kg_registrar):
    org = registers.applied(kg_registrar, jp_kg)
    sending_services.update_application(actor=kg_registrar, organization=org, phone="+996 1")
    assert not Envelope.objects.exists()


def test_on_one_node_an_approval_is_published_for_japan_without_an_envelope(jp_kg, kg_registrar):
    registers.approved(kg_registrar, jp_kg)
    assert not Envelope.objects.exists()
    assert set(Publication.objects.values_list("portal", flat=True)) == {"kg", "jp"}


# --- on Japan's node, which publishes what the partner notifies ----------------------------


def _portal(path: str = "sending-organizations/", **params: Any) -> str:
    return Client().get(f"/portal/jp/{path}", params).content.decode()


def _verify(q: str) -> dict[str, Any]:
    answer: dict[str, Any] = Client().get("/api/v1/public/jp/verify", {"q": q}).json()
    return answer


def test_an_arriving_approval_is_published_on_japans_portal(kg_peer, kg_node, client, jp_kg):
    auto_publish(jp_kg, "isa")
    entry = sending_entry(representatives="Asanova Aigul", permit_number="P-2026-0042")
    answer, _data = post_notice(
        kg_node, client, KIND, {"entry": entry, "change": step("approved"), "communication": None}
    )
    assert answer.status_code == 200, answer.content
    org = SendingOrganization.objects.get(pk=entry["id"])
    assert (org.originator_side.code, org.status, org.version) == ("KG", "approved", 3)
    assert (org.representatives, org.permit_number, org.decided_by) == ("", "", None)
    assert list(org.ssw_fields.values_list("code", flat=True)) == ["construction"]
    assert "Ala-Too Labour Bridge LLC" in _portal()
    assert "Ala-Too Labour Bridge LLC" in _portal(f"sending-organizations/{org.pk}/")
    verdict = _verify("123456-3301-OOO")
    assert verdict["found"] and verdict["entries"][0]["status"] == "approved"
    assert AuditEntry.objects.filter(object_id=str(org.pk), action="create").exists()


def test_without_automatic_publication_it_waits_for_a_registrar(kg_peer, kg_node, client):
    entry = sending_entry()
    post_notice(
        kg_node, client, KIND, {"entry": entry, "change": step("approved"), "communication": None}
    )
    assert Publication.objects.get().status == "pending"
    assert "Ala-Too Labour Bridge LLC" not in _portal()


def test_a_revocation_updates_the_copy_and_redelivery_changes_nothing(
    kg_peer, kg_node, client, jp_kg
):
    auto_publish(jp_kg, "isa")
    entry = sending_entry()
    post_notice(
        kg_node, client, KIND, {"entry": entry, "change": step("approved"), "communication": None}
    )
    revoked = {
        "entry": {**entry, "version": 4, "status": "revoked"},
        "change": step(
            "revoked", from_status="approved", reason="Deposits", at="2026-06-01T09:00:00Z"
        ),
        "communication": None,
    }
    answer, data = post_notice(kg_node, client, KIND, revoked)
    assert answer.status_code == 200, answer.content
    assert kg_node.post(client, data).status_code == 200  # the same envelope again
    assert StatusChange.objects.filter(organization_id=entry["id"]).count() == 2
    assert Publication.objects.filter(portal="jp").count() == 2
    verdict = _verify("Ala-Too Labour Bridge LLC")["entries"][0]
    assert (verdict["status"], verdict["reason"]) == ("revoked", "Deposits")


def test_an_older_notice_arriving_late_does_not_undo_a_newer_one(kg_peer, kg_node, client):
    entry = sending_entry(version=5, address="Osh, Lenin Street 1")
    post_notice(kg_node, client, KIND, {"entry": entry, "change": None, "communication": None})
    older = {**entry, "version": 4, "address": "Bishkek, old address"}
    post_notice(kg_node, client, KIND, {"entry": older, "change": None, "communication": None})
    assert SendingOrganization.objects.get(pk=entry["id"]).address == "Osh, Lenin Street 1"


def test_a_correction_of_an_unknown_organization_is_kept_unpublished(
    kg_peer, kg_node, client, jp_kg
):
    auto_publish(jp_kg, "isa")
    entry = sending_entry()
    answer, _data = post_notice(
        kg_node, client, KIND, {"entry": entry, "change": None, "communication": None}
    )
    assert answer.status_code == 200
    assert SendingOrganization.objects.filter(pk=entry["id"]).exists()
    assert not Publication.objects.exists() and not _verify("123456-3301-OOO")["found"]


def test_a_notice_about_a_record_of_this_node_is_refused(kg_peer, kg_node, client, jp_kg):
    own = factories.make_sending_organization(jp_kg, agency_code="isa")
    entry = sending_entry(id=str(own.pk))
    answer, _data = post_notice(
        kg_node, client, KIND, {"entry": entry, "change": step("approved"), "communication": None}
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "unprocessable")
    assert SendingOrganization.objects.get(pk=own.pk).name_en != entry["name_en"]


def test_a_notice_that_is_not_an_entry_is_refused(kg_peer, kg_node, client):
    answer, _data = post_notice(
        kg_node, client, KIND, {"entry": {"id": "x"}, "change": None, "communication": None}
    )
    assert (answer.status_code, answer.json()["code"]) == (422, "unprocessable")
    assert not SendingOrganization.objects.exists()
