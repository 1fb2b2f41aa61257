"""Clients of the JSON API that speak with one user's bearer token."""

from __future__ import annotations

from typing import Any

from django.test import Client

from sswbridge.accounts.models import ApiToken


class Api:
    """A bearer-token client for one API prefix."""

    base = ""

    def __init__(self, user: Any, base: str | None = None) -> None:
        raw, fields = ApiToken.generate()
        ApiToken.objects.create(user=user, **fields)
        if base is not None:
            self.base = base
        self.client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(self.base + path, params)

    def post(self, path: str, data: Any = None) -> Any:
        return self.client.post(self.base + path, data or {}, content_type="application/json")

    def patch(self, path: str, data: Any) -> Any:
        return self.client.patch(self.base + path, data, content_type="application/json")


class ExchangeApi(Api):
    base = "/api/v1/exchange"


class RegistryApi(Api):
    base = "/api/v1/registry"
