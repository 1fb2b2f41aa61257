from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema


class SignatureOut(Schema):
    """A side's consent signed by the key of the node hosting that side (docs/federation.md,
    "Consents and the lifecycle's acts"): `act` and `signature` as signed, checked now."""

    key_id: str
    signed_at: dt.datetime | None
    verified: bool
    act: dict[str, Any]
    signature: str


class ConsentOut(Schema):
    side: str
    communication: UUID
    given_by: str | None = Field(description="Empty when given on the other side's node.")
    given_at: dt.datetime
    signature: SignatureOut | None


class AmendmentOut(Schema):
    id: UUID
    framework: str
    proposal: UUID
    proposed_by_side: str
    clauses: str
    new_text: str
    status: str
    in_force_from: dt.date | None
    created_at: dt.datetime
    consents: list[ConsentOut]
    signed_by_both: bool = Field(
        description="Both sides consented and both signatures verify (clause 9)."
    )


class TextOut(Schema):
    id: UUID
    framework: str
    number: int
    in_force_from: dt.date
    text: str
    amendment: UUID | None
    consents: list[ConsentOut]


class TextSummaryOut(Schema):
    id: UUID
    number: int
    in_force_from: dt.date
    amendment: UUID | None


class NoticeOut(Schema):
    id: UUID
    framework: str
    given_by_side: str
    communication: UUID
    received_on: dt.date | None = Field(
        description="Empty while the other node's signed receipt is awaited."
    )
    termination_date: dt.date | None
    awaiting_receipt: bool
    receipt: dict[str, Any] | None = Field(
        description="The signed delivery receipt of the node hosting the other side."
    )
    status: str
    withdrawal_request: UUID | None
    withdrawal_consent: UUID | None
    withdrawn_on: dt.date | None


class ReviewOut(Schema):
    id: UUID
    framework: str = Field(alias="framework.code")
    review_date: dt.date
    title: str
    status: str
    outcome: str


class LifecycleOut(Schema):
    framework: str
    status: str
    commencement: dt.date | None
    review_due: dt.date | None
    termination_date: dt.date | None
    days_left: int | None
    text_in_force: int | None
    texts: list[TextSummaryOut]
    amendments: list[AmendmentOut]
    notices: list[NoticeOut]
    reviews: list[ReviewOut]


class ReviewIn(Schema):
    review_date: dt.date
    title: str = Field(max_length=300)
    status: Literal["planned", "done"] = "planned"
    outcome: str = Field("", max_length=100_000)


class ReviewOutcomeIn(Schema):
    outcome: str = Field(max_length=100_000)


class SignedTextIn(Schema):
    text: str = Field(max_length=100_000)


class AmendmentIn(Schema):
    new_text: str = Field(max_length=100_000)
    clauses: str = Field("", max_length=300)
    explanation: str = Field("", max_length=50_000)


class NoticeIn(Schema):
    explanation: str = Field("", max_length=50_000)
