from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema

from sswbridge.audit.models import AuditAction


class AuditFilterIn(Schema):
    actor: str | None = Field(None, max_length=200, description="Part of the actor's username.")
    action: AuditAction | None = None
    # Not `examples=`: on a query parameter, OpenAPI 3.1 wants a map of Example Objects there.
    object_type: str | None = Field(
        None, max_length=100, description="A model label, such as `registry.intermediary`."
    )
    object_id: str | None = Field(None, max_length=64)
    framework: str | None = Field(None, max_length=32, description="A framework code.")
    date_from: dt.date | None = Field(None, description="First day, inclusive.")
    date_to: dt.date | None = Field(None, description="Last day, inclusive.")
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


class AuditEntryOut(Schema):
    seq: int
    created_at: dt.datetime
    actor_id: int | None
    actor_label: str
    side_code: str
    agency_code: str
    framework_code: str
    action: str
    object_type: str
    object_id: str
    changes: Any
    prev_hash: str
    entry_hash: str


class AuditEntryPage(Schema):
    count: int
    items: list[AuditEntryOut]


class VerifyOut(Schema):
    ok: bool
    verified: int
    broken_seq: int | None
    reason: str
