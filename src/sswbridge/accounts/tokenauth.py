"""The API's bearer-token authentication: `TokenAuth` (the aggregator's), and the token
lookup it shares with the rate limits (`token_for`, `bearer_token`); one read per request."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from sswbridge.accounts.models import ApiToken

# "Last used" is shown to the minute; a busy client does not write it on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)

_LOOKED_UP = "_sswbridge_api_token"


def token_for(request: HttpRequest, raw: str) -> ApiToken | None:
    """The active token `raw` names (found by its hash; revoked tokens and inactive users'
    are None), looked up once per request: the rate limit asks first, then TokenAuth."""
    found = getattr(request, _LOOKED_UP, None)
    if found is not None and found[0] == raw:
        token: ApiToken | None = found[1]
        return token
    token = ApiToken.objects.authenticate(raw)
    setattr(request, _LOOKED_UP, (raw, token))
    return token


def bearer_token(request: HttpRequest) -> ApiToken | None:
    """The valid token of the `Authorization: Bearer` header, or None (none, or not valid)."""
    scheme, _sep, raw = str(request.META.get("HTTP_AUTHORIZATION", "")).partition(" ")
    raw = raw.strip()
    if scheme.lower() != "bearer" or not raw:
        return None
    return token_for(request, raw)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sswb_…`; revoked tokens and inactive users are refused."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = token_for(request, token)
        if api_token is None:
            return None
        now = timezone.now()
        last = api_token.last_used_at
        if last is None or now - last >= LAST_USED_RESOLUTION:  # one write a minute at most
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user
