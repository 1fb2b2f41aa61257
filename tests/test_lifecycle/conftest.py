from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sswbridge.accounts.models import ApiToken, Role
from tests import factories


@pytest.fixture
def jp_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.CONTACT_POINT, username="jp_cp")


@pytest.fixture
def kg_cp(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.CONTACT_POINT, username="kg_cp")


@pytest.fixture
def kg_officer(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("kg-ceca", Role.OFFICER, username="kg_officer")


@pytest.fixture
def jp_auditor(jp_kg):  # type: ignore[no-untyped-def]
    return factories.make_user("isa", Role.AUDITOR, username="jp_auditor")


class Api:
    """A bearer-token client for one API prefix."""

    def __init__(self, user: Any, base: str) -> None:
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
