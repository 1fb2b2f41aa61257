from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class PeriodOut(Schema):
    kind: str
    label: str
    clock: str
    framework: str | None = Field(None, description="Framework code; null: every framework.")
    days: int
    source: str = Field(description="default, all (every framework) or framework.")


class PeriodIn(Schema):
    kind: str
    framework: str | None = None
    days: int | None = Field(None, description="Null: go back to the default.")


class ErasureOut(Schema):
    kind: str
    object_type: str
    object_id: str
    framework: str
    fields: dict[str, dict[str, str]]
    period_days: int
    reference_date: dt.date
    erased_at: dt.datetime
