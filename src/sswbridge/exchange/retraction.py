"""Retracting a sent communication: its content leaves the other side's view, its rows and
audit trail stay. The other side's contact point is told (in the app and by mail)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.exchange import federation as exchange_federation
from sswbridge.exchange import notify
from sswbridge.exchange.models import Communication, Notification, NotificationEvent
from sswbridge.exchange.redaction import retraction_text
from sswbridge.exchange.services import (
    AUDITED,
    ExchangeConflict,
    NotPermitted,
    may_send,
)
from sswbridge.federation import handlers, receipts
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope

REASON_MAX = 1000
RETRACTION = "exchange.retraction"


def may_retract(user: User, c: Communication) -> bool:
    """The originating agency's senders retract a sent, current, hand-written communication
    (a managed kind's record would not follow)."""
    managed = bool(c.kind_spec and c.kind_spec.managed)
    return bool(
        c.is_sent
        and not managed
        and not c.superseded
        and c.retracted_at is None
        and may_send(user)
        and user.agency_id == c.originator_agency_id
    )


def _chain(c: Communication) -> list[Communication]:
    """The communication and every earlier version of it, locked."""
    found = [c]
    older = c.supersedes_id
    while older is not None:
        previous = Communication.objects.select_for_update(no_key=True).get(pk=older)
        found.append(previous)
        older = previous.supersedes_id
    return found


def retract(*, actor: User, communication: Communication, reason: str) -> Communication:
    """Retract a communication and its earlier versions. The other side then sees only
    "retracted on DATE by SIDE" (`redaction.view_for`); its notifications lose the subject."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": [_("Say why it is retracted.")]})
    if len(reason) > REASON_MAX or "\x00" in reason:
        raise ValidationError({"reason": [_("The reason is too long or not valid.")]})
    if not may_retract(actor, communication):
        raise NotPermitted(
            "may_not_retract", _("Only the originating agency may retract a current version.")
        )
    with transaction.atomic():
        c: Communication = Communication.objects.select_for_update(no_key=True).get(
            pk=communication.pk
        )
        if c.retracted_at is not None:
            raise ExchangeConflict("already_retracted", _("This has already been retracted."))
        if c.superseded:
            raise ExchangeConflict("not_current", _("A newer version exists; retract that one."))
        versions = _chain(c)
        _apply(actor, c, versions, timezone.now(), reason)
        if exchange_federation.federated(c):
            send(actor=actor, c=c, versions=versions)
        return c


def _apply(
    actor: User | None,
    c: Communication,
    versions: list[Communication],
    now: dt.datetime,
    reason: str,
) -> None:
    """Retract `c` and its earlier `versions` (locked); tell the other side's officers."""
    for version in versions:
        if version.retracted_at is not None:
            continue
        before = audit.snapshot(version, AUDITED)
        version.retracted_at, version.retracted_by = now, actor
        version.retraction_reason = reason
        version.save(
            update_fields=["retracted_at", "retracted_by", "retraction_reason", "updated_at"]
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=version,
            changes=audit.diff(before, audit.snapshot(version, AUDITED)),
        )
    # Notifications already in the other side's lists carried the subject.
    marker = retraction_text(c)[:500]
    Notification.objects.filter(communication__in=[v.pk for v in versions]).exclude(
        user__agency__side_id=c.originator_side_id
    ).update(text=marker)
    notify.notify(communication=c, event=NotificationEvent.RETRACTED, text=marker)


def send(*, actor: User, c: Communication, versions: list[Communication]) -> Envelope:
    """The retraction travels to the node that hosts the recipient side (issue 14): a signed
    envelope naming the versions retracted, when, and why."""
    fields: dict[str, Any] = {
        "communication": str(c.pk),
        "versions": [str(v.pk) for v in versions],
        "retracted_at": receipts.timestamp(c.retracted_at or timezone.now()),
        "reason": c.retraction_reason,
    }
    return federation.enqueue(
        c.framework, c.recipient_side, RETRACTION, fields, from_side=c.originator_side, actor=actor
    )


def receive(envelope: Envelope) -> None:
    """On the receiving node: retract this node's copies, as the originating node did."""
    data = envelope.payload
    try:
        at = receipts.parse_timestamp(data["retracted_at"])
        reason = " ".join(str(data["reason"]).split())
        ids = [str(pk) for pk in data["versions"]]
        current_id = str(data["communication"])
    except (KeyError, TypeError, ValueError) as error:
        raise handlers.Rejected(f"not a retraction: {error!r}"[:300]) from None
    if not reason or len(reason) > REASON_MAX or "\x00" in reason or current_id not in ids:
        raise handlers.Rejected("not a retraction: no reason, or it names no current version")
    found = {
        str(v.pk): v
        for v in Communication.objects.select_for_update(no_key=True).filter(
            pk__in=ids, framework=envelope.framework, originator_side=envelope.from_side
        )
    }
    if current_id not in found:
        raise handlers.Rejected("the retraction names no communication of the peer held here")
    current = found[current_id]
    _apply(None, current, [found[pk] for pk in ids if pk in found], at, reason)
