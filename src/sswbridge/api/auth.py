from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from sswbridge.accounts.models import ApiToken

# "Last used" is shown to the minute; a busy client does not write it on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sswb_…`; revoked tokens and inactive users are refused."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = ApiToken.objects.authenticate(token)
        if api_token is None:
            return None
        now = timezone.now()
        last = api_token.last_used_at
        if last is None or now - last >= LAST_USED_RESOLUTION:  # one write a minute at most
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user
