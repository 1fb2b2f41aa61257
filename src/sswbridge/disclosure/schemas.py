"""Schemas of /api/v1/disclosure."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from ninja import Field, Schema


class ItemIn(Schema):
    kind: str
    id: UUID
    fields: list[str] = []
    files: list[UUID] = []


class RequestIn(Schema):
    third_party_type: str
    third_party_name: str
    purpose: str
    items: list[ItemIn]


class GrantIn(Schema):
    expires_on: dt.date
    conditions: str = ""


class RefuseIn(Schema):
    reasons: str


class ItemOut(Schema):
    kind: str
    id: UUID | None = Field(description="Empty when this node does not hold the item.")
    label: str
    fields: list[str]
    files: list[str]


class DecisionSignatureOut(Schema):
    """The decision signed by the key of the node hosting the deciding side, checked now."""

    key_id: str
    signed_at: dt.datetime | None
    verified: bool
    act: dict[str, Any]
    signature: str


class RequestOut(Schema):
    id: UUID
    reference: str
    framework: str
    requesting_side: str
    requesting_agency: str
    owner_side: str
    third_party_type: str
    third_party_name: str
    purpose: str
    status: str
    communication: UUID
    answer: UUID | None
    decided_at: dt.datetime | None
    conditions: str
    expires_on: dt.date | None
    refusal_reason: str
    consent_reference: str
    consent_in_force: bool
    decision_signature: DecisionSignatureOut | None
    items: list[ItemOut]
    created_at: dt.datetime


class DisclosureOut(Schema):
    id: UUID
    request: UUID
    consent_reference: str
    exported_by: str
    exported_by_agency: str
    recipient: str
    contents: list[dict[str, Any]]
    manifest: dict[str, Any]
    package_name: str
    package_sha256: str
    created_at: dt.datetime


class FieldChoiceOut(Schema):
    name: str
    label: str


class FileChoiceOut(Schema):
    id: str
    name: str
    size: int
    sha256: str


class ChoicesOut(Schema):
    kind: str
    id: UUID
    fields: list[FieldChoiceOut]
    files: list[FileChoiceOut]
