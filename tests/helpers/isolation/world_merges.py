"""A jp-kg merge of two intermediaries for the isolation tables (made on first use)."""

from __future__ import annotations

from typing import Any

from sswbridge.accounts.models import Role
from sswbridge.intermediaries.services import intermediaries as services
from sswbridge.intermediaries.services import merges as merge_services
from tests.helpers import factories


def merge(world: dict[str, Any]) -> Any:
    if "merge" not in world:
        registrar = factories.make_user("kg-ceca", Role.REGISTRAR)
        framework = world["intermediary"].framework
        a, b = (
            services.create_intermediary(
                actor=registrar,
                framework=framework,
                kind="corporation",
                country="KG",
                names=[{"value": name, "script": "Latn", "language": "en"}],
            )
            for name in ("Secret Merge KG", "Secret Merged KG")
        )
        world["merge"] = merge_services.merge(
            actor=registrar, target=a, source=b, reason="Secret Merge KG"
        )
    return world["merge"]
