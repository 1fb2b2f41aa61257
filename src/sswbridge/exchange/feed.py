"""The exchange's events in the feed (audit/feed.py): a communication sent, opened,
acknowledged, answered, corrected or retracted. A draft makes none: it is news to nobody."""

from __future__ import annotations

from typing import Any

from sswbridge.audit import feed
from sswbridge.audit.models import AuditAction
from sswbridge.exchange.models import Communication, CommunicationStatus

RECEIPTS = (
    ("first_opened_at", "opened"),
    ("acknowledged_at", "acknowledged"),
    ("answered_at", "answered"),
    ("retracted_at", "retracted"),
    ("superseded", "corrected"),
)


def _became(changes: dict[str, Any], name: str) -> Any:
    change = changes.get(name)
    return change[1] if isinstance(change, list) and len(change) == 2 else None


def classify(action: str, changes: dict[str, Any]) -> str | None:
    if _became(changes, "status") == CommunicationStatus.SENT:
        return "sent"
    if action != AuditAction.UPDATE:
        return None
    for name, event in RECEIPTS:
        if _became(changes, name):
            return event
    return None


def register() -> None:
    feed.register(
        "exchange.communication",
        "communication",
        visible=lambda user, ids: (
            Communication.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
        ),
        classify=classify,
    )
