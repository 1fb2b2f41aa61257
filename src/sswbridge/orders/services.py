"""Every write to the improvement-order register (clauses 6.3 and 7.5), and its reads.

Japan's registrars record an order to an accepting organization; it is published on Japan's
portal and sent to the partner as a notice in the same transaction, and published on the
partner's portal on receipt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role, User
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.cleaning import clean_text
from sswbridge.core.models import Marking
from sswbridge.exchange import services as exchange
from sswbridge.exchange.models import Communication
from sswbridge.frameworks.models import Framework
from sswbridge.orders import federation as register_notices
from sswbridge.orders.models import ImprovementOrder
from sswbridge.publication import services as publishing

TEXT_MAX = 5000
AUDITED = (
    "framework_id",
    "order_date",
    "organization_name",
    "organization_name_en",
    "address",
    "representative",
    "legal_basis",
    "measures",
    "improvement_deadline",
    "outcome",
    "marking",
)


class NotPermitted(PermissionDenied):
    """The user may not record or change orders; `code` is machine-readable."""

    def __init__(self, code: str, message: str | Promise) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = str(message)


def improvement_orders_for(user: User | AnonymousUser) -> QuerySet[ImprovementOrder]:
    """The orders `user` may read, with what their lists show."""
    return ImprovementOrder.objects.visible_to(user).select_related(
        "framework", "recorded_by", "communication"
    )


def may_order(user: User | AnonymousUser, framework: Framework | None = None) -> bool:
    """A registrar of Japan records improvement orders (in a framework they take part in)."""
    if not isinstance(user, User) or user.role != Role.REGISTRAR:
        return False
    if not user.is_japan:
        return False
    return framework is None or Framework.objects.visible_to(user).filter(pk=framework.pk).exists()


def _require(actor: User, framework: Framework) -> None:
    if not may_order(actor, framework):
        raise NotPermitted(
            "not_japan_registrar", _("Only a registrar of Japan records improvement orders.")
        )


def _date(value: Any, field: str, *, required: bool) -> dt.date | None:
    if value in (None, ""):
        if required:
            raise ValidationError({field: [str(_("This field is required."))]})
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise ValidationError({field: [str(_("Give a date."))]})
    date: dt.date = value
    return date


def _send_notice(*, actor: User, order: ImprovementOrder) -> Communication:
    """Tell the partner of an improvement order to an accepting organization (6.3)."""
    payload = {
        "organization": order.organization_name,
        "address": order.address,
        "representative": order.representative,
        "order_date": order.order_date.isoformat(),
        "legal_basis": order.legal_basis,
        "measures": order.measures,
        "improvement_deadline": (
            order.improvement_deadline.isoformat() if order.improvement_deadline else ""
        ),
    }
    name = order.organization_name
    if order.organization_name_en:
        name = f"{name} ({order.organization_name_en})"
    communication = exchange.send_new(
        actor=actor,
        framework=order.framework,
        kind="improvement_order_notice",
        subject=_("Improvement order to an accepting organization: %(name)s") % {"name": name},
        body=order.measures,
        payload=payload,
        marking=Marking.BOTH,
        managed=True,
    )
    order.communication = communication
    order.save(update_fields=["communication"])
    if register_notices.federated(order):  # the partner's node publishes it on arrival
        register_notices.send(actor=actor, order=order, communication=communication)
        return communication
    publishing.on_receipt(
        framework=communication.framework,
        recipient_side=communication.recipient_side,
        communication_id=communication.pk,
        item=publishing.order_item(order),
    )
    return communication


def record_order(
    *,
    actor: User,
    framework: Framework,
    order_date: dt.date,
    organization_name: str,
    address: str,
    representative: str,
    legal_basis: str,
    measures: str,
    organization_name_en: str = "",
    improvement_deadline: dt.date | None = None,
) -> ImprovementOrder:
    """Record an order, publish it in Japan and notify the partner (6.3)."""
    ordered = _date(order_date, "order_date", required=True)
    deadline = _date(improvement_deadline, "improvement_deadline", required=False)
    values: dict[str, Any] = {
        "order_date": ordered,
        "organization_name": clean_text(
            "organization_name", organization_name, limit=300, line=True
        ),
        "organization_name_en": clean_text(
            "organization_name_en", organization_name_en, limit=300, required=False, line=True
        ),
        "address": clean_text("address", address, limit=500, line=True),
        "representative": clean_text("representative", representative, limit=300, line=True),
        "legal_basis": clean_text("legal_basis", legal_basis, limit=500, line=True),
        "measures": clean_text("measures", measures, limit=TEXT_MAX),
        "improvement_deadline": deadline,
    }
    if deadline and ordered and deadline < ordered:
        raise ValidationError(
            {"improvement_deadline": [str(_("The deadline cannot be before the order."))]}
        )
    with transaction.atomic():
        _require(actor, framework)
        order = ImprovementOrder.objects.create(
            framework=framework,
            originator_side=actor.agency.side,
            originator_agency=actor.agency,
            marking=Marking.PUBLIC,
            recorded_by=actor,
            **values,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=order,
            changes=audit.diff(None, audit.snapshot(order, AUDITED)),
        )
        publishing.publish_own(actor=actor, framework=framework, item=publishing.order_item(order))
        _send_notice(actor=actor, order=order)
        return order


def record_outcome(*, actor: User, order: ImprovementOrder, outcome: str) -> ImprovementOrder:
    """Record what came of the order (the organization improved, or further measures)."""
    outcome = clean_text("outcome", outcome, limit=TEXT_MAX)
    with transaction.atomic():
        item: ImprovementOrder = (
            ImprovementOrder.objects.select_for_update(no_key=True)
            .select_related("framework")
            .get(pk=order.pk)
        )
        _require(actor, item.framework)
        before = audit.snapshot(item, AUDITED)
        item.outcome, item.outcome_recorded_at = outcome, timezone.now()
        item.version += 1
        item.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=item,
            changes=audit.diff(before, audit.snapshot(item, AUDITED)),
        )
        register_notices.changed(actor=actor, order=item)
        return item
