from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema


class ReadOut(Schema):
    at: dt.datetime
    reader: str
    reader_agency: str
    reader_side: str
    object_type: str
    object_id: UUID
    parent_id: UUID | None
    action: str
    channel: str

    @staticmethod
    def resolve_reader(obj: Any) -> str:
        return str(obj.user.username)

    @staticmethod
    def resolve_reader_agency(obj: Any) -> str:
        return str(obj.agency.code)

    @staticmethod
    def resolve_reader_side(obj: Any) -> str:
        return str(obj.agency.side.code)


class ReadPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ReadOut]


class ReadFilterIn(Schema):
    object_type: Literal["", "communication", "attachment", "case", "evidence"] = ""
    object_id: UUID | None = None
    reader: str = Field("", max_length=150)
    limit: int = Field(100, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)
