"""The wire shapes of retraction and of requests for withheld content."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from ninja import Field, Schema


class RetractIn(Schema):
    reason: str = Field(..., max_length=1000)


class ReleaseRequestIn(Schema):
    field: str = Field("", max_length=64, description="A withheld payload field, or")
    attachment_id: UUID | None = Field(None, description="a withheld attachment")
    reason: str = Field(..., max_length=2000)


class ReleaseDecisionIn(Schema):
    release: bool
    note: str = Field("", max_length=2000)


class ReleaseRequestOut(Schema):
    id: int
    communication: UUID
    field: str
    attachment: UUID | None
    reason: str
    requested_by: str
    requested_at: dt.datetime
    status: str
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str

    @staticmethod
    def resolve_communication(obj: Any) -> UUID:
        return obj.communication_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_attachment(obj: Any) -> UUID | None:
        return obj.attachment_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_requested_by(obj: Any) -> str:
        # Empty for a request that came from the other node (its requester is not known here).
        return str(obj.requested_by.username) if obj.requested_by_id else ""

    @staticmethod
    def resolve_decided_by(obj: Any) -> str | None:
        return obj.decided_by.username if obj.decided_by_id else None
