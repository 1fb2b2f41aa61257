"""Sign a staff session out after a period without requests, and after its maximum age
(SSWBRIDGE_SESSION_MAX_HOURS) however active it has been.

The time of the last request is written to the session at most once a minute (a tenth of
the idle period when that is shorter), not on every request: a session write is a database
write and commit on every page otherwise. An idle session may so end up to that much before
its idle period has passed since the very last request.

A session whose account has been deactivated is signed out on its next request."""

from __future__ import annotations

import time
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

LAST_SEEN_KEY = "sswbridge_last_seen"
STARTED_KEY = "sswbridge_started"


def _resolution() -> int:
    """Seconds between writes of the last request's time."""
    return max(1, min(60, settings.SESSION_IDLE_MINUTES * 6))


class SessionIdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            # Each save of the session moves its expiry forward, so the maximum age is
            # counted here from the first signed-in request.
            started = int(request.session.setdefault(STARTED_KEY, now))
            idle = (
                last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_MINUTES * 60
            )
            if idle or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)
                request.session["sswbridge_expired"] = True
            elif last_seen is None or now - int(last_seen) >= _resolution():
                request.session[LAST_SEEN_KEY] = now
        elif user is not None and SESSION_KEY in request.session:
            # The session names an account that may no longer sign in (an administrator
            # deactivated it): end the session now, so that re-activating the account
            # does not bring it back.
            logout(request)
        return self.get_response(request)


class UserTimeZoneMiddleware:
    """Pages show times in the signed-in user's zone (their own choice, else their side's)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        zone_name = getattr(user, "zone_name", None) if user is not None else None
        if not zone_name or not user.is_authenticated:  # type: ignore[union-attr]
            return self.get_response(request)
        try:
            zone = zoneinfo.ZoneInfo(zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return self.get_response(request)
        with timezone.override(zone):
            return self.get_response(request)
