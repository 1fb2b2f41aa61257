from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

SubjectIn = Literal["a", "b", "c", "d", "e", "f"]


class ConsultationIn(Schema):
    framework: str = Field(max_length=32)
    title: str = Field(max_length=300)
    kind: Literal["periodic", "ad_hoc"]
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    place: str = Field("", max_length=300)
    video_link: str = Field("", max_length=500)
    marking: Literal["side", "both"] = "both"


class ConsultationOut(Schema):
    id: UUID
    framework: str
    title: str
    kind: str
    status: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    video_link: str
    marking: str
    originator_side: str
    version: int


class ConsultationPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[ConsultationOut]


class ConsultationPageIn(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


class StatusIn(Schema):
    status: Literal["held", "cancelled"]


class ParticipantIn(Schema):
    side: str = Field(max_length=8, description="side code, e.g. JP or KG")
    name: str = Field(max_length=300)
    position: str = Field("", max_length=300)
    agency: str | None = Field(None, max_length=32, description="agency code")


class ParticipantOut(Schema):
    id: UUID
    side: str
    name: str
    position: str
    agency: str | None


class AgendaItemIn(Schema):
    title: str = Field(max_length=300)
    subjects: list[SubjectIn] = []
    is_dispute: bool = False
    description: str = Field("", max_length=100_000)
    case_ids: list[UUID] = []
    intermediary_ids: list[UUID] = []
    sending_organization_ids: list[UUID] = []
    communication_ids: list[UUID] = []


class AgendaItemOut(Schema):
    id: UUID
    number: int
    title: str
    subjects: list[str]
    is_dispute: bool
    description: str
    outcome: str
    raised_by_side: str
    case_ids: list[UUID]
    intermediary_ids: list[UUID]
    sending_organization_ids: list[UUID]
    communication_ids: list[UUID]


class OutcomeIn(Schema):
    outcome: str = Field(max_length=100_000)


class MinutesIn(Schema):
    text: str = Field(max_length=100_000)


class ApprovalSignatureOut(Schema):
    """The approval signed by the key of the node hosting that side, checked now."""

    key_id: str
    signed_at: dt.datetime | None
    verified: bool
    act: dict[str, Any]
    signature: str


class ApprovalOut(Schema):
    side: str
    approved_by: str | None = Field(description="Empty when approved on the other side's node.")
    approved_at: dt.datetime
    signature: ApprovalSignatureOut | None


class MinutesOut(Schema):
    id: UUID
    number: int
    text: str
    side: str
    author: str | None = Field(description="Empty when drafted on the other side's node.")
    created_at: dt.datetime
    approvals: list[ApprovalOut]


class ActionItemIn(Schema):
    title: str = Field(max_length=300)
    owner_agency: str = Field(max_length=32, description="agency code")
    due_date: dt.date
    description: str = Field("", max_length=100_000)
    agenda_item: UUID | None = None


class ActionUpdateIn(Schema):
    status: Literal["in_progress", "done", "cancelled"]
    progress_note: str = Field("", max_length=100_000)


class ActionItemOut(Schema):
    id: UUID
    consultation: UUID
    agenda_item: UUID | None
    title: str
    description: str
    owner_side: str
    owner_agency: str
    due_date: dt.date
    status: str
    progress_note: str
    done_at: dt.datetime | None


class ConsultationDetailOut(ConsultationOut):
    participants: list[ParticipantOut]
    agenda: list[AgendaItemOut]
    minutes: list[MinutesOut]
    minutes_approved: bool
    action_items: list[ActionItemOut]
