"""The improvement-order register's API (6.3, 7.5), under /api/v1/registry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from sswbridge.core.api import ERRORS, auth_user, error, run
from sswbridge.exchange.selectors import communication_for
from sswbridge.exchange.services import ExchangeError
from sswbridge.frameworks.models import Framework
from sswbridge.orders import services
from sswbridge.orders.models import ImprovementOrder
from sswbridge.orders.schemas import (
    ImprovementOrderIn,
    ImprovementOrderOut,
    ImprovementOutcomeIn,
    PageIn,
)

router = Router(tags=["orders"])
ORDER = {200: ImprovementOrderOut, **ERRORS}


def _not_found(message: str) -> Status[Any]:
    return Status(404, error("not_found", message))


def _run(action: Callable[[], Any], *, status: int = 200) -> Status[Any]:
    return run(action, refused=PermissionDenied, conflicts=(ExchangeError,), status=status)


def _with_notice(request: HttpRequest, order: ImprovementOrder) -> ImprovementOrder:
    notice = None
    if order.communication_id:
        notice = communication_for(auth_user(request), order.communication_id)
    order.notice = notice  # type: ignore[attr-defined]
    return order


def _order(request: HttpRequest, order_id: UUID) -> ImprovementOrder | None:
    found: ImprovementOrder | None = (
        services.improvement_orders_for(auth_user(request)).filter(pk=order_id).first()
    )
    return found


@router.get(
    "/improvement-orders",
    response=list[ImprovementOrderOut],
    operation_id="orders_list_improvement_orders",
)
def list_improvement_orders(request: HttpRequest, page: Query[PageIn]) -> Any:
    items = services.improvement_orders_for(auth_user(request))
    window = items[page.offset : page.offset + page.limit]
    return [_with_notice(request, o) for o in window]


@router.post(
    "/improvement-orders",
    response={201: ImprovementOrderOut, **ERRORS},
    operation_id="orders_record_improvement_order",
)
def record_order(request: HttpRequest, payload: ImprovementOrderIn) -> Any:
    """Record an order (Japan's registrars): published in Japan, sent to the partner."""
    values = payload.dict()
    code = values.pop("framework").replace("\x00", "")
    framework = Framework.objects.visible_to(auth_user(request)).filter(code=code).first()
    if framework is None:
        return _not_found(_("No such framework."))
    return _run(
        lambda: _with_notice(
            request,
            services.record_order(actor=auth_user(request), framework=framework, **values),
        ),
        status=201,
    )


@router.get(
    "/improvement-orders/{order_id}", response=ORDER, operation_id="orders_get_improvement_order"
)
def get_improvement_order(request: HttpRequest, order_id: UUID) -> Any:
    """One order, with the receipt of its notice to the partner."""
    order = _order(request, order_id)
    if order is None:
        return _not_found(_("No such improvement order."))
    return _with_notice(request, order)


@router.post(
    "/improvement-orders/{order_id}/outcome",
    response=ORDER,
    operation_id="orders_record_improvement_order_outcome",
)
def record_outcome(request: HttpRequest, order_id: UUID, payload: ImprovementOutcomeIn) -> Any:
    order = _order(request, order_id)
    if order is None:
        return _not_found(_("No such improvement order."))
    return _run(
        lambda: _with_notice(
            request,
            services.record_outcome(actor=auth_user(request), order=order, outcome=payload.outcome),
        )
    )
