"""Asking for withheld content, and the originator's decision (release or refuse).

The other side files a `ReleaseRequest` for one withheld field or attachment; the officers
of the originating side's contact point are told. A contact point officer of that agency
decides: a release removes the field from `withheld_fields` (or clears the attachment's
`withheld`), so the other side sees it from then on; a refusal changes nothing. Each step
has its audit entry.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.exchange import federation as exchange_federation
from sswbridge.exchange import notify
from sswbridge.exchange.models import (
    Attachment,
    Communication,
    NotificationEvent,
    ReleaseRequest,
    ReleaseStatus,
)
from sswbridge.exchange.redaction import is_other_side
from sswbridge.exchange.services import AUDITED, ExchangeConflict, NotPermitted
from sswbridge.frameworks.models import ContactPoint

REASON_MAX = 2000
AUDITED_RELEASE = (
    "communication_id",
    "field",
    "attachment_id",
    "reason",
    "requested_by_id",
    "status",
    "decided_by_id",
    "decided_at",
    "decision_note",
)


def originator_contact_point_officers(c: Communication) -> QuerySet[User]:
    """The contact point officers of the originating side (those who decide)."""
    agencies = ContactPoint.objects.filter(
        framework_id=c.framework_id, side_id=c.originator_side_id
    ).values("agency_id")
    return User.objects.filter(
        agency_id__in=agencies, role=Role.CONTACT_POINT, is_active=True
    ).order_by("username")


def may_request(user: User, c: Communication) -> bool:
    return bool(
        c.is_sent
        and c.retracted_at is None
        and getattr(user, "agency", None) is not None
        and user.agency.side_id == c.recipient_side_id
        and is_other_side(user, c)
        and user.role in (Role.CONTACT_POINT, Role.OFFICER, Role.REGISTRAR)
    )


def may_decide(user: User, c: Communication) -> bool:
    return bool(
        getattr(user, "role", None) == Role.CONTACT_POINT
        and originator_contact_point_officers(c).filter(pk=user.pk).exists()
    )


def _clean_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": [_("Say why it is needed.")]})
    if len(reason) > REASON_MAX or "\x00" in reason:
        raise ValidationError({"reason": [_("The text is too long or not valid.")]})
    return reason


def request_release(
    *,
    actor: User,
    communication: Communication,
    reason: str,
    field: str = "",
    attachment: Attachment | None = None,
) -> ReleaseRequest:
    """Ask the originator for one withheld field (`field`) or attachment."""
    reason = _clean_reason(reason)
    if not may_request(actor, communication):
        raise NotPermitted("may_not_request", _("You may not ask for this content."))
    if bool(field) == (attachment is not None):
        raise ValidationError({"field": [_("Name one field or one attachment.")]})
    with transaction.atomic():
        c = Communication.objects.select_for_update(no_key=True).get(pk=communication.pk)
        if field and field not in (c.withheld_fields or []):
            raise ValidationError({"field": [_("That field is not withheld.")]})
        if attachment is not None and not (
            attachment.communication_id == c.pk and attachment.withheld
        ):
            raise ValidationError({"attachment": [_("That attachment is not withheld.")]})
        pending = ReleaseRequest.objects.filter(
            communication=c, field=field, attachment=attachment, status=ReleaseStatus.PENDING
        )
        if pending.exists():
            raise ExchangeConflict("already_requested", _("This has already been asked for."))
        item = ReleaseRequest.objects.create(
            communication=c, field=field, attachment=attachment, reason=reason, requested_by=actor
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=item,
            framework=c.framework,
            changes=audit.diff(None, audit.snapshot(item, AUDITED_RELEASE)),
        )
        if exchange_federation.from_peer(c):  # the originating node decides
            from sswbridge.exchange import peer_release

            peer_release.send_request(actor=actor, item=item)
        notify.notify(
            communication=c,
            event=NotificationEvent.RELEASE_REQUESTED,
            users=originator_contact_point_officers(c),
            mail_key=f":{item.pk}",
        )
        return item


def decide(
    *, actor: User, request: ReleaseRequest, release: bool, note: str = ""
) -> ReleaseRequest:
    """Release the content to the other side, or refuse; the requester is told."""
    note = " ".join((note or "").split())
    if len(note) > REASON_MAX or "\x00" in note:
        raise ValidationError({"note": [_("The text is too long or not valid.")]})
    c = request.communication
    if not may_decide(actor, c):
        raise NotPermitted(
            "not_originator_contact_point",
            _("Only the originating side's contact point decides."),
        )
    with transaction.atomic():
        # What a release changes is locked first, the request next (the lock order).
        target = _locked_target(request) if release else None
        item = ReleaseRequest.objects.select_for_update(no_key=True).get(pk=request.pk)
        if item.status != ReleaseStatus.PENDING:
            raise ExchangeConflict("already_decided", _("This request has been decided."))
        before = audit.snapshot(item, AUDITED_RELEASE)
        item.status = ReleaseStatus.RELEASED if release else ReleaseStatus.REFUSED
        item.decided_by, item.decided_at, item.decision_note = actor, timezone.now(), note
        item.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=item,
            framework=c.framework,
            changes=audit.diff(before, audit.snapshot(item, AUDITED_RELEASE)),
        )
        if target is not None:
            _release(actor, item, target)
        if item.attachment_id is None and exchange_federation.federated(c):
            from sswbridge.exchange import peer_release  # it reads this module

            peer_release.send_decision(actor=actor, item=item)
        notify.notify(
            communication=c,
            event=NotificationEvent.RELEASE_DECIDED,
            users=User.objects.filter(pk=item.requested_by_id or 0, is_active=True),
            mail_key=f":{item.pk}",
        )
        return item


def _locked_target(item: ReleaseRequest) -> Attachment | Communication:
    """The attachment, or else the communication, whose release the request asks, locked."""
    if item.attachment_id is not None:
        found: Attachment = Attachment.objects.select_for_update(no_key=True).get(
            pk=item.attachment_id
        )
        return found
    c: Communication = Communication.objects.select_for_update(no_key=True).get(
        pk=item.communication_id
    )
    return c


def _release(actor: User, item: ReleaseRequest, target: Attachment | Communication) -> None:
    if isinstance(target, Attachment):
        a = target
        a.withheld = False
        a.save(update_fields=["withheld", "updated_at"])
        audit.record(
            actor=actor, action=AuditAction.UPDATE, obj=a, changes={"withheld": [True, False]}
        )
        return
    c = target
    before = audit.snapshot(c, AUDITED)
    c.withheld_fields = [name for name in c.withheld_fields if name != item.field]
    c.save(update_fields=["withheld_fields", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=c,
        changes=audit.diff(before, audit.snapshot(c, AUDITED)),
    )


def requests_for(user: User, c: Communication) -> QuerySet[ReleaseRequest]:
    """The requests about a communication that the user may see: both sides see them once
    they see the communication (the caller has checked that)."""
    return (
        ReleaseRequest.objects.filter(communication=c)
        .select_related("requested_by", "decided_by", "attachment")
        .order_by("requested_at")
    )
