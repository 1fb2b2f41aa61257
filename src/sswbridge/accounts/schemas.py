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
    language: str = Field(description="Interface language chosen for mail; empty: the site's.")
    time_zone: str = Field(description="The user's own time zone; empty: the side's.")
    effective_time_zone: str = Field(description="The zone times are shown in to this user.")


class MePatch(Schema):
    language: str | None = Field(None, max_length=8)
    time_zone: str | None = Field(None, max_length=64)


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
