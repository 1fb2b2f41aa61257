"""A peer node in a test: its key, the envelopes it sends and its signed requests."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import Client
from django.utils import timezone

from sswbridge.core import nodekey
from sswbridge.federation import canonical, commitments, receipts, signing, transport, wire

ENDPOINT = "/federation/v1/envelopes"
RESEND = "/federation/v1/resend"
HOST = "testserver"


def new_key() -> nodekey.NodeKey:
    private = Ed25519PrivateKey.generate()
    return nodekey.NodeKey(private, nodekey.PublicKey.of(private.public_key()))


_shared = new_key()


def peer_key_text() -> str:
    """The public key of a fixed test peer, as `keys show` prints it."""
    return _shared.public.raw_base64


@dataclass
class PeerNode:
    """The other node: it signs with `key` and numbers its envelopes itself."""

    key: nodekey.NodeKey = field(default_factory=new_key)
    framework: str = "jp-kg"
    side: str = "KG"
    to_side: str = "JP"
    sequence: int = 0
    openings: dict[str, dict[str, Any]] = field(default_factory=dict)
    """The withheld values of the envelopes made, with their salts, by field (the last)."""

    def envelope(
        self,
        fields: dict[str, Any] | None = None,
        *,
        withheld: dict[str, Any] | None = None,
        sequence: int | None = None,
        kind: str = "test.note",
    ) -> dict[str, Any]:
        if sequence is None:
            self.sequence += 1
            sequence = self.sequence
        committed = commitments.commit_fields(
            fields if fields is not None else {"subject": "hello"}, withheld
        )
        self.openings.update(committed.withheld)
        return {
            "version": 1,
            "id": str(uuid.uuid4()),
            "framework": self.framework,
            "from_side": self.side,
            "to_side": self.to_side,
            "sequence": sequence,
            "kind": kind,
            "created_at": "2026-12-07T10:00:00Z",
            "visible": committed.visible,
            "salts": committed.salts,
            "commitments": committed.commitments,
        }

    def headers(
        self, body: bytes, *, path: str = ENDPOINT, nonce: str | None = None, created: Any = None
    ) -> dict[str, str]:
        return signing.sign(
            f"http://{HOST}{path}",
            body,
            private_key=self.key.private,
            key_id=self.key.key_id,
            nonce=nonce,
            created=created,
        )

    def post(
        self,
        client: Client,
        data: dict[str, Any] | bytes,
        *,
        path: str = ENDPOINT,
        headers: dict[str, str] | None = None,
        nonce: str | None = None,
        created: dt.datetime | None = None,
    ) -> Any:
        body = data if isinstance(data, bytes) else canonical.dumps(data)
        headers = headers or self.headers(body, path=path, nonce=nonce, created=created)
        headers = {k: v for k, v in headers.items() if k.lower() != "content-type"}
        return client.generic(
            "POST", path, data=body, content_type="application/json", headers=headers
        )


class KgNode:
    """Stands for transport.post: the Kyrgyz node answers each delivery with its receipt,
    signed with its own key (`kg_node.key`)."""

    def __init__(self, peer: PeerNode) -> None:
        self.peer = peer
        self.received: list[dict[str, Any]] = []

    def __call__(self, url: str, body: bytes, *, timeout: float | None = None) -> Any:
        data = json.loads(body)
        self.received.append(data)
        signed = sign_receipt(self.peer, data["id"], wire.content_hash(data), "delivered")
        return transport.Answer(200, {**signed, "contiguous": data["sequence"], "missing": None})


def sign_receipt(peer: PeerNode, envelope_id: str, content_hash: str, kind: str) -> dict[str, Any]:
    receipt = {
        "kind": kind,
        "envelope_id": envelope_id,
        "content_hash": content_hash,
        "received_at": receipts.timestamp(timezone.now()),
        "receiver_key_id": peer.key.key_id,
    }
    return {
        "receipt": receipt,
        "signature": peer.key.sign(receipts.RECEIPT_CONTEXT, canonical.dumps(receipt)),
    }


def batched(post: Any) -> Any:
    """A stand-in for transport.post that answers single envelopes (`post`), made to answer
    a batch (`v1/batches`) as the real endpoint does: each envelope as if posted alone."""
    import json

    from sswbridge.federation import transport

    def answer(url: str, body: bytes, *, timeout: float | None = None) -> Any:
        if not url.endswith("/federation/v1/batches"):
            return post(url, body, timeout=timeout)
        single = url.removesuffix("/batches") + "/envelopes"
        results = []
        for item in json.loads(body)["envelopes"]:
            one = post(single, canonical.dumps(item), timeout=timeout)
            results.append({"status": one.status, **one.data})
        return transport.Answer(200, {"results": results})

    return answer
