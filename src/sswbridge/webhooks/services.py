"""Every write of the webhooks app: endpoints registered and deactivated by an administrator,
deliveries queued from the feed and the outcome of each attempt (the job's writes)."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sswbridge.accounts.models import Role
from sswbridge.audit import feed
from sswbridge.audit.models import AuditAction
from sswbridge.audit.services import record
from sswbridge.webhooks import targets
from sswbridge.webhooks.models import Attempt, Delivery, DeliveryStatus, Endpoint

if TYPE_CHECKING:
    from sswbridge.accounts.models import User


def may_manage(user: Any) -> bool:
    """An administrator manages the webhooks of their own agency."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role == Role.ADMINISTRATOR
    )


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _clean_types(event_types: Iterable[str]) -> list[str]:
    chosen = sorted(set(event_types))
    known = set(feed.event_types())
    unknown = [t for t in chosen if t not in known]
    if not chosen or unknown:
        raise ValidationError(
            {"event_types": _("Choose one or more of the event types offered.")},
            code="event_types",
        )
    return chosen


def add_endpoint(
    *, actor: User, url: str, event_types: Iterable[str], description: str = ""
) -> Endpoint:
    """Register `url` for the actor's agency. The endpoint's `secret` is shown once, to the
    caller of this function; the receiver keeps it to check signatures."""
    if not may_manage(actor):
        raise PermissionDenied
    try:
        targets.check(url)
    except ValidationError as error:
        raise ValidationError({"url": error.messages}) from None
    types = _clean_types(event_types)
    with transaction.atomic():
        endpoint = Endpoint.objects.create(
            agency=actor.agency,
            url=url,
            description=description,
            event_types=types,
            secret=new_secret(),
            created_by=actor,
            cursor=feed.head(),  # news from now on, not the whole past
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=endpoint,
            changes={"url": url, "event_types": types, "agency": actor.agency.code},
        )
    return endpoint


def deactivate_endpoint(*, actor: User, endpoint: Endpoint) -> Endpoint:
    """Stop sending to `endpoint` (its pending deliveries are not tried again)."""
    if not may_manage(actor) or endpoint.agency_id != actor.agency_id:
        raise PermissionDenied
    with transaction.atomic():
        endpoint = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
        if not endpoint.active:
            return endpoint
        endpoint.active = False
        endpoint.deactivated_at = timezone.now()
        endpoint.save(update_fields=["active", "deactivated_at"])
        record(
            actor=actor, action=AuditAction.UPDATE, obj=endpoint, changes={"active": [True, False]}
        )
    return endpoint


def payload(event: feed.Event) -> dict[str, Any]:
    """What a delivery says: the event's type and ids, never the record's content."""
    return {
        "type": event.type,
        "timestamp": event.occurred_at.isoformat(),
        "data": {
            "cursor": event.cursor,
            "framework": event.framework,
            "object_type": event.object_type,
            "object_id": event.object_id,
        },
    }


def queue_deliveries(*, endpoint: Endpoint, events: list[feed.Event], cursor: int) -> int:
    """A delivery for each event the endpoint wants, and the endpoint's cursor moved past
    everything read, in one transaction (no event queued twice, none skipped)."""
    with transaction.atomic():
        locked = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
        if locked.cursor != endpoint.cursor or not locked.active:
            endpoint.cursor = locked.cursor  # another run moved it meanwhile
            return 0
        now = timezone.now()
        made = 0
        for event in events:
            if not locked.wants(event.type):
                continue
            delivery = Delivery.objects.create(
                endpoint=locked,
                message_id=f"msg_{uuid.uuid4().hex}",
                event_cursor=event.cursor,
                event_type=event.type,
                payload=payload(event),
                next_attempt_at=now,
            )
            record(
                actor=None,
                action=AuditAction.CREATE,
                obj=delivery,
                changes={"endpoint": locked.pk, "event_type": event.type},
                side_code=locked.agency.side.code,
            )
            made += 1
        locked.cursor = cursor
        locked.save(update_fields=["cursor"])
    endpoint.cursor = cursor
    return made


def retry_after(attempts: int) -> dt.timedelta | None:
    """The wait after the `attempts`-th failed try, or None when it was the last allowed."""
    waits = settings.WEBHOOKS_RETRY_SECONDS
    if attempts > len(waits):
        return None
    return dt.timedelta(seconds=waits[attempts - 1])


def record_attempt(
    *,
    delivery: Delivery,
    status_code: int | None,
    error: str,
    duration_ms: int,
    now: dt.datetime | None = None,
) -> Delivery:
    """Log one try and decide what follows: delivered on a 2xx, else another try after the
    backoff, or failed when the retries have run out."""
    now = now or timezone.now()
    ok = status_code is not None and 200 <= status_code < 300
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("endpoint__agency__side")
            .get(pk=delivery.pk)
        )
        before = delivery.status
        delivery.attempts += 1
        Attempt.objects.create(
            delivery=delivery,
            number=delivery.attempts,
            at=now,
            status_code=status_code,
            error=error[:2000],
            duration_ms=duration_ms,
        )
        delivery.last_status_code = status_code
        delivery.last_error = "" if ok else error[:2000]
        wait = None if ok else retry_after(delivery.attempts)
        if ok:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
        elif wait is None:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        else:
            delivery.next_attempt_at = now + wait
        delivery.save()
        record(
            actor=None,
            action=AuditAction.UPDATE,
            obj=delivery,
            changes={
                "attempts": delivery.attempts,
                "status_code": status_code,
                **({"status": [before, delivery.status]} if before != delivery.status else {}),
            },
            side_code=delivery.endpoint.agency.side.code,
        )
    return delivery


def purge_log(*, now: dt.datetime | None = None) -> int:
    """Delete finished deliveries (and their attempts) older than WEBHOOKS_LOG_DAYS; one audit
    entry says how many. Pending ones stay until they are delivered or given up."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.WEBHOOKS_LOG_DAYS)
    with transaction.atomic():
        old = Delivery.objects.filter(
            status__in=[DeliveryStatus.DELIVERED, DeliveryStatus.FAILED], created_at__lt=cutoff
        )
        count = old.count()
        if count:
            old.delete()
            record(
                actor=None,
                action=AuditAction.DELETE,
                object_type="webhooks.delivery",
                changes={"deleted": count, "created_before": cutoff.isoformat()},
            )
    return count
