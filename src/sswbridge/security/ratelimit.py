"""Rate limits on sign-in and on the API, answered with 429 and `Retry-After`.

Fixed windows counted in the database (`models.RateCounter`, one atomic upsert per request),
so every gunicorn process and host counts together. A limit of 0 turns that limit off. The
limits (`settings.RATE_LIMITS`) come from `SSWBRIDGE_*` variables, documented in README.md.

- Sign-in (the password form and the second-factor form): per account name and per client
  address, counting every attempt, good or bad.
- API: per token (its hash; the token itself is never stored), or per client address for
  requests without one (the public API).
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from sswbridge.security.models import count_request


@dataclass(frozen=True)
class Limit:
    requests: int
    seconds: int


def _limit(name: str) -> Limit:
    requests, seconds = settings.RATE_LIMITS[name]
    return Limit(int(requests), int(seconds))


def hit(scope: str, key: str, limit: Limit, *, now: float | None = None) -> int:
    """Count one request; 0 when it is within the limit, else the seconds until the window
    ends (the `Retry-After`)."""
    if limit.requests <= 0:
        return 0
    now = time.time() if now is None else now
    window_end = (int(now // limit.seconds) + 1) * limit.seconds
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()[:32]
    if count_request(f"{scope}:{digest}", window_end, now) <= limit.requests:
        return 0
    return max(1, math.ceil(window_end - now))


def client_address(request: HttpRequest) -> str:
    """REMOTE_ADDR, or behind the trusted proxy the address it saw (last in X-Forwarded-For)."""
    if settings.BEHIND_PROXY:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return str(request.META.get("REMOTE_ADDR", ""))


def _api_key(request: HttpRequest) -> tuple[str, str]:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _sep, token = header.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return "api-token", token.strip()
    return "api-ip", client_address(request)


def _too_many(request: HttpRequest, retry_after: int, *, api: bool) -> HttpResponse:
    message = _("Too many requests. Try again in %(seconds)d seconds.") % {"seconds": retry_after}
    response: HttpResponse
    if api:
        response = JsonResponse({"code": "rate_limited", "message": message}, status=429)
    else:
        response = render(request, "security/429.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def _signin_paths(self) -> tuple[str, ...]:
        return (reverse("accounts:login"), reverse("accounts:otp"))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        retry = 0
        api = request.path.startswith("/api/")
        if api:
            scope, key = _api_key(request)
            retry = hit(scope, key, _limit("api"))
        elif request.method == "POST" and request.path in self._signin_paths():
            retry = hit("signin-ip", client_address(request), _limit("signin_ip"))
            user = getattr(request, "user", None)
            account = request.POST.get("identifier", "")
            if not account and user is not None and user.is_authenticated:
                account = user.get_username()  # the second factor, after the password
            if account:
                counted = hit("signin-account", account.strip().casefold(), _limit("signin"))
                retry = max(retry, counted)
        if retry:
            return _too_many(request, retry, api=api)
        return self.get_response(request)
