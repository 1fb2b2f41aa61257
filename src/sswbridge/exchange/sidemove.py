"""What the exchange tells `side export` (federation/sidemove): a communication sent to the
other side, and its files, are held by both sides whatever their marking."""

from __future__ import annotations

from django.db.models import Q

from sswbridge.exchange.models import CommunicationStatus
from sswbridge.federation.sidemove import registry


def register() -> None:
    registry.shared("exchange.communication", lambda: Q(status=CommunicationStatus.SENT))
    registry.shared(
        "exchange.attachment", lambda: Q(communication__status=CommunicationStatus.SENT)
    )
