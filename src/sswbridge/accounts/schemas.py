from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class MeOut(Schema):
    username: str
    email: str
    first_name: str
    last_name: str
    role: str
    agency: str
    side: str
    frameworks: list[str]


class ApiTokenIn(Schema):
    name: str = Field("", max_length=100)


class ApiTokenOut(Schema):
    id: int
    name: str
    key_prefix: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class ApiTokenCreatedOut(ApiTokenOut):
    key: str = Field(description="The raw token. It is shown only in this response.")
