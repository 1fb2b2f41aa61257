"""The wire shapes of communications, their kinds and attachments."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic import BaseModel

from sswbridge.accounts.models import User
from sswbridge.exchange import federation as exchange_federation
from sswbridge.exchange import hooks
from sswbridge.exchange.models import Communication
from sswbridge.exchange.redaction import view_for
from sswbridge.exchange.schemas.mentions import IntermediaryNameOut, NewIntermediaryIn
from sswbridge.exchange.selectors import Folder

MarkingIn = Literal["agency", "side", "both"]


class KindChoiceOut(Schema):
    value: str
    label: str


class KindFieldOut(Schema):
    name: str
    label: str
    type: str
    required: bool
    required_if: list[str] | None
    max_length: int
    choices: list[KindChoiceOut]


class KindOut(Schema):
    key: str
    label: str
    clause: str
    needs_answer: bool
    answer_kinds: list[str]
    default_answer_days: int
    default_marking: str
    reply_only: bool
    fields: list[KindFieldOut]


class IntermediaryRefOut(Schema):
    """An intermediary a communication names (only those the reader may see)."""

    id: UUID
    kind: str
    country: str
    names: list[IntermediaryNameOut]

    @staticmethod
    def resolve_names(obj: Any) -> list[Any]:
        return list(obj.names.all())


class CommunicationOut(BaseModel):
    """A communication as its reader may see it, as `communication_out` builds it.

    A plain pydantic model filled from a dictionary, not a ninja `Schema` read attribute by
    attribute from the model: a page of a hundred is validated in a fraction of the time."""

    id: UUID
    version: int
    framework: str
    kind: str
    marking: str
    status: str
    subject: str
    body: str
    payload: dict[str, Any]
    originator_side: str
    originator_agency: str
    sender: str
    recipient_side: str
    recipient_agency: str
    in_reply_to: UUID | None
    supersedes: UUID | None
    due_date: dt.date | None
    sent_at: dt.datetime | None
    delivered_at: dt.datetime | None
    delivery: str | None = Field(
        None,
        description="To a side another node hosts: queued (until its signed receipt), "
        "delivered or refused; null otherwise",
    )
    last_attempt_at: dt.datetime | None = Field(
        None, description="The last attempt to deliver it to the other node"
    )
    first_opened_at: dt.datetime | None
    first_opened_by: str | None
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None
    answered_at: dt.datetime | None
    overdue: bool
    content_hash: str
    intermediaries: list[IntermediaryRefOut]
    withheld_fields: list[str] = Field(
        ..., description="Payload fields withheld by the originator (absent from `payload`)"
    )
    retracted: bool
    retracted_at: dt.datetime | None


def _username(user: User | None) -> str | None:
    return None if user is None else str(user.username)


def communication_out(
    reader: User, c: Communication, *, intermediaries: list[Any] | None = None
) -> dict[str, Any]:
    """`CommunicationOut` of `c` for `reader`. Subject, body, payload and the withheld fields
    come from `redaction.view_for`, the one place that hides withheld and retracted content
    from the other side; the intermediaries are those the reader may see (prefetched for a
    list by `selectors.with_mentions`, else read here; `intermediaries` when the caller
    knows them already)."""
    view = view_for(reader, c, attachments=[])  # attachments are not part of this schema
    delivery = None if view.other_side else exchange_federation.delivery_state(c)
    if view.retracted:
        intermediaries = []
    elif intermediaries is None:
        intermediaries = hooks.mentions().for_api(reader, c)
    return {
        "id": c.pk,
        "version": c.version,
        "framework": c.framework.code,
        "kind": c.kind,
        "marking": c.marking,
        "status": c.status,
        "subject": view.subject,
        "body": view.body,
        "payload": view.payload,
        "originator_side": c.originator_side.code,
        "originator_agency": c.originator_agency.code,
        "sender": c.sender_user.username if c.sender_user else c.sender_display,
        "recipient_side": c.recipient_side.code,
        "recipient_agency": c.recipient_agency.code,
        "in_reply_to": c.in_reply_to_id,
        "supersedes": c.supersedes_id,
        "due_date": c.due_date,
        "sent_at": c.sent_at,
        "delivered_at": c.delivered_at,
        "delivery": delivery.status if delivery else None,
        "last_attempt_at": delivery.last_attempt_at if delivery else None,
        "first_opened_at": c.first_opened_at,
        "first_opened_by": _username(c.first_opened_by) if c.first_opened_by_id else None,
        "acknowledged_at": c.acknowledged_at,
        "acknowledged_by": _username(c.acknowledged_by) if c.acknowledged_by_id else None,
        "answered_at": c.answered_at,
        "overdue": c.is_overdue(),
        "content_hash": c.content_hash,
        "intermediaries": intermediaries,
        "withheld_fields": [] if view.retracted else list(c.withheld_fields or []),
        "retracted": c.retracted_at is not None,
        "retracted_at": c.retracted_at,
    }


class CommunicationPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CommunicationOut]


class BoxFilterIn(Schema):
    folder: Folder = Folder.ALL
    kind: str = Field("", max_length=64)
    sent_from: dt.date | None = None
    sent_to: dt.date | None = None
    q: str = Field("", max_length=200)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


class CommunicationIn(Schema):
    framework: str = Field(..., max_length=32, description="Framework code, e.g. jp-kg")
    kind: str = Field(..., max_length=64)
    subject: str = Field(..., max_length=300)
    body: str = Field("", max_length=50_000)
    payload: dict[str, Any] = Field(default_factory=dict)
    marking: MarkingIn | None = None
    withheld_fields: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="Payload fields stored but never shown to the other side",
    )
    send: bool = Field(True, description="Send at once; false keeps a draft")
    intermediary_ids: list[UUID] = Field(
        default_factory=list,
        max_length=100,
        description="Intermediaries of the register that it names (same framework)",
    )
    new_intermediaries: list[NewIntermediaryIn] = Field(
        default_factory=list,
        max_length=20,
        description="Intermediaries it describes; created with its framework and marking",
    )


class AnswerIn(Schema):
    kind: str = Field(..., max_length=64)
    subject: str = Field(..., max_length=300)
    body: str = Field("", max_length=50_000)
    payload: dict[str, Any] = Field(default_factory=dict)
    marking: MarkingIn | None = None


class CorrectionIn(Schema):
    subject: str = Field(..., max_length=300)
    body: str = Field("", max_length=50_000)
    payload: dict[str, Any] = Field(default_factory=dict)
    marking: MarkingIn | None = None
    withheld_fields: list[str] | None = Field(
        None, max_length=50, description="Fields to withhold; null keeps the original's"
    )


class AttachmentOut(Schema):
    """An attachment; withheld from the caller, only `id`, `communication` and
    `withheld: true` are filled (the rest is null)."""

    id: UUID
    communication: UUID
    name: str | None
    content_type: str | None
    size: int | None
    sha256: str | None
    marking: str | None
    uploaded_at: dt.datetime | None
    download_url: str | None
    withheld: bool = False

    @staticmethod
    def resolve_communication(obj: Any) -> UUID:
        return obj.communication_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_name(obj: Any) -> str | None:
        return None if obj.original_name is None else str(obj.original_name)

    @staticmethod
    def resolve_uploaded_at(obj: Any) -> dt.datetime:
        return obj.created_at  # type: ignore[no-any-return]

    @staticmethod
    def resolve_download_url(obj: Any) -> str | None:
        if obj.original_name is None:  # withheld from the caller
            return None
        return f"/api/v1/exchange/attachments/{obj.pk}/download"
