"""Demo data of improvement orders: one order sent to the partner, published on its receipt.
Idempotent: nothing is made twice. All names are invented."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sswbridge.accounts.models import User
from sswbridge.frameworks.models import Framework
from sswbridge.orders import services as order_services
from sswbridge.orders.models import ImprovementOrder
from sswbridge.publication import services as publishing

ORDER: dict[str, Any] = {
    "order_date": dt.date(2026, 2, 16),
    "organization_name": "株式会社みどり精工（デモ）",
    "organization_name_en": "Midori Seiko Co., Ltd. (demo)",
    "address": "群馬県前橋市（デモ）",
    "representative": "佐藤 一郎",
    "legal_basis": "Immigration Control Act, Article 19-21, paragraph 1",
    "measures": "Pay the overdue wages of the specified skilled workers and report the "
    "measures taken (demo).",
    "improvement_deadline": dt.date(2026, 3, 31),
}


def _order(framework: Framework, jp_registrar: User | None, kg_registrar: User | None) -> None:
    """The Kyrgyz side publishes Japan's notices on receipt; Japan records the order. With
    two nodes (`serve --demo --nodes 2`) each does its part on its own node, and the order
    travels as a register notice to the Kyrgyz node, which publishes it on its portal."""
    exists = ImprovementOrder.objects.filter(
        framework=framework, organization_name=ORDER["organization_name"]
    ).exists()
    if exists or (jp_registrar is None and kg_registrar is None):
        return
    if kg_registrar is not None:
        kg = kg_registrar.agency.side
        if not publishing.settings_for(framework, kg).auto_publish_on_receipt:
            publishing.update_settings(
                actor=kg_registrar, framework=framework, auto_publish_on_receipt=True
            )
    if jp_registrar is not None:
        order_services.record_order(actor=jp_registrar, framework=framework, **ORDER)


def load(users: dict[str, User]) -> None:
    jp_kg = Framework.objects.get(code="jp-kg")
    kg_registrar = users.get("kg-registrar")
    _order(jp_kg, users.get("jp-registrar"), kg_registrar)
