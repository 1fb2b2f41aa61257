"""The Kyrgyz node in in-process tests of the formal acts: it answers deliveries with receipts
signed by its own key at a time of its own clock, and signs its side's acts."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from django.utils import timezone

from sswbridge.exchange.federation import COMMUNICATION
from sswbridge.federation import canonical, receipts, transport, wire
from tests.helpers.federation import PeerNode


class KgTransport:
    """Stands for transport.post: the Kyrgyz node answers each delivery with its receipt,
    signed with its own key, at `received_at` by its own clock (now when None)."""

    def __init__(self, peer: PeerNode) -> None:
        self.peer = peer
        self.received: list[dict[str, Any]] = []
        self.received_at: dt.datetime | None = None

    def __call__(self, url: str, body: bytes, *, timeout: float | None = None) -> Any:
        data = json.loads(body)
        self.received.append(data)
        receipt = {
            "kind": "delivered",
            "envelope_id": data["id"],
            "content_hash": wire.content_hash(data),
            "received_at": receipts.timestamp(self.received_at or timezone.now()),
            "receiver_key_id": self.peer.key.key_id,
        }
        signed = {
            "receipt": receipt,
            "signature": self.peer.key.sign(receipts.RECEIPT_CONTEXT, canonical.dumps(receipt)),
        }
        return transport.Answer(200, {**signed, "contiguous": data["sequence"], "missing": None})


def peer_letter(
    kg_node: PeerNode,
    kind: str,
    payload: dict[str, Any] | None = None,
    reply_to: Any = None,
    marking: str = "both",
) -> tuple[dict[str, Any], str]:
    """A letter of the Kyrgyz contact point, as the exchange sends it between nodes."""
    cid = str(uuid.uuid4())
    meta = {
        "id": cid,
        "version": 1,
        "kind": kind,
        "marking": marking,
        "from_agency": {"code": "kg-ceca", "abbreviation": "", "names": {"en": "CECA"}},
        "sender": "Aibek",
        "in_reply_to": str(reply_to) if reply_to else None,
        "supersedes": None,
        "due_date": None,
        "sent_at": receipts.timestamp(timezone.now()),
        "withheld_fields": [],
    }
    fields: dict[str, Any] = {"meta": meta, "subject": kind, "body": ""}
    fields.update({f"payload.{k}": v for k, v in (payload or {}).items()})
    data = kg_node.envelope(fields, kind=COMMUNICATION)
    data["id"] = cid
    return data, cid
