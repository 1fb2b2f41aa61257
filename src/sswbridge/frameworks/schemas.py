from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


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
    titles: dict[str, str] = Field(..., description="{language: title} in other languages")
    partner_languages: list[str] = Field(..., description="BCP 47 tags")
    partner_scripts: list[str] = Field(..., description="ISO 15924 codes")
    legal_forms: list[dict[str, Any]] = Field(
        ..., description='[{"code": "llc", "names": {"en": …, "ru": …}}]'
    )

    @staticmethod
    def resolve_partner_country(obj: object) -> str:
        return obj.partner_side.country  # type: ignore[attr-defined,no-any-return]


class SSWFieldOut(Schema):
    code: str
    name_en: str
    name_ja: str
    names: dict[str, str] = Field(..., description="{language: name} in other languages")
    ssw2_open: bool
    active: bool
    sort_order: int


class SSWFieldIn(Schema):
    code: str
    name_en: str
    name_ja: str
    names: dict[str, str] = Field(default_factory=dict, description="{language: name}")
    ssw2_open: bool = False
    active: bool = True
    sort_order: int = 0


class SSWFieldPatch(Schema):
    name_en: str | None = None
    name_ja: str | None = None
    names: dict[str, str] | None = None
    ssw2_open: bool | None = None
    active: bool | None = None
    sort_order: int | None = None


class SideClosureOut(Schema):
    id: int
    name: str
    first_day: dt.date
    last_day: dt.date
    yearly: bool


class SideClosureIn(Schema):
    name: str = Field(max_length=200)
    first_day: dt.date
    last_day: dt.date
    yearly: bool = False


class SideCalendarOut(Schema):
    code: str
    country: str
    time_zone: str
    weekend_days: list[int] = Field(description="ISO weekday numbers, Monday 1 to Sunday 7.")
    closures: list[SideClosureOut]

    @staticmethod
    def resolve_closures(obj: object) -> list[object]:
        return list(obj.closures.all())  # type: ignore[attr-defined]


class SideCalendarPatch(Schema):
    time_zone: str | None = Field(None, max_length=64)
    weekend_days: list[int] | None = None
