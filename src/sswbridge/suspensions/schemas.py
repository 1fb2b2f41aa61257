from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

StatusIn = Literal["ssw_i", "ssw_ii"]
SituationIn = Literal["under_review", "may_remain", "may_not_remain"]


class SuspensionIn(Schema):
    framework: str = Field(max_length=32)
    field: str = Field(max_length=64, description="SSW field code")
    starts_on: dt.date
    legal_basis: str = Field(max_length=2000)
    scope: str = Field(max_length=2000)


class SuspensionOut(Schema):
    id: UUID
    framework: str
    field: str
    starts_on: dt.date
    lifted_on: dt.date | None
    legal_basis: str
    scope: str
    communication: UUID


class LiftIn(Schema):
    lifted_on: dt.date


class DependantIn(Schema):
    relation: Literal["spouse", "child"]
    name: str = Field(max_length=300)
    date_of_birth: dt.date | None = None


class DependantOut(Schema):
    id: UUID
    relation: str
    name: str
    date_of_birth: dt.date | None


class PersonIn(Schema):
    name: str = Field(max_length=300)
    status_of_residence: StatusIn
    employer: str = Field(max_length=300)
    residence_situation: SituationIn = "under_review"
    situation_note: str = Field("", max_length=10_000)
    dependants: list[DependantIn] = []
    nationality: str = Field("", max_length=100)
    passport_number: str = Field("", max_length=40)
    residence_card_number: str = Field("", max_length=40)
    date_of_birth: dt.date | None = None
    field: str | None = Field(
        None, max_length=64, description="SSW field code; the suspension's field when omitted"
    )
    contact: str = Field("", max_length=300)


class PersonPatch(Schema):
    residence_situation: SituationIn
    situation_note: str = Field("", max_length=10_000)
    status_of_residence: StatusIn | None = None


class PersonOut(Schema):
    id: UUID
    suspension: UUID = Field(alias="suspension_id")
    name: str
    status_of_residence: str
    employer: str
    residence_situation: str
    situation_note: str
    dependants: list[DependantOut]
    nationality: str
    passport_number: str
    residence_card_number: str
    date_of_birth: dt.date | None
    field: str | None = Field(None, description="SSW field code")
    contact: str

    @staticmethod
    def resolve_field(obj: Any) -> str | None:
        return obj.field.code if obj.field_id else None


class UploadOut(Schema):
    created: int
    persons: list[PersonOut]


class TravelDocumentIn(Schema):
    issuing_mission: str = Field(max_length=200)
    requested_on: dt.date


class TravelDocumentProgressIn(Schema):
    status: Literal["issued", "departed", "cancelled"]
    on: dt.date
    document_number: str = Field("", max_length=40, description="needed when issued")


class TravelDocumentOut(Schema):
    id: UUID
    person: UUID = Field(alias="person_id")
    kind: str
    status: str
    issuing_mission: str
    document_number: str
    requested_on: dt.date
    issued_on: dt.date | None
    departed_on: dt.date | None
    cancelled_on: dt.date | None


class SuspensionDetailOut(SuspensionOut):
    persons: list[PersonOut]


class ReturnRequestIn(Schema):
    assistance: str = Field(max_length=2000)
    dependant_ids: list[UUID] = []


class ProgressIn(Schema):
    status: Literal["received", "passport_issued", "departed", "closed"]
    on: dt.date


class ReturnRequestOut(Schema):
    id: UUID
    framework: str
    person: UUID
    person_name: str
    dependants: list[UUID]
    assistance: str
    communication: UUID
    status: str
    requested_on: dt.date
    received_on: dt.date | None
    passport_issued_on: dt.date | None
    departed_on: dt.date | None
    closed_on: dt.date | None
    age_days: int
