"""API schemas of the improvement-order register."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from sswbridge.exchange.schemas import ReceiptOut


class PageIn(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


class ImprovementOrderIn(Schema):
    framework: str = Field(..., max_length=32)
    order_date: dt.date
    organization_name: str = Field(..., max_length=300)
    organization_name_en: str = Field("", max_length=300)
    address: str = Field(..., max_length=500)
    representative: str = Field(..., max_length=300)
    legal_basis: str = Field(..., max_length=500)
    measures: str = Field(..., max_length=5000)
    improvement_deadline: dt.date | None = None


class ImprovementOrderOut(Schema):
    id: UUID
    framework: str
    order_date: dt.date
    organization_name: str
    organization_name_en: str
    address: str
    representative: str
    legal_basis: str
    measures: str
    improvement_deadline: dt.date | None
    outcome: str
    outcome_recorded_at: dt.datetime | None
    notice: ReceiptOut | None

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)

    @staticmethod
    def resolve_notice(obj: Any) -> Any:
        return getattr(obj, "notice", None)


class ImprovementOutcomeIn(Schema):
    outcome: str = Field(..., max_length=5000)
