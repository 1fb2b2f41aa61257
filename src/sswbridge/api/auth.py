from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from sswbridge.accounts.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sswb_…`; revoked tokens and inactive users are refused."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = ApiToken.objects.authenticate(token)
        if api_token is None:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        return api_token.user
