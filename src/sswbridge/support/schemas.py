"""Schemas of the staff API for the support-organization register."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from ninja import Schema


class SupportOrganizationOut(Schema):
    id: UUID
    framework: str
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

    @staticmethod
    def resolve_framework(obj: object) -> str:
        return str(getattr(obj, "framework").code)  # noqa: B009


class SupportOrganizationPageOut(Schema):
    count: int
    items: list[SupportOrganizationOut]


class SupportChangeOut(Schema):
    registration_number: str
    change_type: str
    field: str
    before: str
    after: str


class SupportImportOut(Schema):
    id: UUID
    framework: str
    imported_by: str
    created_at: dt.datetime
    file_name: str
    file_sha256: str
    edition: str
    status: str
    rows_total: int
    rows_processed: int
    added: int
    removed: int
    changed: int
    error: str
    finished_at: dt.datetime | None
    communication_id: UUID | None
    published_at: dt.datetime | None

    @staticmethod
    def resolve_framework(obj: object) -> str:
        return str(getattr(obj, "framework").code)  # noqa: B009

    @staticmethod
    def resolve_imported_by(obj: object) -> str:
        user = getattr(obj, "imported_by")  # noqa: B009
        return str(user.get_username()) if user is not None else ""


class SupportImportDetailOut(SupportImportOut):
    changes: list[SupportChangeOut]

    @staticmethod
    def resolve_changes(obj: object) -> list[object]:
        from sswbridge.support.selectors import changes_of

        return list(changes_of(obj))  # type: ignore[arg-type]


class ListIn(Schema):
    q: str = ""
    limit: int = 100
    offset: int = 0
