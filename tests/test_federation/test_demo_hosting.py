"""The demo data on a node that hosts one side (`serve --demo --nodes 2`): only that side's
accounts and records are made here, and what it shares is queued for the other node."""

from __future__ import annotations

from typing import Any

import pytest

from sswbridge.accounts.models import User
from sswbridge.cases import demo as cases_demo
from sswbridge.cases.models import Case
from sswbridge.demo.loader import load_demo
from sswbridge.disclosure.models import DisclosureRequest
from sswbridge.exchange import demo
from sswbridge.exchange.models import Communication, ReleaseRequest, ReleaseStatus
from sswbridge.federation import services
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.models import Framework, Side
from sswbridge.intermediaries.models import Intermediary
from sswbridge.orders.models import ImprovementOrder
from sswbridge.publication.models import Publication
from sswbridge.sending.models import SendingOrganization
from tests.helpers.federation import PeerNode

pytestmark = pytest.mark.django_db


def _peer(framework: Any, side: str) -> None:
    services.add_peer(
        actor=None,
        framework=framework,
        side=Side.objects.get(code=side),
        base_url=f"https://{side.lower()}.example.test",
        public_key=PeerNode().key.public.raw_base64,
    )


def _queued_subjects() -> set[str]:
    ids = Envelope.objects.filter(direction="out", kind="exchange.communication").values("id")
    return set(Communication.objects.filter(pk__in=ids).values_list("subject", flat=True))


def test_the_kyrgyz_node_makes_kyrgyz_records_and_queues_what_it_shares(settings, jp_kg):
    settings.HOSTED_SIDES = [("jp-kg", "kg")]
    _peer(jp_kg, "JP")
    accounts = load_demo()
    assert {a.username.split("-")[0] for a in accounts} == {"kg"}
    assert not User.objects.exclude(agency__side__code="KG").exists()
    assert not Framework.objects.filter(code="jp-uz").exists()
    assert set(Intermediary.objects.values_list("originator_side__code", flat=True)) == {"KG"}
    assert SendingOrganization.objects.exists()
    assert {demo.SHARE, demo.WITHHELD, demo.RETRACTED} <= _queued_subjects()
    # Japan's inquiries come from Japan's node; the retraction follows the retracted notice.
    assert not Communication.objects.filter(subject=demo.OVERDUE).exists()
    retracted = Communication.objects.get(subject=demo.RETRACTED)
    assert Envelope.objects.filter(kind="exchange.retraction", to_side__code="JP").exists()
    assert retracted.retracted_at is not None
    # Each published step of a Kyrgyz sending organization travels as a register notice to
    # Japan's node (whose portal is there); the applications do not.
    notices = Envelope.objects.filter(kind="sending.register_notice")
    sent = {e.payload["entry"]["name_en"] for e in notices}
    assert "Jangy Köpürö Staffing LLC" in sent and "Naryn Workforce LLC" in sent
    assert "Jash Küch Labour LLC" not in sent
    assert not Publication.objects.filter(portal="jp").exists()
    assert Publication.objects.filter(portal="kg", status="published").exists()
    # The case is the Kyrgyz node's: it holds the register entry the case is about.
    case = Case.objects.get(title=cases_demo.CASE)
    assert case.originator_side.code == "KG" and case.intermediary is not None
    assert not Communication.objects.filter(delivered_at__isnull=False).exists()
    assert Envelope.objects.filter(to_side__code="JP").count() == Envelope.objects.count()
    # A second run makes nothing new.
    before = (Communication.objects.count(), Envelope.objects.count(), User.objects.count())
    load_demo()
    assert (Communication.objects.count(), Envelope.objects.count(), User.objects.count()) == (
        before
    )
    # Japan's release request has arrived (as `peer_release.receive_request` records it): the
    # next run releases the victims, and the decision travels back.
    withheld = Communication.objects.get(subject=demo.WITHHELD)
    ReleaseRequest.objects.create(
        communication=withheld, field="victims", reason=demo.RELEASE_REASON, requested_by=None
    )
    load_demo()
    assert ReleaseRequest.objects.get().status == ReleaseStatus.RELEASED
    assert Envelope.objects.filter(kind="exchange.release", to_side__code="JP").count() == 1
    load_demo()
    assert Envelope.objects.filter(kind="exchange.release").count() == 1


def test_japans_node_makes_japanese_and_uzbek_records_and_queues_its_inquiries(settings, jp_kg):
    settings.HOSTED_SIDES = [("", "jp"), ("jp-uz", "uz")]
    _peer(jp_kg, "KG")
    accounts = load_demo()
    assert {a.username.split("-")[0] for a in accounts} == {"jp", "uz"}
    assert not User.objects.filter(agency__side__code="KG").exists()
    assert not Intermediary.objects.filter(originator_side__code="KG").exists()
    assert {demo.OVERDUE, demo.ANSWERED} <= _queued_subjects()
    assert not Communication.objects.filter(subject=demo.SHARE).exists()
    assert Framework.objects.filter(code="jp-uz").exists()
    # The improvement order is Japan's; it travels to the Kyrgyz node as a register notice.
    order = ImprovementOrder.objects.get()
    notice = Envelope.objects.get(kind="orders.register_notice")
    assert notice.to_side.code == "KG" and notice.payload["entry"]["id"] == str(order.pk)
    # Nothing of the Kyrgyz side's is made here: no case, no disclosure request, no release.
    assert not Case.objects.exists() and not DisclosureRequest.objects.exists()
    # The Uzbek side is hosted here too: its register steps are published on both portals.
    assert Publication.objects.filter(
        portal="jp", sending_organization__name_en="Chinor Mehnat Servis LLC"
    ).exists()
