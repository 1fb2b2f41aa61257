"""`GET /api/v1/events`: the event feed over JSON (audit/feed.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from sswbridge.audit import feed
from sswbridge.core.api import auth_user

router = Router(tags=["events"])


class EventsIn(Schema):
    after: int = Field(
        0,
        ge=0,
        description="The cursor: `next` of the page before (0, the default, reads from the start).",
    )
    limit: int = Field(50, ge=1, le=200, description="Events per page at most.")


class EventOut(Schema):
    cursor: int = Field(..., description="This event's place in the feed.")
    type: str = Field(..., description="`<record>.<what>`, e.g. `communication.sent`.")
    occurred_at: dt.datetime
    framework: str = Field(..., description="The framework's code, empty for none.")
    object_type: str = Field(..., description="The record's kind, e.g. `exchange.communication`.")
    object_id: str


class EventPage(Schema):
    events: list[EventOut]
    next: int = Field(..., description="Send as `after` to read on.")
    more: bool = Field(..., description="Whether entries follow `next` (ask again at once).")
    types: list[str] = Field(..., description="The kinds of record this feed reports on.")


@router.get("", response=EventPage, operation_id="events_list_events")
def list_events(request: HttpRequest, query: Query[EventsIn]) -> dict[str, Any]:
    """What changed, in order, among the records you may see now: communications sent to you,
    their receipts, register entries, consents, consultations and their action items. Each
    event names the record; fetch it to see what it holds. Keep `next` and ask again with it
    as `after`: no event is shown twice or skipped, even while others write."""
    events, cursor = feed.page(auth_user(request), query.after, query.limit)
    return {
        "events": events,
        "next": cursor,
        "more": feed.more_after(cursor),
        "types": feed.event_types(),
    }
