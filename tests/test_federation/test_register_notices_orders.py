"""The register of improvement orders over the federation, on one node at a time: on Japan's
node an order and its outcome queue `orders.register_notice` envelopes with what the portals
publish; on the Kyrgyz node such a notice becomes the copy that its portal lists and verify
finds, updated by later notices, once per envelope."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from sswbridge.accounts.models import Role
from sswbridge.exchange.federation import COMMUNICATION
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.models import Side
from sswbridge.orders import services as order_services
from sswbridge.orders.federation import KIND
from sswbridge.orders.models import ImprovementOrder
from sswbridge.publication.models import Publication
from tests.helpers import factories, registers
from tests.helpers.federation import PeerNode
from tests.helpers.register_notices import auto_publish, order_entry, post_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def jp_registrar(jp_kg: Any) -> Any:
    return factories.make_user("isa", Role.REGISTRAR, username="jp_registrar")


# --- on Japan's node, which keeps the register ---------------------------------------------


def test_an_order_queues_a_notice_with_what_the_portals_publish(kg_peer, jp_kg, jp_registrar):
    order = registers.order(jp_registrar, jp_kg)
    notice = Envelope.objects.get(kind=KIND)
    assert (notice.direction, notice.from_side.code, notice.to_side.code) == ("out", "JP", "KG")
    entry = notice.payload["entry"]
    assert set(entry) == set(order_entry())  # the shape the Kyrgyz node reads (below)
    assert (entry["id"], entry["organization_name_en"], entry["order_date"]) == (
        str(order.pk),
        "Sakura Seiko Co., Ltd.",
        "2026-03-02",
    )
    assert "jp_registrar" not in json.dumps(notice.payload)
    assert notice.payload["communication"] == str(Envelope.objects.get(kind=COMMUNICATION).pk)
    # Published on Japan's portal now; the Kyrgyz portal is the other node's.
    assert set(Publication.objects.values_list("portal", flat=True)) == {"jp"}


def test_an_outcome_travels_as_a_later_notice(kg_peer, jp_kg, jp_registrar):
    order = registers.order(jp_registrar, jp_kg)
    order_services.record_outcome(actor=jp_registrar, order=order, outcome="Wages paid.")
    first, later = Envelope.objects.filter(kind=KIND).order_by("sequence")
    assert later.payload["entry"]["outcome"] == "Wages paid."
    assert later.payload["entry"]["version"] > first.payload["entry"]["version"]


def test_on_one_node_an_order_is_published_for_the_partner_without_an_envelope(jp_kg, jp_registrar):
    registers.order(jp_registrar, jp_kg)
    assert not Envelope.objects.exists()
    assert set(Publication.objects.values_list("portal", flat=True)) == {"jp", "kg"}


# --- on the Kyrgyz node, which publishes what Japan notifies -------------------------------


@pytest.fixture
def japan(settings: Any, jp_kg: Any) -> PeerNode:
    """This node hosts the Kyrgyz side only; Japan's node is a peer that posts here."""
    settings.HOSTED_SIDES = [("jp-kg", "kg")]
    node = PeerNode(side="JP", to_side="KG")
    federation.add_peer(
        actor=None,
        framework=jp_kg,
        side=Side.objects.get(code="JP"),
        base_url="https://jp.example.test",
        public_key=node.key.public.raw_base64,
    )
    return node


def _verify(q: str) -> dict[str, Any]:
    answer: dict[str, Any] = Client().get("/api/v1/public/kg/verify", {"q": q}).json()
    return answer


def test_an_arriving_order_is_published_on_the_kyrgyz_portal(japan, client, jp_kg):
    auto_publish(jp_kg, "kg-ceca")
    entry = order_entry(recorded_by="jp_registrar")
    answer, _data = post_notice(japan, client, KIND, {"entry": entry, "communication": None})
    assert answer.status_code == 200, answer.content
    order = ImprovementOrder.objects.get(pk=entry["id"])
    assert (order.originator_side.code, order.recorded_by, order.marking) == ("JP", None, "public")
    page = Client().get("/portal/kg/improvement-orders/").content.decode()
    assert "Sakura Seiko Co., Ltd." in page
    assert Client().get(f"/portal/kg/improvement-orders/{order.pk}/").status_code == 200
    assert _verify("Sakura Seiko Co., Ltd.")["found"]


def test_an_outcome_updates_the_copy_once_and_an_older_notice_does_not_undo_it(
    japan, client, jp_kg
):
    auto_publish(jp_kg, "kg-ceca")
    entry = order_entry()
    post_notice(japan, client, KIND, {"entry": entry, "communication": None})
    later = {**entry, "version": 2, "outcome": "Wages paid."}
    answer, data = post_notice(japan, client, KIND, {"entry": later, "communication": None})
    assert answer.status_code == 200
    assert japan.post(client, data).status_code == 200  # redelivered
    post_notice(japan, client, KIND, {"entry": entry, "communication": None})  # late, older
    assert ImprovementOrder.objects.get(pk=entry["id"]).outcome == "Wages paid."
    assert Publication.objects.filter(portal="kg").count() == 1
    page = Client().get(f"/portal/kg/improvement-orders/{entry['id']}/").content.decode()
    assert "Wages paid." in page


def test_an_update_of_an_unknown_order_makes_and_publishes_the_copy(japan, client, jp_kg):
    auto_publish(jp_kg, "kg-ceca")
    entry = order_entry(version=2, outcome="Wages paid.")
    answer, _data = post_notice(japan, client, KIND, {"entry": entry, "communication": None})
    assert answer.status_code == 200
    assert _verify("Sakura Seiko Co., Ltd.")["found"]


def test_an_order_from_the_partner_side_is_refused(kg_peer, kg_node, client):
    answer, _data = post_notice(kg_node, client, KIND, {"entry": order_entry()})
    assert (answer.status_code, answer.json()["code"]) == (422, "unprocessable")
    assert not ImprovementOrder.objects.exists()


def test_an_order_without_a_date_is_refused(japan, client):
    entry = order_entry(order_date="")
    answer, _data = post_notice(japan, client, KIND, {"entry": entry, "communication": None})
    assert (answer.status_code, answer.json()["code"]) == (422, "unprocessable")
    assert not ImprovementOrder.objects.exists()
