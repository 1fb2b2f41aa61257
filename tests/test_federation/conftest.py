from __future__ import annotations

from typing import Any

import pytest

from sswbridge.federation import services, transport
from sswbridge.frameworks.models import Side
from tests.helpers.federation import KgNode, PeerNode, batched


@pytest.fixture
def japan_node(settings: Any) -> Any:
    """This node hosts Japan's side only: the Kyrgyz side is a peer."""
    settings.HOSTED_SIDES = [("", "jp")]
    return settings


@pytest.fixture
def kg_node() -> PeerNode:
    return PeerNode()


@pytest.fixture
def kg_peer(jp_kg: Any, japan_node: Any, kg_node: PeerNode) -> Any:
    return services.add_peer(
        actor=None,
        framework=jp_kg,
        side=Side.objects.get(code="KG"),
        base_url="https://kg.example.test",
        public_key=kg_node.key.public.raw_base64,
    )


@pytest.fixture
def kg_transport(monkeypatch: Any, kg_node: PeerNode) -> KgNode:
    """transport.post answered by the Kyrgyz node's signed receipts."""
    fake = KgNode(kg_node)
    monkeypatch.setattr(transport, "post", batched(fake))
    return fake
