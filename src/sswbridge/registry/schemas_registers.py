"""API schemas of publication."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


class PublicationOut(Schema):
    id: int
    framework: str
    portal: str
    # Not "register": that name shadows pydantic's BaseModel.register.
    register_name: str
    status: str
    sending_organization: UUID | None
    to_status: str | None
    improvement_order: UUID | None
    communication: UUID | None
    created_at: dt.datetime
    published_at: dt.datetime | None
    published_by: str | None

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)

    @staticmethod
    def resolve_register_name(obj: Any) -> str:
        return str(obj.register)

    @staticmethod
    def resolve_sending_organization(obj: Any) -> UUID | None:
        return obj.sending_organization_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_to_status(obj: Any) -> str | None:
        return obj.status_change.to_status if obj.status_change_id else None

    @staticmethod
    def resolve_improvement_order(obj: Any) -> UUID | None:
        return obj.improvement_order_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_communication(obj: Any) -> UUID | None:
        return obj.communication_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_published_by(obj: Any) -> str | None:
        return _username(obj.published_by)


class PublicationFilterIn(Schema):
    status: Literal["", "pending", "published"] = ""
    portal: str = Field("", max_length=8)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


class PublicationPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[PublicationOut]


class PublicationSettingsIn(Schema):
    auto_publish_on_receipt: bool


class PublicationSettingsOut(Schema):
    framework: str
    side: str
    auto_publish_on_receipt: bool

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)

    @staticmethod
    def resolve_side(obj: Any) -> str:
        return str(obj.side.code)
