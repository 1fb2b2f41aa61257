"""Rate limits on sign-in, the public site and the API, answered with 429 and `Retry-After`.

Fixed windows counted in the database (`models.RateCounter`, one atomic upsert per request),
so every gunicorn process and host counts together. A limit of 0 turns that limit off. The
limits (`settings.RATE_LIMITS`) come from `SSWBRIDGE_*` variables, documented in README.md.

A counter is keyed only by something that exists: an account, a valid token, or the client's
address. A value a client sends that names nothing (an unknown account name, a made-up
token) counts against its address, so inventing values neither escapes the limit nor adds a
row per value to the counters' table.

- Sign-in (the password form and the second-factor form): per client address, counting
  every attempt, good or bad, and per account when the name is an existing account's.
- Public site (the landing page, the portal's pages, searches, checks and downloads, and the
  public API under /api/v1/public/): per client address, with or without a session or token.
- The rest of the API: per valid token, or per client address without one (or with a token
  that is not valid). The token is found by its hash, one read shared with the API's own
  authentication (`accounts.tokenauth.token_for`); nothing is written for it.
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

from sswbridge.accounts.signin import find_user
from sswbridge.accounts.tokenauth import bearer_token
from sswbridge.security.models import count_request

PUBLIC_API_PREFIX = "/api/v1/public/"


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
    """A valid token's own counter; otherwise (no token, or a made-up one) the address's."""
    token = bearer_token(request)
    if token is not None:
        return "api-token", str(token.pk)
    return "api-ip", client_address(request)


def _signin_account(request: HttpRequest) -> str | None:
    """The existing account a sign-in attempt is for (its primary key), or None."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return str(user.pk)  # the second factor, after the password
    identifier = str(request.POST.get("identifier", ""))
    if not identifier.isprintable():  # a NUL or other control character names no account
        return None
    account = find_user(identifier)
    return None if account is None else str(account.pk)


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

    def _public_page(self, path: str) -> bool:
        return path == reverse("publication:landing") or path.startswith(
            reverse("publication:portals")
        )

    def _retry_after(self, request: HttpRequest) -> int:
        """Count the request against its limits; the longest wait among those passed."""
        path = request.path
        if path.startswith(PUBLIC_API_PREFIX) or self._public_page(path):
            return hit("public-ip", client_address(request), _limit("public"))
        if path.startswith("/api/"):
            limit = _limit("api")
            if limit.requests <= 0:
                return 0  # off: the token is not even looked up
            scope, key = _api_key(request)
            return hit(scope, key, limit)
        if request.method == "POST" and path in self._signin_paths():
            retry = hit("signin-ip", client_address(request), _limit("signin_ip"))
            limit = _limit("signin")
            account = _signin_account(request) if limit.requests > 0 else None
            if account is not None:
                retry = max(retry, hit("signin-account", account, limit))
            return retry
        return 0

    def __call__(self, request: HttpRequest) -> HttpResponse:
        retry = self._retry_after(request)
        if retry:
            return _too_many(request, retry, api=request.path.startswith("/api/"))
        return self.get_response(request)
