"""Every write to the improvement-order register (clauses 6.3 and 7.5).

Japan's registrars record an order to an accepting organization; it is published on Japan's
portal and sent to the partner as a notice in the same transaction, and published on the
partner's portal on receipt.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sswbridge.accounts.models import Role
from sswbridge.audit import services as audit
from sswbridge.audit.models import AuditAction
from sswbridge.core.models import Marking
from sswbridge.frameworks.models import Framework
from sswbridge.publication import services as publishing
from sswbridge.registry import notices
from sswbridge.registry.models import ImprovementOrder
from sswbridge.registry.services import NotPermitted, _text

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


def may_order(user: Any, framework: Framework | None = None) -> bool:
    """A registrar of Japan records improvement orders (in a framework they take part in)."""
    if not (getattr(user, "is_authenticated", False) and user.role == Role.REGISTRAR):
        return False
    if not user.is_japan:
        return False
    return framework is None or Framework.objects.visible_to(user).filter(pk=framework.pk).exists()


def _require(actor: Any, framework: Framework) -> None:
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


def record_order(
    *,
    actor: Any,
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
        "organization_name": _text(organization_name, "organization_name", 300),
        "organization_name_en": _text(
            organization_name_en, "organization_name_en", 300, required=False
        ),
        "address": _text(address, "address", 500),
        "representative": _text(representative, "representative", 300),
        "legal_basis": _text(legal_basis, "legal_basis", 500),
        "measures": _text(measures, "measures", TEXT_MAX, lines=True),
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
        notices.send_improvement_order_notice(actor=actor, order=order)
        return order


def record_outcome(*, actor: Any, order: ImprovementOrder, outcome: str) -> ImprovementOrder:
    """Record what came of the order (the organization improved, or further measures)."""
    outcome = _text(outcome, "outcome", TEXT_MAX, lines=True)
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
        return item
