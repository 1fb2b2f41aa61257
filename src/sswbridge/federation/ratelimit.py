"""The federation endpoint's rate limit per peer (SSWBRIDGE_FEDERATION_RATE_LIMIT per
SSWBRIDGE_FEDERATION_RATE_WINDOW_SECONDS): fixed windows counted in the database, so every
web process counts together."""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from sswbridge.federation.models import Peer, RateWindow


def hit(peer: Peer, *, now: float | None = None) -> int:
    """Count one request; 0 when within the limit, else the seconds until the window ends."""
    requests, seconds = settings.FEDERATION_RATE_LIMIT
    if requests <= 0:
        return 0
    now = time.time() if now is None else now
    window_end = (int(now // seconds) + 1) * seconds
    with transaction.atomic():
        updated = RateWindow.objects.filter(peer=peer, window_end=window_end).update(
            count=F("count") + 1
        )
        if not updated:
            try:
                with transaction.atomic():
                    RateWindow.objects.create(peer=peer, window_end=window_end, count=1)
            except IntegrityError:
                RateWindow.objects.filter(peer=peer, window_end=window_end).update(
                    count=F("count") + 1
                )
        count = RateWindow.objects.get(peer=peer, window_end=window_end).count
    if count <= requests:
        return 0
    return max(1, math.ceil(window_end - now))


def purge(now: float | None = None) -> int:
    deleted, _by_model = RateWindow.objects.filter(
        window_end__lt=(time.time() if now is None else now)
    ).delete()
    return deleted
