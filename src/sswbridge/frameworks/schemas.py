from __future__ import annotations

import datetime as dt

from ninja import Schema


class FrameworkOut(Schema):
    code: str
    title: str
    title_ja: str
    partner_country: str
    japan_signing_place: str
    japan_signing_date: dt.date | None
    partner_signing_place: str
    partner_signing_date: dt.date | None
    commencement: dt.date | None
    status: str

    @staticmethod
    def resolve_partner_country(obj: object) -> str:
        return obj.partner_side.country  # type: ignore[attr-defined,no-any-return]


class SSWFieldOut(Schema):
    code: str
    name_en: str
    name_ja: str
    ssw2_open: bool
    active: bool
    sort_order: int


class SSWFieldIn(Schema):
    code: str
    name_en: str
    name_ja: str
    ssw2_open: bool = False
    active: bool = True
    sort_order: int = 0


class SSWFieldPatch(Schema):
    name_en: str | None = None
    name_ja: str | None = None
    ssw2_open: bool | None = None
    active: bool | None = None
    sort_order: int | None = None
