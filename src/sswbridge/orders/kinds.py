"""The improvement orders' kind of communication: the notice of an order to an accepting
organization (6.3, 7.5). Registered from `OrdersConfig.ready()`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sswbridge.exchange.kinds import CommunicationKind, PayloadField, register_kind

IMPROVEMENT_ORDER_NOTICE = CommunicationKind(
    key="improvement_order_notice",
    label=_("Notice of an improvement order to an accepting organization"),
    clause="6.3, 7.5",
    managed=True,
    fields=(
        PayloadField("organization", _("Accepting organization"), required=True, max_length=300),
        PayloadField("address", _("Address"), required=True, max_length=500),
        PayloadField("representative", _("Representative"), required=True, max_length=300),
        PayloadField("order_date", _("Date of the order"), required=True, max_length=10),
        PayloadField("legal_basis", _("Legal basis"), required=True, max_length=500),
        PayloadField("measures", _("Measures ordered"), required=True, max_length=5000),
        PayloadField("improvement_deadline", _("Deadline for improvement"), max_length=10),
    ),
)


def register() -> None:
    """Positions: see the table in docs/architecture.md ("Kinds and hooks")."""
    register_kind(IMPROVEMENT_ORDER_NOTICE, position=150)
