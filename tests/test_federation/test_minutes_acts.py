"""The minutes across two nodes, on one node (Japan's; the Kyrgyz node is a test peer that
signs with its own key): each version and each side's approval travel both ways, each
approval signed by the node hosting its side, so "approved by both" is a pair of signatures
either node verifies."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from typing import Any

import pytest
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.consultations import federation as minutes_federation
from sswbridge.consultations import selectors, services
from sswbridge.consultations.models import Consultation, MinutesApproval, MinutesVersion
from sswbridge.federation import acts, delivery, receipts, transport
from sswbridge.federation.models import Direction, Envelope
from sswbridge.frameworks.models import Side
from tests.helpers import factories
from tests.helpers.api import Api
from tests.helpers.federation import PeerNode, batched
from tests.helpers.peer_acts import KgTransport

pytestmark = pytest.mark.django_db


@pytest.fixture
def jp_cp(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def kg_transport(monkeypatch: Any, kg_node: PeerNode) -> KgTransport:
    fake = KgTransport(kg_node)
    monkeypatch.setattr(transport, "post", batched(fake))
    return fake


def _kg_approval(kg_node: PeerNode, client: Any, version: MinutesVersion, key: Any = None) -> Any:
    signed = acts.sign(
        act=minutes_federation.APPROVAL,
        framework=version.consultation.framework,
        side=Side.objects.get(code="KG"),
        subject=str(version.pk),
        content_digest=minutes_federation.content_digest(version),
        at=timezone.now(),
        key=key or kg_node.key,
    )
    data = kg_node.envelope(
        {"minutes": str(version.pk), "signed": signed}, kind=minutes_federation.APPROVAL
    )
    return kg_node.post(client, data)


def _out(kind: str) -> list[Envelope]:
    return list(Envelope.objects.filter(direction=Direction.OUT, kind=kind).order_by("sequence"))


def test_japans_minutes_and_approval_travel_and_the_kyrgyz_approval_completes_them(
    kg_peer, kg_node, kg_transport, client, jp_kg, jp_cp
):
    c = services.schedule(
        actor=jp_cp,
        framework=jp_kg,
        title="Annual consultation",
        kind="periodic",
        starts_at=timezone.now() + dt.timedelta(days=3),
        place="Tokyo",
    )
    version = services.draft_minutes(actor=jp_cp, consultation=c, text="1. Deposits discussed.")
    services.approve_minutes(actor=jp_cp, minutes=version)
    (minutes,) = _out(minutes_federation.MINUTES)
    assert minutes.payload["consultation"]["id"] == str(c.pk)
    assert minutes.payload["minutes"] == {
        "id": str(version.pk),
        "number": 1,
        "text": "1. Deposits discussed.",
    }
    (approval,) = _out(minutes_federation.APPROVAL)
    assert acts.verifies(
        approval.payload["signed"],
        act=minutes_federation.APPROVAL,
        framework=jp_kg,
        side=Side.objects.get(code="JP"),
        subject=str(version.pk),
        content_digest=minutes_federation.content_digest(version),
    )
    assert delivery.deliver_all().delivered == 2
    assert not selectors.minutes_state(c).approved

    forged = _kg_approval(kg_node, client, version, key=PeerNode().key)
    assert (forged.status_code, forged.json()["code"]) == (422, "unprocessable")
    answer = _kg_approval(kg_node, client, version)
    assert answer.status_code == 200, answer.content
    assert selectors.minutes_state(c).approved
    kg = MinutesApproval.objects.get(minutes=version, side__code="KG")
    assert kg.approved_by is None
    assert all(minutes_federation.signature(a).verified for a in version.approvals.all())

    page = factories.verified_client(jp_cp).get(f"/consultations/{c.pk}/").content.decode()
    assert page.count('data-testid="signature-verified"') == 2
    api = Api(jp_cp, "/api/v1/consultations").get(f"/{c.pk}").json()
    assert api["minutes_approved"] is True
    shown = {a["side"]: a for a in api["minutes"][0]["approvals"]}
    assert (shown["KG"]["approved_by"], shown["KG"]["signature"]["verified"]) == (None, True)

    # A tampered approval does not verify: it names other text.
    tampered = copy.deepcopy(kg.signed)
    tampered["act"]["digest"] = acts.digest({"text": "1. Nothing discussed."})
    kg.signed = tampered
    kg.save(update_fields=["signed"])
    assert minutes_federation.signature(kg).verified is False
    page = factories.verified_client(jp_cp).get(f"/consultations/{c.pk}/").content.decode()
    assert 'data-testid="signature-bad"' in page


def test_kyrgyz_minutes_arrive_and_japans_approval_travels_back_signed(
    kg_peer, kg_node, kg_transport, client, jp_kg, jp_cp
):
    cid, vid = str(uuid.uuid4()), str(uuid.uuid4())
    header = {
        "id": cid,
        "title": "Ad hoc consultation",
        "kind": "ad_hoc",
        "starts_at": receipts.timestamp(timezone.now()),
        "ends_at": None,
        "place": "Bishkek",
        "video_link": "",
        "status": "planned",
        "from_agency": {"code": "kg-ceca", "abbreviation": "", "names": {"en": "CECA"}},
    }
    fields = {"consultation": header, "minutes": {"id": vid, "number": 1, "text": "Minutes."}}
    early = _kg_approval_for(kg_node, jp_kg, vid, "Minutes.", cid)
    answer = kg_node.post(client, early)  # before its minutes: the sender tries again
    assert (answer.status_code, answer.json()["code"]) == (503, "not_ready")
    minutes = kg_node.envelope(fields, kind=minutes_federation.MINUTES)
    assert kg_node.post(client, minutes).status_code == 200, "minutes"
    c = Consultation.objects.get(pk=cid)
    assert (c.originator_side.code, c.created_by, c.marking) == ("KG", None, "both")
    version = MinutesVersion.objects.get(pk=vid)
    assert (version.side.code, version.author) == ("KG", None)
    assert kg_node.post(client, early).status_code == 200
    assert not selectors.minutes_state(c).approved

    services.approve_minutes(actor=jp_cp, minutes=version)
    assert selectors.minutes_state(c).approved
    (approval,) = _out(minutes_federation.APPROVAL)
    assert approval.payload["minutes"] == vid
    assert minutes_federation.signature(
        MinutesApproval.objects.get(minutes=version, side__code="JP")
    ).verified
    assert delivery.deliver_all().delivered == 1
    assert kg_transport.received[0]["visible"]["signed"] == approval.payload["signed"]


def _kg_approval_for(
    kg_node: PeerNode, framework: Any, vid: str, text: str, cid: str
) -> dict[str, Any]:
    """The Kyrgyz approval of minutes this node does not hold yet (the digest made as the
    Kyrgyz node makes it)."""
    digest = acts.digest({"consultation": cid, "minutes": vid, "number": 1, "text": text})
    signed = acts.sign(
        act=minutes_federation.APPROVAL,
        framework=framework,
        side=Side.objects.get(code="KG"),
        subject=vid,
        content_digest=digest,
        at=timezone.now(),
        key=kg_node.key,
    )
    return kg_node.envelope(
        {"minutes": vid, "signed": signed}, kind=minutes_federation.APPROVAL, sequence=2
    )
