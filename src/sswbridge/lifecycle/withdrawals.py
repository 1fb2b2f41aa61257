"""The withdrawal of a notice of termination between two nodes (clause 10): the notifying
side's request and the other side's written consent travel as letters of the exchange, then
as envelopes of the lifecycle's kinds, so the other node's notice follows:

- `lifecycle.withdrawal_request`: the notice's withdrawal is asked (the other node may
  consent);
- `lifecycle.withdrawal_consent`: the other side consented, the notice is withdrawn."""

from __future__ import annotations

from django.db import transaction
from django.utils.dateparse import parse_date

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.exchange.models import Communication
from sswbridge.federation import handlers, hosting
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.models import Side
from sswbridge.lifecycle.models import NoticeStatus, TerminationNotice

REQUEST = "lifecycle.withdrawal_request"
CONSENT = "lifecycle.withdrawal_consent"
FIELDS = ("status", "withdrawal_request_id", "withdrawal_consent_id", "withdrawn_on")


def _other(notice: TerminationNotice, side_id: object) -> Side:
    return next(s for s in notice.framework.sides() if s.pk != side_id)


def send_request(*, actor: User, notice: TerminationNotice) -> Envelope | None:
    to = _other(notice, notice.originator_side_id)
    if hosting.hosts(notice.framework, to):
        return None
    fields = {"notice": str(notice.pk), "communication": str(notice.withdrawal_request_id)}
    return federation.enqueue(
        notice.framework, to, REQUEST, fields, from_side=notice.originator_side, actor=actor
    )


def send_consent(*, actor: User, notice: TerminationNotice) -> Envelope | None:
    if hosting.hosts(notice.framework, notice.originator_side):
        return None
    fields = {
        "notice": str(notice.pk),
        "communication": str(notice.withdrawal_consent_id),
        "withdrawn_on": notice.withdrawn_on.isoformat() if notice.withdrawn_on else None,
    }
    return federation.enqueue(
        notice.framework,
        notice.originator_side,
        CONSENT,
        fields,
        from_side=_other(notice, notice.originator_side_id),
        actor=actor,
    )


def _notice(envelope: Envelope) -> TerminationNotice:
    found: TerminationNotice | None = (
        TerminationNotice.objects.select_for_update(no_key=True)
        .filter(pk=envelope.payload["notice"], framework=envelope.framework)
        .first()
    )
    if found is None:
        raise handlers.NotReady("the notice has not arrived yet")
    return found


def _letter(envelope: Envelope, kind: str) -> Communication:
    pk = str(envelope.payload["communication"])
    letter: Communication | None = Communication.objects.filter(pk=pk).first()
    if letter is None:
        raise handlers.NotReady(f"the {kind} {pk} has not arrived yet")
    if letter.kind != kind or letter.originator_side_id != envelope.from_side_id:
        raise handlers.Rejected(f"{pk} is not a {kind} of the sending side")
    return letter


def _record(notice: TerminationNotice, before: dict[str, object], envelope: Envelope) -> None:
    audit.record(
        actor=None,
        action=AuditAction.UPDATE,
        obj=notice,
        changes={
            **audit.diff(before, audit.snapshot(notice, FIELDS)),
            "envelope": str(envelope.pk),
        },
    )


def _receive_request(envelope: Envelope) -> None:
    notice = _notice(envelope)
    if notice.originator_side_id != envelope.from_side_id:
        raise handlers.Rejected("only the notifying side may ask to withdraw its notice")
    if notice.withdrawal_request_id is not None or not notice.is_pending:
        return
    before = audit.snapshot(notice, FIELDS)
    notice.withdrawal_request = _letter(envelope, "termination_withdrawal_request")
    notice.version += 1
    notice.save()
    _record(notice, before, envelope)


def _receive_consent(envelope: Envelope) -> None:
    notice = _notice(envelope)
    if notice.originator_side_id == envelope.from_side_id:
        raise handlers.Rejected("the consent must come from the other side")
    if not notice.is_pending:
        return
    withdrawn_on = parse_date(envelope.payload.get("withdrawn_on") or "")
    if withdrawn_on is None:
        raise handlers.Rejected("no date of withdrawal")
    before = audit.snapshot(notice, FIELDS)
    notice.withdrawal_consent = _letter(envelope, "termination_withdrawal_consent")
    notice.status, notice.withdrawn_on = NoticeStatus.WITHDRAWN, withdrawn_on
    notice.version += 1
    notice.save()
    _record(notice, before, envelope)


def _guarded(receive: handlers.Handler) -> handlers.Handler:
    def run(envelope: Envelope) -> None:
        try:
            with transaction.atomic():
                receive(envelope)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise handlers.Rejected(f"not a {envelope.kind}: {error!r}"[:300]) from None

    return run


def register() -> None:
    handlers.register(REQUEST, received=_guarded(_receive_request))
    handlers.register(CONSENT, received=_guarded(_receive_consent))
