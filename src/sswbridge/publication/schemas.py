"""Schemas of the public API (/api/v1/public): only published data."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from ninja import Schema


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


class SendingOrganizationPublicOut(Schema):
    id: UUID
    name_ky: str
    name_ru: str
    name_en: str
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
