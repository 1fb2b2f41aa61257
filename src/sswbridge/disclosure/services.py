"""Every write of the disclosure app: one transaction each, with its audit entry.

An officer of the side that received the information files the request; it travels as a
`disclosure_request` communication to the originator's contact point, whose
`disclosure_answer` grants (the written consent) or refuses it. Under a consent in force the
requesting agency makes export packages; each one is a line of the ledger.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.cases.models import Case
from sswbridge.core.cleaning import clean_text
from sswbridge.core.models import Marking
from sswbridge.disclosure import federation as peers
from sswbridge.disclosure import items as catalogue
from sswbridge.disclosure import package
from sswbridge.disclosure.models import (
    Disclosure,
    DisclosureItem,
    DisclosureRequest,
    ItemKind,
    RequestStatus,
    ThirdPartyType,
)
from sswbridge.exchange import receipts
from sswbridge.exchange import services as exchange
from sswbridge.exchange.models import Communication, CommunicationStatus

REQUESTER_ROLES = (Role.CONTACT_POINT, Role.OFFICER)
AUDITED = (
    "reference",
    "status",
    "third_party_type",
    "third_party_name",
    "owner_side_id",
    "communication_id",
    "answer_id",
    "decided_by_id",
    "decided_at",
    "conditions",
    "expires_on",
    "refusal_reason",
    "consent_reference",
)
MAX_ITEMS = 50


class DisclosureError(Exception):
    """A request refused in the current state; `code` is machine-readable."""

    status = 409

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


class NotPermitted(PermissionDenied):
    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


def _new_reference(prefix: str) -> str:
    return f"{prefix}-{timezone.localdate().year}-{uuid.uuid4().hex[:8].upper()}"


def may_request(user: User) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role in REQUESTER_ROLES)


def _resolve(actor: User, spec: Mapping[str, Any]) -> tuple[Any, list[str], list[str]]:
    """The item named by `spec`, checked: the other side's, visible, fields and files known."""
    kind, pk = spec.get("kind"), spec.get("id")
    obj: Any = None
    try:
        key = uuid.UUID(str(pk))
    except ValueError:
        key = None
    if key is not None and kind == ItemKind.COMMUNICATION:
        obj = (
            Communication.objects.visible_to(actor)
            .filter(pk=key, status=CommunicationStatus.SENT)
            .first()
        )
    elif key is not None and kind == ItemKind.CASE:
        obj = Case.objects.visible_to(actor).filter(pk=key).first()
    if obj is None:
        raise ValidationError({"items": [str(_("No such item."))]})
    if obj.originator_side_id == actor.agency.side_id:
        raise ValidationError(
            {
                "items": [
                    str(_("Your own side's information needs no consent: %(item)s"))
                    % {"item": catalogue.label_of(obj)}
                ]
            }
        )
    if getattr(obj, "retracted_at", None) is not None:
        raise ValidationError({"items": [str(_("A retracted item cannot be disclosed."))]})
    fields = [str(f) for f in spec.get("fields") or []]
    files = [str(f) for f in spec.get("files") or []]
    allowed = {name for name, _label in catalogue.field_choices(obj)}
    known_files = {f.id for f in catalogue.file_choices(obj, actor)}
    if set(fields) - allowed:
        raise ValidationError({"fields": [str(_("A field asked for cannot be disclosed."))]})
    if set(files) - known_files:
        raise ValidationError({"files": [str(_("A file asked for cannot be disclosed."))]})
    if not fields and not files:
        raise ValidationError({"items": [str(_("Choose at least one field or file."))]})
    order = [name for name, _label in catalogue.field_choices(obj)]
    return obj, sorted(set(fields), key=order.index), sorted(set(files))


def _describe(actor: User, obj: Any, fields: list[str], files: list[str]) -> str:
    labels = dict(catalogue.field_choices(obj))
    names = {f.id: f.name for f in catalogue.file_choices(obj, actor)}
    parts = [labels[f] for f in fields] + [names[f] for f in files]
    return f"{catalogue.label_of(obj)} ({obj.pk}): " + "; ".join(parts)


def file_request(
    *,
    actor: User,
    third_party_type: str,
    third_party_name: str,
    purpose: str,
    items: Sequence[Mapping[str, Any]],
) -> DisclosureRequest:
    """Ask the originator's contact point for written consent to disclose the items."""
    if not may_request(actor):
        raise NotPermitted("role_may_not_request", _("Your role may not request a disclosure."))
    if third_party_type not in ThirdPartyType.values:
        raise ValidationError({"third_party_type": [str(_("Choose a kind of third party."))]})
    name = clean_text("third_party_name", third_party_name, limit=300)
    purpose = clean_text("purpose", purpose, limit=5000)
    if not items:
        raise ValidationError({"items": [str(_("Choose at least one item."))]})
    if len(items) > MAX_ITEMS:
        raise ValidationError({"items": [str(_("Too many items."))]})
    resolved = [_resolve(actor, spec) for spec in items]
    if len({obj.pk for obj, _f, _x in resolved}) != len(resolved):
        raise ValidationError({"items": [str(_("An item is named twice."))]})
    first = resolved[0][0]
    if any(obj.framework_id != first.framework_id for obj, _f, _x in resolved):
        raise ValidationError({"items": [str(_("All items must belong to one framework."))]})
    reference = _new_reference("DR")
    third_party = f"{ThirdPartyType(third_party_type).label}: {name}"
    with transaction.atomic():
        letter = exchange.send_new(
            actor=actor,
            framework=first.framework,
            kind="disclosure_request",
            subject=str(_("Request for consent to disclose (%(ref)s)") % {"ref": reference}),
            body="",
            payload={
                "reference": reference,
                "third_party": third_party,
                "purpose": purpose,
                "items": "\n".join(_describe(actor, o, f, x) for o, f, x in resolved),
            },
            marking=Marking.SIDE,
            managed=True,
        )
        request = DisclosureRequest.objects.create(
            framework=first.framework,
            originator_side=actor.agency.side,
            originator_agency=actor.agency,
            marking=Marking.SIDE,
            reference=reference,
            owner_side_id=first.originator_side_id,
            third_party_type=third_party_type,
            third_party_name=name,
            purpose=purpose,
            requested_by=actor,
            communication=letter,
        )
        for obj, fields, files in resolved:
            is_case = isinstance(obj, Case)
            DisclosureItem.objects.create(
                request=request,
                kind=ItemKind.CASE if is_case else ItemKind.COMMUNICATION,
                case=obj if is_case else None,
                communication=None if is_case else obj,
                fields=fields,
                files=files,
                label=catalogue.label_of(obj),
            )
        after = audit.snapshot(request, AUDITED)
        after["items"] = [
            [i.kind, str(i.target.pk), i.fields, i.files] for i in request.items.all()
        ]
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=request, changes=audit.diff(None, after)
        )
        peers.send_request(actor=actor, request=request)
        return request


def is_decider(user: Any, request: DisclosureRequest) -> bool:
    """The originator's contact point, to whom the request was sent."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.role == Role.CONTACT_POINT
        and user.agency_id == request.communication.recipient_agency_id
    )


def may_decide(user: User, request: DisclosureRequest) -> bool:
    return request.status == RequestStatus.PENDING and is_decider(user, request)


def _decide(
    actor: User,
    request: DisclosureRequest,
    payload: dict[str, str],
    body: str,
    record: dict[str, Any],
) -> DisclosureRequest:
    r: DisclosureRequest = (
        DisclosureRequest.objects.select_for_update(no_key=True)
        .select_related("communication")
        .get(pk=request.pk)
    )
    if not is_decider(actor, r):  # the permission first: others learn nothing of the state
        raise NotPermitted(
            "not_originator_contact_point",
            _("Only the originator's contact point may decide on this request."),
        )
    if r.status != RequestStatus.PENDING:
        raise DisclosureError("already_decided", _("This request has already been decided."))
    before = audit.snapshot(r, AUDITED)
    granted = payload["decision"] == "granted"
    subject = (
        _("Written consent to disclose (%(ref)s)")
        if granted
        else _("Refusal of consent to disclose (%(ref)s)")
    )
    reply = exchange.send_new(
        actor=actor,
        framework=r.framework,
        kind="disclosure_answer",
        subject=str(subject % {"ref": r.reference}),
        body=body,
        payload=payload,
        marking=Marking.SIDE,
        in_reply_to=r.communication,
        managed=True,
    )
    receipts.record_answered(actor=actor, communication=r.communication, reply=reply)
    for name, value in record.items():
        setattr(r, name, value)
    r.answer = reply
    r.decided_by = actor
    r.decided_at = reply.sent_at
    r.status = RequestStatus.GRANTED if granted else RequestStatus.REFUSED
    r.signed_decision = peers.sign_decision(r, reply.sent_at or timezone.now())
    r.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=r,
        changes=audit.diff(before, audit.snapshot(r, AUDITED)),
    )
    peers.send_decision(actor=actor, request=r)
    return r


def grant(
    *, actor: User, request: DisclosureRequest, expires_on: dt.date, conditions: str = ""
) -> DisclosureRequest:
    """Give the written consent, with conditions, valid until `expires_on` (inclusive)."""
    conditions = clean_text("conditions", conditions, limit=5000, required=False)
    if expires_on is None or expires_on < timezone.localdate():
        raise ValidationError({"expires_on": [str(_("Give a date from today on."))]})
    with transaction.atomic():
        reference = _new_reference("DC")
        record = {
            "conditions": conditions,
            "expires_on": expires_on,
            "consent_reference": reference,
        }
        payload = {
            "decision": "granted",
            "consent_reference": reference,
            "conditions": conditions,
            "expires_on": expires_on.isoformat(),
        }
        return _decide(actor, request, payload, conditions, record)


def refuse(*, actor: User, request: DisclosureRequest, reasons: str) -> DisclosureRequest:
    """Refuse the consent, with the reasons."""
    reasons = clean_text("reasons", reasons, limit=5000)
    with transaction.atomic():
        payload = {"decision": "refused", "reasons": reasons}
        return _decide(actor, request, payload, reasons, {"refusal_reason": reasons})


def may_export(user: User, request: DisclosureRequest) -> bool:
    return bool(
        may_request(user)
        and user.agency_id == request.originator_agency_id
        and request.consent_in_force()
    )


def export(*, actor: User, request: DisclosureRequest) -> Disclosure:
    """Make the export package for the third party under the consent, and record it in the
    ledger. Only the consented items, fields and files; withheld ones never."""
    request = DisclosureRequest.objects.get(pk=request.pk)
    if not may_request(actor) or actor.agency_id != request.originator_agency_id:
        raise NotPermitted(
            "not_requesting_agency", _("Only the requesting agency may export under a consent.")
        )
    if not request.consent_in_force():
        if request.status == RequestStatus.GRANTED:
            raise DisclosureError("consent_expired", _("The consent has expired."))
        raise DisclosureError("no_consent", _("There is no written consent for this request."))
    built = package.build(actor=actor, request=request)
    with transaction.atomic():
        r = DisclosureRequest.objects.select_for_update(no_key=True).get(pk=request.pk)
        if not r.consent_in_force():
            raise DisclosureError("no_consent", _("There is no written consent for this request."))
        disclosure = Disclosure(
            request=r,
            exported_by=actor,
            recipient=r.third_party,
            consent_reference=r.consent_reference,
            contents=built.contents,
            manifest=built.manifest,
            package_name=built.name,
            package_sha256=built.sha256,
        )
        disclosure.package.save(built.name, ContentFile(built.data), save=False)
        disclosure.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=disclosure,
            framework=r.framework,
            changes=audit.diff(
                None,
                {
                    "request_id": str(r.pk),
                    "consent_reference": r.consent_reference,
                    "recipient": disclosure.recipient,
                    "package_sha256": built.sha256,
                    "files": {f["name"]: f["sha256"] for f in built.manifest["files"]},
                },
            ),
        )
        return disclosure


def may_download(user: User, disclosure: Disclosure) -> bool:
    """Only the agency that made an export package may download it (the page and the API)."""
    return bool(user.agency_id == disclosure.request.originator_agency_id)


def record_download(*, actor: User, disclosure: Disclosure) -> None:
    """A download of a package or a consent: audited (it is the information leaving)."""
    with transaction.atomic():
        audit.record(
            actor=actor,
            action=AuditAction.OTHER,
            obj=disclosure,
            framework=disclosure.request.framework,
            changes={"downloaded": [None, disclosure.package_sha256]},
        )
