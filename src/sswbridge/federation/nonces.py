"""The nonces seen on signed requests, kept while a request with them could still be fresh."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from sswbridge.federation.models import SeenNonce


def use(key_id: str, nonce: str, created: dt.datetime) -> bool:
    """Record the nonce; False when it was used with this key before (a replay)."""
    window = dt.timedelta(seconds=settings.FEDERATION_REPLAY_WINDOW_SECONDS)
    try:
        with transaction.atomic():
            SeenNonce.objects.create(
                key_id=key_id, nonce=nonce[:128], expires_at=created + 2 * window
            )
    except IntegrityError:
        return False
    return True


def purge(now: dt.datetime | None = None) -> int:
    """Forget the nonces no fresh request can carry any more."""
    deleted, _by_model = SeenNonce.objects.filter(expires_at__lt=now or timezone.now()).delete()
    return deleted
