"""Retention of the representatives named in improvement orders (and in their notice to the
partner): the eraser this app registers with the retention catalogue (retention/erasers.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone

from sswbridge.exchange import erasure as exchange_erasure
from sswbridge.orders.models import ImprovementOrder
from sswbridge.retention import erasers
from sswbridge.retention.catalogue import RetentionKind


def _orders(before: dt.date) -> Iterator[erasers.Candidate]:
    rows = (
        ImprovementOrder.objects.filter(order_date__lte=before)
        .exclude(representative="")
        .select_related("framework", "originator_side")
        .order_by("order_date")
    )
    for order in rows:
        yield erasers.Candidate(
            RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE, order, order.order_date
        )


def _erase_order(order: ImprovementOrder) -> dict[str, dict[str, str]]:
    ImprovementOrder.objects.filter(pk=order.pk).update(
        representative="", updated_at=timezone.now()
    )
    # The notice to the partner carried the representative in its details.
    if order.communication_id is None:
        return erasers.fields_of(RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE)
    # Erased here, and on the other node when it holds a copy (issue 14).
    exchange_erasure.erase(order.communication_id, payload=["representative"])
    return erasers.fields_of(RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE)


def register() -> None:
    erasers.register(RetentionKind.IMPROVEMENT_ORDER_REPRESENTATIVE, _orders, _erase_order)
