"""The two halves of the webhook job: `collect` reads the event feed for each active endpoint,
as its agency sees it, and queues deliveries; `send_due` signs and posts the deliveries that
are due (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from sswbridge.audit import feed
from sswbridge.webhooks import services, targets
from sswbridge.webhooks.models import Delivery, DeliveryStatus, Endpoint

log = logging.getLogger(__name__)

#: Events read per endpoint per page, and pages per run at most.
PAGE = 100
PAGES_PER_RUN = 10


def collect() -> int:
    """Queue a delivery for every new event each active endpoint wants; return how many."""
    made = 0
    for endpoint in Endpoint.objects.filter(active=True).select_related("agency__side"):
        reader = feed.agency_reader(endpoint.agency)
        for _page in range(PAGES_PER_RUN):
            events, cursor = feed.page(reader, endpoint.cursor, PAGE)
            if cursor == endpoint.cursor:
                break
            made += services.queue_deliveries(endpoint=endpoint, events=events, cursor=cursor)
    return made


def body(delivery: Delivery) -> bytes:
    return json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()


def headers(delivery: Delivery, data: bytes, now: dt.datetime) -> dict[str, str]:
    signature = Webhook(delivery.endpoint.secret).sign(delivery.message_id, now, data)
    return {
        "Content-Type": "application/json",
        "User-Agent": "SSW-Bridge-Webhooks/1",
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }


def _post(url: str, data: bytes, sent_headers: dict[str, str]) -> tuple[int | None, str]:
    request = urllib.request.Request(url, data=data, headers=sent_headers, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(  # noqa: S310 - checked by targets.check just before
            request, timeout=settings.WEBHOOKS_TIMEOUT_SECONDS
        ) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        with error:
            return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError) as error:
        return None, str(getattr(error, "reason", error))


def attempt(delivery: Delivery, now: dt.datetime | None = None) -> Delivery:
    """One try of `delivery`, logged (services.record_attempt) as made at `now`."""
    now = now or timezone.now()
    data = body(delivery)
    started = time.monotonic()
    try:
        targets.check(delivery.endpoint.url)
    except ValidationError as error:
        status, message = None, " ".join(error.messages)
    else:
        signed_at = timezone.now()  # the receiver checks it against its own clock
        status, message = _post(delivery.endpoint.url, data, headers(delivery, data, signed_at))
    duration = int((time.monotonic() - started) * 1000)
    if status is not None and not 200 <= status < 300 and not message:
        message = f"HTTP {status}"
    return services.record_attempt(
        delivery=delivery, status_code=status, error=message, duration_ms=duration, now=now
    )


def send_due(now: dt.datetime | None = None, limit: int = 100) -> int:
    """Try the deliveries that are due, oldest first; return how many were tried."""
    now = now or timezone.now()
    due = (
        Delivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now, endpoint__active=True
        )
        .select_related("endpoint")
        .order_by("next_attempt_at", "id")[:limit]
    )
    tried = 0
    for delivery in due:
        attempt(delivery, now)
        tried += 1
    return tried
