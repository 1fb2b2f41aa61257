"""The wire shapes of the exchange's notifications and their preferences."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from ninja import Field, Schema


class NotificationOut(Schema):
    id: int
    communication: UUID
    event: str
    text: str
    created_at: dt.datetime
    read_at: dt.datetime | None

    @staticmethod
    def resolve_communication(obj: Any) -> UUID:
        return obj.communication_id  # type: ignore[no-any-return]


class NotificationPageOut(Schema):
    count: int
    unread: int
    items: list[NotificationOut]


class NotificationPreferenceSchema(Schema):
    kind: str = Field(..., max_length=64)
    email: bool = True
    in_app: bool = True


class MarkedReadOut(Schema):
    marked_read: int
