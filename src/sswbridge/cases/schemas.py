from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

from sswbridge.cases import selectors

MarkingIn = Literal["agency", "side", "both"]
SubjectTypeIn = Literal["intermediary", "sending_organization", "exam_fraud", "other"]
StatusIn = Literal["open", "under_investigation", "awaiting_other_side", "closed"]
OutcomeIn = Literal["substantiated", "not_substantiated", "referred", "no_action"]


def _username(user: Any) -> str | None:
    return str(user.username) if user is not None else None


class CaseOut(Schema):
    id: UUID
    reference: str
    framework: str
    title: str
    description: str
    subject_type: str
    intermediary: UUID | None
    sending_organization: UUID | None
    status: str
    marking: str
    originator_side: str
    originator_agency: str
    owner: str
    outcome: str
    decision: str
    decided_by: str | None
    decided_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)

    @staticmethod
    def resolve_intermediary(obj: Any) -> UUID | None:
        return obj.intermediary_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_sending_organization(obj: Any) -> UUID | None:
        return obj.sending_organization_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_originator_side(obj: Any) -> str:
        return str(obj.originator_side.code)

    @staticmethod
    def resolve_originator_agency(obj: Any) -> str:
        return str(obj.originator_agency.code)

    @staticmethod
    def resolve_owner(obj: Any) -> str:
        return str(obj.owner.username)

    @staticmethod
    def resolve_decided_by(obj: Any) -> str | None:
        return _username(obj.decided_by)


class CasePageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[CaseOut]


class TaskOut(Schema):
    id: UUID
    title: str
    owner: str
    due_date: dt.date | None
    status: str
    created_at: dt.datetime
    done_at: dt.datetime | None
    done_by: str | None

    @staticmethod
    def resolve_owner(obj: Any) -> str:
        return str(obj.owner.username)

    @staticmethod
    def resolve_done_by(obj: Any) -> str | None:
        return _username(obj.done_by)


class NoteOut(Schema):
    id: UUID
    author: str
    text: str
    created_at: dt.datetime

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author.username)


class EvidenceOut(Schema):
    id: UUID
    original_name: str
    content_type: str
    size: int
    sha256: str
    uploaded_by: str
    uploaded_at: dt.datetime

    @staticmethod
    def resolve_uploaded_by(obj: Any) -> str:
        return str(obj.uploaded_by.username)


class LinkOut(Schema):
    case: UUID
    communication: UUID
    linked_by: str
    created_at: dt.datetime

    @staticmethod
    def resolve_case(obj: Any) -> UUID:
        return obj.case_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_communication(obj: Any) -> UUID:
        return obj.communication_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_linked_by(obj: Any) -> str:
        return str(obj.linked_by.username)


class TimelineItemOut(Schema):
    at: dt.datetime
    kind: str
    label: str
    actor: str
    text: str
    object_id: str


class CaseDetailOut(CaseOut):
    tasks: list[TaskOut]
    notes: list[NoteOut]
    evidence: list[EvidenceOut]
    communications: list[UUID] = Field(
        ..., description="The case's communications that the caller may see"
    )

    @staticmethod
    def resolve_tasks(obj: Any) -> list[Any]:
        return list(selectors.tasks_of(obj))

    @staticmethod
    def resolve_notes(obj: Any) -> list[Any]:
        return list(selectors.notes_of(obj))

    @staticmethod
    def resolve_evidence(obj: Any) -> list[Any]:
        return list(selectors.evidence_of(obj))

    @staticmethod
    def resolve_communications(obj: Any, context: Any) -> list[UUID]:
        user = context["request"].auth
        return [c.pk for c in selectors.communications_of(user, obj)]


class CaseFilterIn(Schema):
    status: StatusIn | None = None
    subject_type: SubjectTypeIn | None = None
    q: str = Field("", max_length=200)
    communication: UUID | None = Field(None, description="Only the case this communication is in")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


class CaseIn(Schema):
    framework: str = Field(..., max_length=32, description="Framework code, e.g. jp-kg")
    title: str = Field(..., max_length=300)
    subject_type: SubjectTypeIn
    description: str = Field("", max_length=50_000)
    intermediary: UUID | None = None
    sending_organization: UUID | None = None
    marking: MarkingIn | None = Field(None, description="Default: side (internal work)")
    owner: str | None = Field(None, max_length=150, description="Username; default: you")


class StatusChangeIn(Schema):
    status: StatusIn


class CloseIn(Schema):
    outcome: OutcomeIn
    decision: str = Field(..., max_length=50_000)


class TaskIn(Schema):
    title: str = Field(..., max_length=300)
    owner: str | None = Field(None, max_length=150, description="Username; default: you")
    due_date: dt.date | None = None


class NoteIn(Schema):
    text: str = Field(..., max_length=50_000)


class LinkIn(Schema):
    communication_id: UUID
