"""Receipts of a communication on the recipient's side: its first opening, the contact point's
acknowledgement, and the answer (clause 6's inquiries; a reply sent with `services.send_new`).
One transaction each, with its audit entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core import archive
from sswbridge.exchange import federation as exchange_federation
from sswbridge.exchange.kinds import get_kind
from sswbridge.exchange.models import Communication
from sswbridge.exchange.services import (
    AUDITED,
    ExchangeConflict,
    NotPermitted,
    may_send,
    send_new,
)


def _is_recipient(actor: User, c: Communication) -> bool:
    return bool(c.is_sent and actor.agency.side_id == c.recipient_side_id)


def mark_opened(*, actor: User, communication: Communication) -> bool:
    """Record the first opening by someone of the recipient side; True when recorded now."""
    if communication.first_opened_at is not None or not _is_recipient(actor, communication):
        return False
    if archive.is_archived(communication.framework_id):
        return False  # a terminated framework is a read-only archive
    with transaction.atomic():
        c = Communication.objects.select_for_update(no_key=True).get(pk=communication.pk)
        if c.first_opened_at is not None:
            return False
        before = audit.snapshot(c, AUDITED)
        c.first_opened_at = timezone.now()
        c.first_opened_by = actor
        c.save(update_fields=["first_opened_at", "first_opened_by", "updated_at"])
        exchange_federation.send_receipt(actor=actor, c=c, event="opened", at=c.first_opened_at)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=c,
            changes=audit.diff(before, audit.snapshot(c, AUDITED)),
        )
    communication.first_opened_at = c.first_opened_at
    communication.first_opened_by = actor
    return True


def may_acknowledge(user: User, c: Communication) -> bool:
    return bool(
        c.is_sent
        and c.retracted_at is None
        and user.role == Role.CONTACT_POINT
        and user.agency_id == c.recipient_agency_id
    )


def acknowledge(*, actor: User, communication: Communication) -> Communication:
    """The recipient contact point confirms receipt (clause 2): an explicit act."""
    if not may_acknowledge(actor, communication):
        raise NotPermitted(
            "not_recipient_contact_point",
            _("Only an officer of the recipient contact point may acknowledge."),
        )
    with transaction.atomic():
        c: Communication = Communication.objects.select_for_update(no_key=True).get(
            pk=communication.pk
        )
        if c.acknowledged_at is not None:
            raise ExchangeConflict(
                "already_acknowledged", _("This communication has already been acknowledged.")
            )
        before = audit.snapshot(c, AUDITED)
        now = timezone.now()
        c.acknowledged_at, c.acknowledged_by = now, actor
        if c.first_opened_at is None:
            c.first_opened_at, c.first_opened_by = now, actor
        c.save()
        exchange_federation.send_receipt(actor=actor, c=c, event="acknowledged", at=now)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=c,
            changes=audit.diff(before, audit.snapshot(c, AUDITED)),
        )
        return c


def may_answer(user: User, c: Communication) -> bool:
    spec = c.kind_spec
    by_hand = spec and [k for k in spec.answer_kinds if not get_kind(k).managed]
    return bool(by_hand and c.retracted_at is None and may_send(user) and _is_recipient(user, c))


def answer(
    *,
    actor: User,
    communication: Communication,
    kind: str,
    subject: str,
    body: str = "",
    payload: Mapping[str, Any] | None = None,
    marking: str | None = None,
    withheld_fields: Sequence[str] = (),
) -> Communication:
    """Send an answer of an allowed kind and record the original as answered."""
    if not may_answer(actor, communication):
        raise NotPermitted("may_not_answer", _("You may not answer this communication."))
    spec = communication.kind_spec
    if spec is None or kind not in spec.answer_kinds:
        raise ValidationError({"kind": [str(_("This kind does not answer that communication."))]})
    with transaction.atomic():
        # The original is locked before the reply writes anything (the lock order):
        # `record_answered` changes it after the reply's audit entries.
        Communication.objects.select_for_update(no_key=True).get(pk=communication.pk)
        reply = send_new(
            actor=actor,
            framework=communication.framework,
            kind=kind,
            subject=subject,
            body=body,
            payload=payload,
            marking=marking,
            in_reply_to=communication,
            withheld_fields=withheld_fields,
        )
        record_answered(actor=actor, communication=communication, reply=reply)
        return reply


def record_answered(*, actor: User, communication: Communication, reply: Communication) -> None:
    """Record the original as answered by `reply` (also for a managed answer, sent by the
    service that keeps its record)."""
    with transaction.atomic():
        c = Communication.objects.select_for_update(no_key=True).get(pk=communication.pk)
        if c.answered_at is not None:
            return
        before = audit.snapshot(c, AUDITED)
        c.answered_at = reply.sent_at
        if c.first_opened_at is None:
            c.first_opened_at, c.first_opened_by = reply.sent_at, actor
        c.save()
        assert reply.sent_at is not None
        exchange_federation.send_receipt(
            actor=actor, c=c, event="answered", at=reply.sent_at, reply=reply
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=c,
            changes=audit.diff(before, audit.snapshot(c, AUDITED)),
        )
