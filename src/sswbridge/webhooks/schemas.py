"""The webhooks API's input and output."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class EndpointIn(Schema):
    url: str = Field(..., max_length=500, description="An https:// address outside private ranges.")
    event_types: list[str] = Field(
        ..., min_length=1, description="Kinds of record, as the event feed's `types` lists them."
    )
    description: str = Field("", max_length=200)


class EndpointOut(Schema):
    id: int
    url: str
    description: str
    event_types: list[str]
    active: bool
    agency: str = Field(..., alias="agency.code")
    created_at: dt.datetime
    deactivated_at: dt.datetime | None


class EndpointCreatedOut(EndpointOut):
    secret: str = Field(
        ..., description="The signing secret (`whsec_...`), shown this once: keep it."
    )


class AttemptOut(Schema):
    number: int
    at: dt.datetime
    status_code: int | None
    error: str
    duration_ms: int


class DeliveryOut(Schema):
    id: int
    message_id: str = Field(..., description="The `webhook-id` header of every try.")
    event_cursor: int
    event_type: str
    payload: dict[str, object]
    status: str
    attempts: int
    next_attempt_at: dt.datetime | None
    last_status_code: int | None
    last_error: str
    created_at: dt.datetime
    delivered_at: dt.datetime | None
    attempt_log: list[AttemptOut]
