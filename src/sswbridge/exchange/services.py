"""Every write of the exchange: one transaction each, with its audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.models import Marking
from sswbridge.exchange import attachments as attachment_store
from sswbridge.exchange import envelope, hooks, notify, periods, richtext
from sswbridge.exchange import federation as exchange_federation
from sswbridge.exchange.kinds import get_kind
from sswbridge.exchange.models import Attachment, Communication, CommunicationStatus
from sswbridge.frameworks import calendar
from sswbridge.frameworks.models import ContactPoint, Framework, Side, SideKind

SENDER_ROLES = (Role.CONTACT_POINT, Role.OFFICER, Role.REGISTRAR)
EXCHANGE_MARKINGS = (Marking.AGENCY, Marking.SIDE, Marking.BOTH)
AUDITED = (
    "framework_id",
    "kind",
    "status",
    "marking",
    "version",
    "recipient_side_id",
    "recipient_agency_id",
    "in_reply_to_id",
    "supersedes_id",
    "due_date",
    "sent_at",
    "delivered_at",
    "first_opened_at",
    "first_opened_by_id",
    "acknowledged_at",
    "acknowledged_by_id",
    "answered_at",
    "superseded",
    "content_hash",
    "withheld_fields",
    "retracted_at",
    "retracted_by_id",
    "retraction_reason",
)
SUBJECT_MAX = 300
BODY_MAX = 50_000


class ExchangeError(Exception):
    """A request the exchange refuses; `code` is machine-readable, `message` translated."""

    status = 400

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


class ExchangeConflict(ExchangeError):
    """The communication is not in a state that allows this action."""

    status = 409


class NotPermitted(PermissionDenied):
    """The user may not do this to a communication that they can see."""

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


def other_side(framework: Framework, side: Side) -> Side:
    """The side of the framework that is not `side`; NotPermitted if `side` is no party."""
    if side.pk == framework.partner_side_id:
        return Side.objects.get(kind=SideKind.JAPAN)
    if side.kind == SideKind.JAPAN:
        return framework.partner_side
    raise NotPermitted("not_a_party", _("Your side is not a party to this framework."))


def may_send(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role in SENDER_ROLES)


def _require_sender(actor: User, framework: Framework) -> None:
    if not may_send(actor):
        raise NotPermitted("role_may_not_send", _("Your role may not send communications."))
    if not Framework.objects.visible_to(actor).filter(pk=framework.pk).exists():
        raise ExchangeError("unknown_framework", _("No such framework."))


def _clean_text(subject: str, body: str) -> tuple[str, str]:
    subject = " ".join((subject or "").split())
    body = (body or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    errors: dict[str, list[str]] = {}
    if not subject:
        errors["subject"] = [str(_("This field is required."))]
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = [str(_("The subject is too long."))]
    if len(body) > BODY_MAX:
        errors["body"] = [str(_("The text is too long."))]
    for name, value in (("subject", subject), ("body", body)):
        if "\x00" in value:
            errors[name] = [str(_("Null characters are not allowed."))]
    if errors:
        raise ValidationError(errors)
    body = richtext.sanitize(body)
    if len(body) > BODY_MAX:
        raise ValidationError({"body": [str(_("The text is too long."))]})
    return subject, body


def clean_withheld(kind: str, names: Sequence[str] | None) -> list[str]:
    """The payload fields to withhold from the other side: names of the kind's fields."""
    spec = get_kind(kind)
    known = [f.name for f in spec.fields]
    unknown = sorted(set(names or ()) - set(known))
    if unknown:
        message = _("This kind of communication has no such field: %(names)s") % {
            "names": ", ".join(n.replace("\x00", "") for n in unknown)
        }
        raise ValidationError({"withheld_fields": [str(message)]})
    return [name for name in known if name in set(names or ())]


def _clean_marking(marking: str | None, default: str) -> str:
    marking = marking or default
    if marking not in EXCHANGE_MARKINGS:
        raise ValidationError(
            {"marking": [str(_("Communications are never public; choose agency, side or both."))]}
        )
    return marking


def create_draft(*, actor: User, framework: Framework, **fields: Any) -> Communication:
    """A new communication from the actor's side to the other side's contact point.

    A kind that is `managed` (a notice of termination, a consent to a revision, ...) is sent
    only by the service that keeps its record, which passes `managed=True`.

    It may name intermediaries: existing ones of the register (`intermediary_ids`) and new
    ones it describes (`new_intermediaries`), created with the communication's marking.

    Attachments are checked before anything is written; a bad one refuses the whole
    communication.

    `withheld_fields` (payload field names) and `withhold_attachments` are stored but never
    shown to the other side (`redaction.view_for`); it sees that they are withheld and may
    ask for them (`release.request_release`).

    The fields are those of `_create_draft`: kind, subject, body, payload, marking,
    in_reply_to, supersedes, due_date, attachments, intermediary_ids, new_intermediaries,
    managed, withheld_fields, withhold_attachments."""
    communication, _created = _create_draft(actor=actor, framework=framework, **fields)
    return communication


def _create_draft(
    *,
    actor: User,
    framework: Framework,
    kind: str,
    subject: str,
    body: str = "",
    payload: Mapping[str, Any] | None = None,
    marking: str | None = None,
    in_reply_to: Communication | None = None,
    supersedes: Communication | None = None,
    due_date: dt.date | None = None,
    attachments: Sequence[Any] = (),
    intermediary_ids: Sequence[Any] = (),
    new_intermediaries: Sequence[Mapping[str, Any]] = (),
    managed: bool = False,
    withheld_fields: Sequence[str] = (),
    withhold_attachments: bool = False,
    defer_audit: bool = False,
) -> tuple[Communication, dict[str, Any] | None]:
    """`create_draft`, and with `defer_audit` the draft's audit entry left to the caller when
    nothing else of it is audited (no attachments, no intermediaries): (the draft, the changes
    its creation entry must record, or None when it was recorded here)."""
    spec = get_kind(kind)
    if spec.managed and not managed:
        raise ValidationError(
            {"kind": [str(_("This kind is sent from its own page, not composed by hand."))]}
        )
    subject, body = _clean_text(subject, body)
    cleaned = spec.validate_payload(payload)
    withheld = clean_withheld(spec.key, withheld_fields)
    marking = _clean_marking(marking, spec.default_marking)
    checks = attachment_store.check_files(attachments)
    with attachment_store.discard_files_on_error(), transaction.atomic():
        _require_sender(actor, framework)
        recipient = other_side(framework, actor.agency.side)
        contact_point = (
            ContactPoint.objects.filter(framework=framework, side=recipient)
            .select_related("agency")
            .first()
        )
        if contact_point is None:
            raise ExchangeError(
                "no_contact_point", _("The other side has not designated a contact point.")
            )
        communication = Communication.objects.create(
            framework=framework,
            originator_side=actor.agency.side,
            originator_agency=actor.agency,
            marking=marking,
            sender_user=actor,
            recipient_side=recipient,
            recipient_agency=contact_point.agency,
            kind=spec.key,
            subject=subject,
            body=body,
            payload=cleaned,
            in_reply_to=in_reply_to,
            supersedes=supersedes,
            version=supersedes.version + 1 if supersedes else 1,
            due_date=due_date,
            withheld_fields=withheld,
        )
        created = audit.diff(None, audit.snapshot(communication, AUDITED))
        if defer_audit and not (attachments or intermediary_ids or new_intermediaries):
            return communication, created  # the caller records it, after its own reads
        audit.record(actor=actor, action=AuditAction.CREATE, obj=communication, changes=created)
        attachment_store.store(
            actor=actor,
            communication=communication,
            files=attachments,
            checks=checks,
            withheld=withhold_attachments,
        )
        if intermediary_ids or new_intermediaries:
            hooks.mentions().record(
                actor=actor,
                communication=communication,
                intermediary_ids=intermediary_ids,
                new_intermediaries=new_intermediaries,
            )
        return communication, None


def add_attachments(
    *,
    actor: User,
    communication: Communication,
    files: Sequence[Any],
    marking: str | None = None,
    withheld: bool = False,
) -> list[Attachment]:
    """Attach files to a draft of the actor's agency; after sending nothing changes.
    `withheld` files are stored but never handed to the other side."""
    checks = attachment_store.check_files(files)
    if not files:
        raise ValidationError({"attachments": [str(_("Choose at least one file."))]})
    with attachment_store.discard_files_on_error(), transaction.atomic():
        c: Communication = Communication.objects.select_for_update(no_key=True).get(
            pk=communication.pk
        )
        if c.originator_agency_id != actor.agency_id or not may_send(actor):
            raise NotPermitted("not_the_sender", _("Only the originating agency may attach files."))
        if c.status != CommunicationStatus.DRAFT:
            raise ExchangeConflict(
                "not_a_draft", _("Files can be attached only before the communication is sent.")
            )
        return attachment_store.store(
            actor=actor,
            communication=c,
            files=files,
            checks=checks,
            marking=marking,
            withheld=withheld,
        )


def deliver(*, communication: Communication) -> None:
    """Put a sent communication in the recipient side's inbox; the caller saves it (`_send`
    saves it once, with its sending).

    When this node hosts the recipient side, both inboxes live in the same database, so
    delivery happens at the moment of sending. When another node hosts it (federation),
    `_send` queues an envelope instead (`exchange/federation.py`) and `delivered_at` is set
    when that node's signed receipt comes back.
    """
    if exchange_federation.federated(communication):
        communication.delivered_at = None
        return
    communication.delivered_at = communication.sent_at
    notify.delivered(communication=communication)  # a correction: "a corrected version"


def send(*, actor: User, communication: Communication) -> Communication:
    """Send a draft: fix its content, stamp its hash and due date, and deliver it."""
    with transaction.atomic():
        c: Communication = Communication.objects.select_for_update(no_key=True).get(
            pk=communication.pk
        )
        if c.originator_agency_id != actor.agency_id or not may_send(actor):
            raise NotPermitted("not_the_sender", _("Only the originating agency may send this."))
        if c.status != CommunicationStatus.DRAFT:
            raise ExchangeConflict("not_a_draft", _("This communication has already been sent."))
        return _send(actor=actor, c=c)


def _send(*, actor: User, c: Communication, created: dict[str, Any] | None = None) -> Communication:
    """Send the draft `c` (locked, or made in this transaction). Every read and write comes
    before the audit entries, so the audit head is held only for them (the lock order);
    `created`: the draft's creation entry, still to be recorded, first."""
    # The version it replaces is locked now, before the audit entry (the lock order).
    old = _locked(c.supersedes_id) if c.supersedes_id is not None else None
    before = audit.snapshot(c, AUDITED)
    spec = get_kind(c.kind)
    c.payload = spec.validate_payload(c.payload)
    c.sent_at = timezone.now()
    c.status = CommunicationStatus.SENT
    if spec.needs_answer and c.due_date is None:
        days = periods.answer_days(c.framework, spec)
        c.due_date = calendar.due_date(c.recipient_side, c.sent_at, days)
    c.content_hash = envelope.compute_hash(c)
    deliver(communication=c)
    c.save()
    if exchange_federation.federated(c):
        exchange_federation.send(actor=actor, c=c)
    if created is not None:
        audit.record(actor=actor, action=AuditAction.CREATE, obj=c, changes=created)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=c,
        changes=audit.diff(before, audit.snapshot(c, AUDITED)),
    )
    if old is not None:
        _mark_superseded(actor, old)
    return c


def _locked(pk: Any) -> Communication:
    found: Communication = Communication.objects.select_for_update(no_key=True).get(pk=pk)
    return found


def _mark_superseded(actor: User, old: Communication) -> None:
    """The version a sent correction replaces (locked) leaves the lists (its content stays as
    it was)."""
    if old.superseded:
        return
    before = audit.snapshot(old, AUDITED)
    old.superseded = True
    old.save(update_fields=["superseded", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=old,
        changes=audit.diff(before, audit.snapshot(old, AUDITED)),
    )


def send_new(*, actor: User, framework: Framework, **fields: Any) -> Communication:
    """Create and send in one step (the compose form and the API).

    The draft made here is this transaction's own (no one else sees it before the commit), so
    it is sent as it is, neither locked nor read again. Its two audit entries (created,
    sent) are written last, when it names no attachment or intermediary (their entries
    follow the draft's), so the audit head is held only for them."""
    with attachment_store.discard_files_on_error(), transaction.atomic():
        draft, created = _create_draft(actor=actor, framework=framework, defer_audit=True, **fields)
        return _send(actor=actor, c=draft, created=created)


def may_correct(user: User, c: Communication) -> bool:
    managed = bool(c.kind_spec and c.kind_spec.managed)  # its record would not follow
    return bool(
        c.is_sent
        and not managed
        and c.retracted_at is None
        and may_send(user)
        and user.agency_id == c.originator_agency_id
    )


def correct(
    *,
    actor: User,
    communication: Communication,
    subject: str,
    body: str = "",
    payload: Mapping[str, Any] | None = None,
    marking: str | None = None,
    withheld_fields: Sequence[str] | None = None,
) -> Communication:
    """Send a corrected version; the old one stays as it was, with its hash. The other
    side's contact point is told that a corrected version arrived; the fields withheld stay
    withheld unless `withheld_fields` says otherwise."""
    if not may_correct(actor, communication):
        raise NotPermitted("may_not_correct", _("Only the originating agency may correct this."))
    with transaction.atomic():
        original = Communication.objects.select_for_update(no_key=True).get(pk=communication.pk)
        if Communication.objects.filter(supersedes=original).exists():
            raise ExchangeConflict(
                "already_corrected", _("A newer version exists; correct that one.")
            )
        draft = create_draft(
            actor=actor,
            framework=original.framework,
            kind=original.kind,
            subject=subject,
            body=body,
            payload=payload,
            marking=marking or original.marking,
            in_reply_to=original.in_reply_to,
            supersedes=original,
            due_date=original.due_date,
            withheld_fields=original.withheld_fields
            if withheld_fields is None
            else withheld_fields,
        )
        # Before sending, so that the content hash covers the intermediaries it names.
        hooks.mentions().carry(actor=actor, original=original, correction=draft)
        return send(actor=actor, communication=draft)
