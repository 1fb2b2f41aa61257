"""JSON of entity resolution: suggested duplicates, merges and "not the same"."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from ninja import Field, Schema


class MergeIntermediaryOut(Schema):
    id: UUID
    names: list[str]
    kind: str
    country: str
    status: str
    framework: str

    @staticmethod
    def resolve_names(obj: Any) -> list[str]:
        return [n.value for n in obj.names.all()]

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)


class SuggestionOut(Schema):
    target: MergeIntermediaryOut = Field(..., description="the older record, to keep")
    source: MergeIntermediaryOut = Field(..., description="the probable duplicate")
    score: float
    query_name: str
    matched_name: str
    identifiers: list[str]
    explanation: dict[str, Any]
    sentences: list[str]


class SuggestionListOut(Schema):
    count: int
    threshold: float
    items: list[SuggestionOut]


class SuggestionFilterIn(Schema):
    intermediary: UUID | None = Field(None, description="only the pairs of this record")


class MergeIn(Schema):
    target: UUID = Field(..., description="the record to keep (A)")
    source: UUID = Field(..., description="the record merged into it (B)")
    reason: str = Field(..., min_length=1, max_length=2000)


class UndoIn(Schema):
    reason: str = Field("", max_length=2000)


class DismissIn(Schema):
    first: UUID
    second: UUID
    reason: str = Field("", max_length=2000)


class DismissalOut(Schema):
    first: UUID = Field(..., alias="first_id")
    second: UUID = Field(..., alias="second_id")
    reason: str
    dismissed_by: str
    dismissed_at: dt.datetime

    @staticmethod
    def resolve_dismissed_by(obj: Any) -> str:
        return str(obj.dismissed_by.get_username())


class MergeOut(Schema):
    id: UUID
    framework: str
    target: MergeIntermediaryOut
    source: MergeIntermediaryOut
    reason: str
    score: float | None
    moved: dict[str, Any]
    merged_by: str
    merged_at: dt.datetime
    undone: bool
    undone_by: str | None
    undone_at: dt.datetime | None
    undo_reason: str
    restored: dict[str, Any]

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)

    @staticmethod
    def resolve_merged_by(obj: Any) -> str:
        return str(obj.merged_by.get_username())

    @staticmethod
    def resolve_undone(obj: Any) -> bool:
        return bool(obj.undone_at)

    @staticmethod
    def resolve_undone_by(obj: Any) -> str | None:
        return obj.undone_by.get_username() if obj.undone_by_id else None


class MergePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[MergeOut]
