from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema

# The shapes a communication carries (exchange/schemas/mentions.py), shared with the register.
from sswbridge.exchange.schemas.mentions import IdentifierTypeIn as IdentifierTypeIn
from sswbridge.exchange.schemas.mentions import IntermediaryIdentifierIn as IntermediaryIdentifierIn
from sswbridge.exchange.schemas.mentions import IntermediaryNameIn as IntermediaryNameIn
from sswbridge.exchange.schemas.mentions import IntermediaryNameOut as IntermediaryNameOut
from sswbridge.exchange.schemas.mentions import KindIn as KindIn
from sswbridge.exchange.schemas.mentions import NewIntermediaryIn as NewIntermediaryIn
from sswbridge.exchange.schemas.mentions import ScriptIn as ScriptIn

RelationIn = Literal["director", "founder", "representative", "employee", "other"]
RegisterMarkingIn = Literal["agency", "side", "both"]


class IntermediaryIn(NewIntermediaryIn):
    framework: str = Field(..., max_length=32, description="Framework code, e.g. jp-kg")
    marking: RegisterMarkingIn = "both"


class IntermediaryPatch(Schema):
    kind: KindIn | None = None
    country: str | None = Field(None, max_length=2)
    notes: str | None = Field(None, max_length=10_000)
    marking: RegisterMarkingIn | None = None


class IntermediaryLinkIn(Schema):
    person: UUID = Field(..., description="id of an individual intermediary")
    relation: RelationIn


class PageIn(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


class IntermediaryFilterIn(Schema):
    q: str = Field("", max_length=200, description="any name or identifier")
    kind: KindIn | None = None
    country: str = Field("", max_length=2)
    framework: str = Field("", max_length=32)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


class IntermediaryIdentifierOut(Schema):
    type: str
    value: str
    normalized: str
    country: str


class LinkedIntermediaryOut(Schema):
    id: UUID
    kind: str
    names: list[IntermediaryNameOut]

    @staticmethod
    def resolve_names(obj: Any) -> list[Any]:
        return list(obj.names.all())


class IntermediaryLinkOut(Schema):
    id: UUID
    relation: str
    intermediary: LinkedIntermediaryOut
    person: LinkedIntermediaryOut

    @staticmethod
    def resolve_intermediary(obj: Any) -> Any:
        return obj.from_intermediary

    @staticmethod
    def resolve_person(obj: Any) -> Any:
        return obj.to_intermediary


class IntermediaryOut(Schema):
    id: UUID
    framework: str
    kind: str
    country: str
    marking: str
    originator_side: str
    originator_agency: str
    notes: str
    version: int
    names: list[IntermediaryNameOut]
    identifiers: list[IntermediaryIdentifierOut]
    created_at: dt.datetime

    @staticmethod
    def resolve_framework(obj: object) -> str:
        return obj.framework.code  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_originator_side(obj: object) -> str:
        return obj.originator_side.code  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_originator_agency(obj: object) -> str:
        return obj.originator_agency.code  # type: ignore[attr-defined,no-any-return]

    @staticmethod
    def resolve_names(obj: object) -> list[object]:
        return list(obj.names.all())  # type: ignore[attr-defined]

    @staticmethod
    def resolve_identifiers(obj: object) -> list[object]:
        return list(obj.identifiers.all())  # type: ignore[attr-defined]


class IntermediaryPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[IntermediaryOut]


class IntermediaryDetailOut(IntermediaryOut):
    """One intermediary with its linked people, both ways."""

    people: list[IntermediaryLinkOut]
    linked_to: list[IntermediaryLinkOut]
