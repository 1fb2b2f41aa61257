from __future__ import annotations

import datetime as dt
from uuid import UUID

from ninja import Schema


class IntermediaryNameOut(Schema):
    value: str
    script: str
    language: str


class IntermediaryOut(Schema):
    id: UUID
    framework: str
    kind: str
    country: str
    marking: str
    originator_side: str
    originator_agency: str
    names: list[IntermediaryNameOut]
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


class SendingOrganizationOut(Schema):
    id: UUID
    framework: str
    name_en: str
    name_ru: str
    name_ky: str
    registration_number: str
    tax_number: str
    address: str
    status: str
    marking: str

    @staticmethod
    def resolve_framework(obj: object) -> str:
        return obj.framework.code  # type: ignore[attr-defined,no-any-return]
