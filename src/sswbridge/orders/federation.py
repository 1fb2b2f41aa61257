"""The register of improvement orders over the federation (issue 14, 6.3, 7.5).

Japan keeps the register on its node. When another node hosts the partner's side, an order
(as Japan publishes it) and each later change of it (its outcome) travel as an envelope of
kind `orders.register_notice`, carrying only what the portals publish: not who recorded it.
The receiving node keeps a copy in the same table (same id, `originator_side` Japan's,
`recorded_by` empty), published there on receipt as on one node, so its portal, search and
verify read it as their own. A later notice updates the copy when its `version` is newer.

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
from sswbridge.frameworks.models import Side
from sswbridge.orders.models import ImprovementOrder
from sswbridge.publication import services as publishing
from sswbridge.publication.models import Publication

KIND = "orders.register_notice"
# What the portals publish of an order: the only fields that travel.
TEXT_FIELDS = (
    "organization_name",
    "organization_name_en",
    "address",
    "representative",
    "legal_basis",
    "measures",
    "outcome",
)
AUDITED = (
    "framework_id",
    "originator_side_id",
    "version",
    "order_date",
    "improvement_deadline",
    *TEXT_FIELDS,
)


def other_side(order: ImprovementOrder) -> Side:
    return order.framework.partner_side


def federated(order: ImprovementOrder) -> bool:
    """Whether the partner's side of the order's framework is hosted by another node."""
    return not hosting.hosts(order.framework, other_side(order))


def _utc(value: Any) -> str | None:
    return receipts.timestamp(value) if value is not None else None


def entry_of(order: ImprovementOrder) -> dict[str, Any]:
    """The order as the portals publish it."""
    return {
        "id": str(order.pk),
        "version": order.version,
        "from_agency": describe_agency(order.originator_agency),
        "order_date": order.order_date.isoformat(),
        "improvement_deadline": (
            order.improvement_deadline.isoformat() if order.improvement_deadline else None
        ),
        "outcome_recorded_at": _utc(order.outcome_recorded_at),
        **{name: getattr(order, name) for name in TEXT_FIELDS},
    }


def send(
    *, actor: User | None, order: ImprovementOrder, communication: Communication | None = None
) -> Envelope:
    """Queue the notice of the order (or of its change) to the partner's node, in the
    caller's transaction."""
    fields = {
        "entry": entry_of(order),
        "communication": str(communication.pk) if communication is not None else None,
    }
    return federation.enqueue(
        order.framework,
        other_side(order),
        KIND,
        fields,
        from_side=order.originator_side,
        actor=actor,
    )


def changed(*, actor: User, order: ImprovementOrder) -> Envelope | None:
    """A published order changed (its outcome): tell the partner's node."""
    if not federated(order):
        return None
    return send(actor=actor, order=order)


# --- receiving -----------------------------------------------------------------------------


def _notices(envelope: Envelope) -> QuerySet[Communication]:
    """The communication the notice names, when it has arrived here (it travels first)."""
    notice = envelope.payload.get("communication")
    if not notice:
        return Communication.objects.none()
    return Communication.objects.filter(pk=str(notice))


def _text(entry: dict[str, Any], name: str) -> str:
    value = entry.get(name) or ""
    limit = getattr(ImprovementOrder._meta.get_field(name), "max_length", None)
    if not isinstance(value, str) or (limit is not None and len(value) > limit):
        raise handlers.Rejected(f"{name}: not a text of at most {limit} characters")
    return value


def _date(entry: dict[str, Any], name: str, *, required: bool) -> Any:
    value = entry.get(name)
    date = parse_date(value) if isinstance(value, str) and value else None
    if date is None and (required or value):
        raise handlers.Rejected(f"{name}: not a date")
    return date


def _copy(envelope: Envelope, entry: dict[str, Any]) -> ImprovementOrder:
    values: dict[str, Any] = {name: _text(entry, name) for name in TEXT_FIELDS}
    values["order_date"] = _date(entry, "order_date", required=True)
    values["improvement_deadline"] = _date(entry, "improvement_deadline", required=False)
    recorded = entry.get("outcome_recorded_at")
    values["outcome_recorded_at"] = receipts.parse_timestamp(recorded) if recorded else None
    version = int(entry["version"])
    order: ImprovementOrder | None = (
        ImprovementOrder.objects.select_for_update(no_key=True).filter(pk=entry["id"]).first()
    )
    if order is not None and (
        order.framework_id != envelope.framework_id
        or order.originator_side_id != envelope.from_side_id
    ):
        raise handlers.Rejected("this order is not the sending node's")
    if order is not None and order.version >= version:
        return order  # an older notice arriving late: the copy is newer already
    before = audit.snapshot(order, AUDITED) if order is not None else None
    if order is None:
        order = ImprovementOrder(
            id=entry["id"],
            framework=envelope.framework,
            originator_side=envelope.from_side,
            originator_agency=peer_agency(envelope, entry["from_agency"]),
            marking=Marking.PUBLIC,
            recorded_by=None,
        )
    for name, value in values.items():
        setattr(order, name, value)
    order.version = version
    order.save()
    audit.record(
        actor=None,
        action=AuditAction.UPDATE if before else AuditAction.CREATE,
        obj=order,
        side_code=envelope.to_side.code,
        changes={
            **audit.diff(before, audit.snapshot(order, AUDITED)),
            "envelope": str(envelope.pk),
        },
    )
    return order


def _link_notice(envelope: Envelope, order: ImprovementOrder) -> Communication | None:
    notice = _notices(envelope).filter(improvement_order__isnull=True).first()
    if notice is not None and order.communication_id is None:
        order.communication = notice
        order.save(update_fields=["communication"])
    return notice


def receive(envelope: Envelope) -> None:
    """On the partner's node: the copy of the order, published on receipt the first time."""
    if envelope.from_side_id == envelope.framework.partner_side_id:
        raise handlers.Rejected("Japan keeps the register of improvement orders")
    try:
        order = _copy(envelope, envelope.payload["entry"])
        notice = _link_notice(envelope, order)
    except (KeyError, TypeError, ValueError, AttributeError, ValidationError) as error:
        raise handlers.Rejected(f"not a register notice: {error!r}"[:300]) from None
    portal = publishing.portal_of(envelope.to_side)
    if not Publication.objects.filter(portal=portal, improvement_order=order).exists():
        publishing.on_receipt(
            framework=envelope.framework,
            recipient_side=envelope.to_side,
            communication_id=notice.pk if notice is not None else None,
            item=publishing.order_item(order),
        )


def register() -> None:
    """Called once from the app's ready()."""
    handlers.register(KIND, received=receive)
