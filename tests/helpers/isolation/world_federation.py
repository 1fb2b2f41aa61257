"""A peer of jp-kg with one key, for the isolation tables (made on first use)."""

from __future__ import annotations

from typing import Any

from django.test import override_settings

from sswbridge.federation import services
from tests.helpers.federation import peer_key_text


def peer_key(world: dict[str, Any]) -> Any:
    if "peer_key" not in world:
        framework = world["intermediary"].framework
        kg = framework.partner_side
        with override_settings(HOSTED_SIDES=[("", "jp")]):
            peer = services.add_peer(
                actor=None,
                framework=framework,
                side=kg,
                base_url="https://kg.example.test",
                public_key=peer_key_text(),
            )
        world["peer_key"] = peer.keys.get()
    return world["peer_key"]
