"""The first factor: finding the account, checking the password, and the lock-out rule.

A locked account and an unknown name that has failed as often get the same answer, so the
sign-in page does not tell whether an account exists.
"""

from __future__ import annotations

import enum
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from sswbridge.accounts import services
from sswbridge.accounts.models import User
from sswbridge.core import redirects

NEXT_SESSION_KEY = "sswbridge_next"
EXPIRED_SESSION_KEY = "sswbridge_expired"
RECOVERY_CODES_SESSION_KEY = "sswbridge_recovery_codes"
NEW_TOKEN_SESSION_KEY = "sswbridge_new_token"


class Outcome(enum.Enum):
    OK = "ok"
    INVALID = "invalid"
    LOCKED = "locked"


def find_user(identifier: str) -> User | None:
    identifier = identifier.strip()
    if not identifier:
        return None
    user = User.objects.filter(username=identifier).select_related("agency__side").first()
    if user is None and "@" in identifier:
        user = User.objects.filter(email__iexact=identifier).select_related("agency__side").first()
    return user


UNKNOWN_NAME_BUCKETS = 1024
"""Failures of names without an account are counted in this many shared buckets, not one
entry per name: a stranger inventing names must not add a cache row for each. The same
unknown name always falls in the same bucket, so it still looks locked after as many
failures as an account; names sharing a bucket may look locked a little earlier."""


def _unknown_key(identifier: str) -> str:
    digest = hashlib.sha256(identifier.strip().lower().encode()).digest()
    bucket = int.from_bytes(digest[:4], "big") % UNKNOWN_NAME_BUCKETS
    return f"sswbridge:signin-failures:unknown-{bucket}"


def _unknown_failure(identifier: str) -> bool:
    """Count a failure for a name without an account; True when it now looks locked."""
    key = _unknown_key(identifier)
    now = time.time()
    state = cache.get(key) or {"count": 0, "locked_until": 0.0}
    if state["locked_until"] > now:
        return True
    if state["locked_until"]:
        state = {"count": 0, "locked_until": 0.0}
    state["count"] += 1
    if state["count"] >= settings.LOCKOUT_THRESHOLD:
        state["locked_until"] = now + settings.LOCKOUT_MINUTES * 60
    cache.set(key, state, timeout=settings.LOCKOUT_MINUTES * 60 * 2)
    return bool(state["locked_until"])


def check_password(identifier: str, password: str) -> tuple[Outcome, User | None]:
    """Check the first factor and count a failure against the account (or the name)."""
    user = find_user(identifier)
    if user is None:
        User().set_password(password)  # spend the same time as for a real account
        services.record_unknown_sign_in(identifier=identifier)
        locked = _unknown_failure(identifier)
        return (Outcome.LOCKED if locked else Outcome.INVALID), None
    if user.is_locked:
        user.check_password(password)
        services.record_failed_sign_in(user=user, reason="locked")
        return Outcome.LOCKED, None
    if not (user.check_password(password) and user.is_active):
        locked = services.record_failed_sign_in(user=user, reason="password")
        return (Outcome.LOCKED if locked else Outcome.INVALID), None
    return Outcome.OK, user


def safe_next(request: HttpRequest, candidate: str | None) -> str | None:
    """Where to go after signing in: a safe path on this site, or None (the dashboard)."""
    return redirects.safe_next(request, candidate)


def remember_next(request: HttpRequest) -> None:
    target = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if target:
        request.session[NEXT_SESSION_KEY] = target


def pop_next(request: HttpRequest) -> str | None:
    return safe_next(request, request.session.pop(NEXT_SESSION_KEY, None))
