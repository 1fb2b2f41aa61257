"""Schemas of the public API (/api/v1/public), only published data, and of the registrars'
publication queue and settings (/api/v1/registry/publications, publication/api/queue.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal
from uuid import UUID

from ninja import Field, Schema
from pydantic.config import JsonDict


class PortalOut(Schema):
    code: str
    name: str
    languages: list[str]


class SupportOrganizationPublicOut(Schema):
    registration_number: str
    registration_date: dt.date | None
    name: str
    postal_code: str
    address: str
    telephone: str
    representative: str
    office_name: str
    office_postal_code: str
    office_address: str
    support_details: str
    support_start_date: dt.date | None
    languages: str
    notes: str
    listed: bool
    delisted_at: dt.datetime | None


class PublicSupportOrganizationPageOut(Schema):
    count: int
    updated_at: dt.datetime | None
    licence: str
    items: list[SupportOrganizationPublicOut]


class StatusStepOut(Schema):
    date: dt.date | None
    status: str
    status_label: str
    reason: str


class NameOut(Schema):
    value: str
    script: str = Field(..., description="ISO 15924, e.g. Cyrl, Latn")
    language: str = Field(..., description="BCP 47, e.g. ky, ru; may be empty")


DEPRECATED: JsonDict = {"deprecated": True}


class SendingOrganizationPublicOut(Schema):
    id: UUID
    name_en: str
    names: list[NameOut] = Field(..., description="its names in other languages and scripts")
    name_ky: str = Field(
        ...,
        description="Deprecated: the first Kyrgyz name of `names`",
        json_schema_extra=DEPRECATED,
    )
    name_ru: str = Field(
        ...,
        description="Deprecated: the first Russian name of `names`",
        json_schema_extra=DEPRECATED,
    )
    registration_number: str
    address: str
    status: str
    status_date: dt.date | None
    reason: str
    published_at: dt.datetime | None


class SendingOrganizationPublicDetailOut(SendingOrganizationPublicOut):
    history: list[StatusStepOut]


class PublicSendingOrganizationPageOut(Schema):
    count: int
    updated_at: dt.datetime | None
    licence: str
    items: list[SendingOrganizationPublicOut]


class ImprovementOrderPublicOut(Schema):
    id: UUID
    order_date: dt.date
    organization_name: str
    organization_name_en: str
    address: str
    representative: str
    legal_basis: str
    measures: str
    improvement_deadline: dt.date | None
    outcome: str
    published_at: dt.datetime | None


class ImprovementOrderPageOut(Schema):
    count: int
    updated_at: dt.datetime | None
    licence: str
    items: list[ImprovementOrderPublicOut]


class VerifyEntryOut(Schema):
    register_key: str
    name: str
    other_names: list[str]
    number: str
    status: str
    status_date: dt.date | None
    reason: str
    good: bool
    verdict: str
    url: str


class PublicVerifyOut(Schema):
    query: str
    found: bool
    entries: list[VerifyEntryOut]


# --- the registrars' queue and settings ----------------------------------------------------


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


class PublicationOut(Schema):
    id: int
    framework: str
    portal: str
    # Not "register": that name shadows pydantic's BaseModel.register.
    register_name: str
    status: str
    sending_organization: UUID | None
    to_status: str | None
    improvement_order: UUID | None
    communication: UUID | None
    created_at: dt.datetime
    published_at: dt.datetime | None
    published_by: str | None

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)

    @staticmethod
    def resolve_register_name(obj: Any) -> str:
        return str(obj.register)

    @staticmethod
    def resolve_sending_organization(obj: Any) -> UUID | None:
        return obj.sending_organization_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_to_status(obj: Any) -> str | None:
        return obj.status_change.to_status if obj.status_change_id else None

    @staticmethod
    def resolve_improvement_order(obj: Any) -> UUID | None:
        return obj.improvement_order_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_communication(obj: Any) -> UUID | None:
        return obj.communication_id  # type: ignore[no-any-return]

    @staticmethod
    def resolve_published_by(obj: Any) -> str | None:
        return _username(obj.published_by)


class PublicationFilterIn(Schema):
    status: Literal["", "pending", "published"] = ""
    portal: str = Field("", max_length=8)
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=10_000_000)


class PublicationPageOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[PublicationOut]


class PublicationSettingsIn(Schema):
    auto_publish_on_receipt: bool


class PublicationSettingsOut(Schema):
    framework: str
    side: str
    auto_publish_on_receipt: bool

    @staticmethod
    def resolve_framework(obj: Any) -> str:
        return str(obj.framework.code)

    @staticmethod
    def resolve_side(obj: Any) -> str:
        return str(obj.side.code)
