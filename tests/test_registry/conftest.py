from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sswbridge.accounts.models import ApiToken, Role
from sswbridge.registry import services
from tests import factories


@pytest.fixture
def kg_cp(jp_kg):  # type: ignore[no-untyped-def]
    """An officer of the Kyrgyz contact point (CECA)."""
    return factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")


@pytest.fixture
def jp_cp(jp_kg):  # type: ignore[no-untyped-def]
    """An officer of the Japanese contact point (ISA)."""
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def kg_auditor(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.AUDITOR, username="kg_auditor")


AK_JOL = [
    {"value": "ОсОО Ак-Жол Тревел", "script": "Cyrl", "language": "ky"},
    {"value": "Ak-Jol Travel LLC", "script": "Latn", "language": "en"},
]


def report(actor: Any, framework: Any, **fields: Any) -> Any:
    """An intermediary reported through the service (Ak-Jol Travel unless told)."""
    values: dict[str, Any] = {
        "kind": "corporation",
        "country": "KG",
        "names": AK_JOL,
        "identifiers": [{"type": "phone", "value": "+996 (555) 12-34-56"}],
        **fields,
    }
    return services.create_intermediary(actor=actor, framework=framework, **values)


@pytest.fixture
def ak_jol(kg_cp, jp_kg):  # type: ignore[no-untyped-def]
    return report(kg_cp, jp_kg)


class Api:
    """A client that speaks JSON with one user's bearer token."""

    def __init__(self, user: Any, base: str = "/api/v1/registry") -> None:
        raw, fields = ApiToken.generate()
        ApiToken.objects.create(user=user, **fields)
        self.base = base
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(self.base + path, params)

    def post(self, path: str, data: Any = None) -> Any:
        return self.client.post(self.base + path, data or {}, content_type="application/json")

    def patch(self, path: str, data: Any) -> Any:
        return self.client.patch(self.base + path, data, content_type="application/json")


@pytest.fixture
def kg_registrar(jp_kg):  # type: ignore[no-untyped-def]
    """A registrar of the Kyrgyz ministry, who keeps the sending organizations."""
    return factories.make_user("kg-mlssm", Role.REGISTRAR, username="kg_registrar")


@pytest.fixture
def jp_registrar(jp_kg):  # type: ignore[no-untyped-def]
    """A registrar of Japan (ISA), who publishes and records improvement orders."""
    return factories.make_user("isa", Role.REGISTRAR, username="jp_registrar")
