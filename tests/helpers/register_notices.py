"""Register notices in the in-process federation tests: the node this test process plays,
and the notices a peer node sends, built as the owning app builds them."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.test import Client
from django.utils import timezone

from sswbridge.accounts.models import Role
from sswbridge.federation import canonical, receipts, transport, wire
from sswbridge.publication import services as publishing
from tests.helpers import factories
from tests.helpers.federation import PeerNode

KG_AGENCY = {"code": "kg-ceca", "abbreviation": "CECA", "names": {"en": "CECA"}}
JP_AGENCY = {"code": "isa", "abbreviation": "ISA", "names": {"en": "ISA"}}


class SigningPeer:
    """Stands for transport.post: the peer node answers each delivery with its receipt,
    signed with its own key, and keeps what it received."""

    def __init__(self, peer: PeerNode) -> None:
        self.peer = peer
        self.received: list[dict[str, Any]] = []

    def __call__(self, url: str, body: bytes, *, timeout: float | None = None) -> Any:
        data = json.loads(body)
        self.received.append(data)
        receipt = {
            "kind": "delivered",
            "envelope_id": data["id"],
            "content_hash": wire.content_hash(data),
            "received_at": receipts.timestamp(timezone.now()),
            "receiver_key_id": self.peer.key.key_id,
        }
        signed = {
            "receipt": receipt,
            "signature": self.peer.key.sign(receipts.RECEIPT_CONTEXT, canonical.dumps(receipt)),
        }
        return transport.Answer(200, {**signed, "contiguous": data["sequence"], "missing": None})


def sending_entry(**overrides: Any) -> dict[str, Any]:
    """An approved sending organization as the partner's node describes it."""
    return {
        "id": str(uuid.uuid4()),
        "version": 3,
        "from_agency": KG_AGENCY,
        "status": "approved",
        "ssw_fields": ["construction"],
        "name_en": "Ala-Too Labour Bridge LLC",
        "names": [
            {"value": "«Ала-Тоо» ЖЧК", "script": "Cyrl", "language": "ky"},
            {"value": "ОсОО «Ала-Тоо»", "script": "Cyrl", "language": "ru"},
        ],
        "legal_form": "llc",
        "registration_number": "123456-3301-OOO",
        "tax_number": "01234567891011",
        "address": "Bishkek, Chui Avenue 100",
        "phone": "+996 312 000 000",
        "email": "office@alatoo.example",
        "website": "https://alatoo.example",
        **overrides,
    }


def step(to_status: str, *, from_status: str = "applied", reason: str = "", at: str = "") -> Any:
    return {
        "from_status": from_status,
        "to_status": to_status,
        "effective_date": "2026-05-04",
        "reason": reason,
        "at": at or "2026-05-04T09:00:00Z",
    }


def order_entry(**overrides: Any) -> dict[str, Any]:
    """An improvement order as Japan's node describes it."""
    return {
        "id": str(uuid.uuid4()),
        "version": 1,
        "from_agency": JP_AGENCY,
        "order_date": "2026-03-02",
        "improvement_deadline": "2026-04-30",
        "outcome_recorded_at": None,
        "organization_name": "株式会社さくら精工",
        "organization_name_en": "Sakura Seiko Co., Ltd.",
        "address": "東京都港区1-2-3",
        "representative": "山田 太郎",
        "legal_basis": "Immigration Control Act, Article 19-21, paragraph 1",
        "measures": "Pay the overdue wages.",
        "outcome": "",
        **overrides,
    }


def post_notice(
    peer: PeerNode, client: Client, kind: str, fields: dict[str, Any]
) -> tuple[Any, dict[str, Any]]:
    data = peer.envelope(fields, kind=kind)
    return peer.post(client, data), data


def auto_publish(framework: Any, agency: str) -> None:
    """The receiving side publishes what arrives without a registrar's confirmation."""
    registrar = factories.make_user(agency, Role.REGISTRAR)
    publishing.update_settings(actor=registrar, framework=framework, auto_publish_on_receipt=True)
