"""The register of sending organizations over the federation (issue 14, 6.1, 6.2, 7.2, 7.4).

The partner keeps the register on its node. When another node hosts Japan's side, each
published step (approval, suspension, revocation, expiry) and each correction of a published
organization travels as an envelope of kind `sending.register_notice`, carrying the entry as
the portals publish it (names, numbers, contacts, fields, status) and nothing else: not the
representatives, the permit, the examination, the decision's reasons or who decided. The
receiving node keeps a copy in the same tables (same id, `originator_side` the peer's), so
its portal, search and verify read it as they read their own; a step is published there on
receipt, as on one node. A later notice of the same entry updates the copy when its
`version` is newer (the order of the partner's changes, whatever the order of arrival).

With every side hosted here (the default single node) none of this runs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.dateparse import parse_date

from sswbridge.accounts.models import User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.models import Marking
from sswbridge.exchange.federation import describe_agency, peer_agency
from sswbridge.exchange.models import Communication
from sswbridge.federation import handlers, hosting, receipts
from sswbridge.federation import services as federation
from sswbridge.federation.models import Envelope
from sswbridge.frameworks.models import Side, SSWField
from sswbridge.publication import services as publishing
from sswbridge.sending.models import SendingOrganization, SendingOrganizationStatus, StatusChange
from sswbridge.sending.public import PUBLIC_REASONS
from sswbridge.sending.services.names import clean_names, names_of, set_names

KIND = "sending.register_notice"
# What the portals publish of an organization: the only fields that travel.
PUBLIC_FIELDS = (
    "name_en",
    "legal_form",
    "registration_number",
    "tax_number",
    "address",
    "phone",
    "email",
    "website",
)
AUDITED = ("framework_id", "originator_side_id", "status", "version", *PUBLIC_FIELDS)
CHANGE_AUDITED = ("organization_id", "from_status", "to_status", "effective_date", "reason")


def other_side(org: SendingOrganization) -> Side:
    return next(s for s in org.framework.sides() if s.pk != org.originator_side_id)


def federated(org: SendingOrganization) -> bool:
    """Whether the other side of `org`'s framework is hosted by another node."""
    return not hosting.hosts(org.framework, other_side(org))


def entry_of(org: SendingOrganization) -> dict[str, Any]:
    """The organization as its portal publishes it."""
    return {
        "id": str(org.pk),
        "version": org.version,
        "from_agency": describe_agency(org.originator_agency),
        "status": org.status,
        "ssw_fields": sorted(f.code for f in org.ssw_fields.all()),
        **{name: getattr(org, name) for name in PUBLIC_FIELDS},
        "names": names_of(org),
    }


def change_of(change: StatusChange) -> dict[str, Any]:
    return {
        "from_status": change.from_status,
        "to_status": change.to_status,
        "effective_date": change.effective_date.isoformat(),
        "reason": change.reason if change.to_status in PUBLIC_REASONS else "",
        "at": receipts.timestamp(change.at),
    }


def send(
    *,
    actor: User | None,
    organization: SendingOrganization,
    change: StatusChange | None = None,
    communication: Communication | None = None,
) -> Envelope:
    """Queue the notice of a published step (`change`) or of a correction (no change) to the
    node hosting the other side, in the caller's transaction."""
    org = organization
    fields = {
        "entry": entry_of(org),
        "change": change_of(change) if change is not None else None,
        "communication": str(communication.pk) if communication is not None else None,
    }
    return federation.enqueue(
        org.framework, other_side(org), KIND, fields, from_side=org.originator_side, actor=actor
    )


def correction(*, actor: User, organization: SendingOrganization) -> Envelope | None:
    """A published organization's details were corrected: tell the other node's portal."""
    if organization.marking != Marking.PUBLIC or not federated(organization):
        return None
    return send(actor=actor, organization=organization)


# --- receiving -----------------------------------------------------------------------------


def _notices(envelope: Envelope) -> QuerySet[Communication]:
    """The communication the notice names, when it has arrived here (it travels first)."""
    notice = envelope.payload.get("communication")
    if not notice:
        return Communication.objects.none()
    return Communication.objects.filter(pk=str(notice))


def _text(entry: dict[str, Any], name: str) -> str:
    value = entry.get(name) or ""
    limit = getattr(SendingOrganization._meta.get_field(name), "max_length", None)
    if not isinstance(value, str) or (limit is not None and len(value) > limit):
        raise handlers.Rejected(f"{name}: not a text of at most {limit} characters")
    return value


def _status(value: Any) -> str:
    if value not in SendingOrganizationStatus.values:
        raise handlers.Rejected(f"unknown status {value!r}")
    return str(value)


def _copy(envelope: Envelope, entry: dict[str, Any]) -> SendingOrganization:
    """The copy of the peer's entry, made or brought up to the entry's version."""
    values = {name: _text(entry, name) for name in PUBLIC_FIELDS}
    # `names` [{value, script, language}]; a node of an older release sends name_ky, name_ru
    legacy = {key: entry[key] for key in ("name_ky", "name_ru") if key in entry}
    names = clean_names(entry.get("names") or [], legacy, [])
    status, version = _status(entry["status"]), int(entry["version"])
    org: SendingOrganization | None = (
        SendingOrganization.objects.select_for_update(no_key=True).filter(pk=entry["id"]).first()
    )
    if org is not None and (
        org.framework_id != envelope.framework_id or org.originator_side_id != envelope.from_side_id
    ):
        raise handlers.Rejected("this organization is not the sending node's")
    if org is not None and org.version >= version:
        return org  # an older notice arriving late: the copy is newer already
    before = _snapshot(org) if org is not None else None
    if org is None:
        org = SendingOrganization(
            id=entry["id"],
            framework=envelope.framework,
            originator_side=envelope.from_side,
            originator_agency=peer_agency(envelope, entry["from_agency"]),
            marking=Marking.PUBLIC,
        )
    for name, value in values.items():
        setattr(org, name, value)
    org.status, org.version = status, version
    org.save()
    set_names(org, names)
    org.ssw_fields.set(SSWField.objects.filter(code__in=list(entry.get("ssw_fields") or [])))
    audit.record(
        actor=None,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        obj=org,
        side_code=envelope.to_side.code,
        changes={
            **audit.diff(before, _snapshot(org)),
            "envelope": str(envelope.pk),
        },
    )
    return org


def _snapshot(org: SendingOrganization) -> dict[str, Any]:
    values = audit.snapshot(org, AUDITED)
    values["names"] = [f"{n['language']}: {n['value']}" for n in names_of(org)]
    return values


def _step(envelope: Envelope, org: SendingOrganization, step: dict[str, Any]) -> StatusChange:
    effective = parse_date(step["effective_date"])
    if effective is None:
        raise handlers.Rejected("effective_date: not a date")
    to_status = _status(step["to_status"])
    notice = _notices(envelope)
    change = StatusChange.objects.create(
        organization=org,
        from_status=_status(step["from_status"]) if step.get("from_status") else "",
        to_status=to_status,
        effective_date=effective,
        reason=str(step.get("reason") or "") if to_status in PUBLIC_REASONS else "",
        at=receipts.parse_timestamp(step["at"]),
        actor=None,
        communication=notice.filter(status_change__isnull=True).first(),
    )
    audit.record(
        actor=None,
        action=AuditAction.CREATE,
        obj=change,
        framework=envelope.framework,
        side_code=envelope.to_side.code,
        changes={
            **audit.diff(None, audit.snapshot(change, CHANGE_AUDITED)),
            "envelope": str(envelope.pk),
        },
    )
    publishing.on_receipt(
        framework=envelope.framework,
        recipient_side=envelope.to_side,
        communication_id=change.communication_id,
        item=publishing.status_change_item(change),
    )
    return change


def receive(envelope: Envelope) -> None:
    """On the node hosting Japan's side: the copy of the entry, and the step published."""
    if envelope.from_side_id != envelope.framework.partner_side_id:
        raise handlers.Rejected("the partner keeps the register of sending organizations")
    try:
        org = _copy(envelope, envelope.payload["entry"])
        step = envelope.payload.get("change")
        if step:
            _step(envelope, org, step)
    except (KeyError, TypeError, ValueError, AttributeError, ValidationError) as error:
        raise handlers.Rejected(f"not a register notice: {error!r}"[:300]) from None


def register() -> None:
    """Called once from the app's ready()."""
    handlers.register(KIND, received=receive)
