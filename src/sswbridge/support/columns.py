"""The columns of Japan's published list, and how a header cell is recognised.

Both editions are accepted: the Japanese (登録番号, 登録年月日, 氏名又は名称, ...) and the
romanized English (Registration number, Registration date, Name, ...). A header is
normalized (NFKC, case-folded, without spaces and punctuation) and matched by keywords, so
small differences in wording between editions and years do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


class ValueType(StrEnum):
    TEXT = "text"
    DATE = "date"
    NUMBER = "number"
    POSTAL = "postal"
    PHONE = "phone"


@dataclass(frozen=True)
class Column:
    key: str
    label: StrOrPromise
    type: ValueType = ValueType.TEXT
    max_length: int = 500
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("registration_number", _("Registration number"), ValueType.NUMBER, 16, True),
    Column("registration_date", _("Registration date"), ValueType.DATE, required=True),
    Column("name", _("Name"), required=True),
    Column("postal_code", _("Postal code"), ValueType.POSTAL, 16),
    Column("address", _("Address"), required=True),
    Column("telephone", _("Telephone"), ValueType.PHONE, 64),
    Column("representative", _("Representative"), max_length=300),
    Column("office_name", _("Name of the support office")),
    Column("office_postal_code", _("Postal code of the office"), ValueType.POSTAL, 16),
    Column("office_address", _("Address of the office")),
    Column("support_details", _("Support details"), max_length=5000),
    Column("support_start_date", _("Support start date"), ValueType.DATE),
    Column("languages", _("Languages supported")),
    Column("notes", _("Notes"), max_length=5000),
)
BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
FIELD_NAMES: tuple[str, ...] = tuple(c.key for c in COLUMNS)
REQUIRED: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.required)

# Checked in this order; a header belongs to the first field all of whose keywords it holds.
# More specific fields (the office's) come before the general ones they contain.
RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("registration_number", ("登録番号",)),
    ("registration_number", ("registration", "number")),
    ("registration_number", ("registration", "no")),
    ("office_postal_code", ("事務所", "郵便")),
    ("office_postal_code", ("office", "postal")),
    ("office_postal_code", ("office", "zip")),
    ("office_address", ("事務所", "所在地")),
    ("office_address", ("事務所", "住所")),
    ("office_address", ("office", "address")),
    ("office_address", ("office", "location")),
    ("office_name", ("事務所", "名")),
    ("office_name", ("office", "name")),
    ("office_name", ("supportoffice",)),
    ("support_start_date", ("開始",)),
    ("support_start_date", ("start",)),
    ("support_start_date", ("commence",)),
    ("registration_date", ("登録", "年月日")),
    ("registration_date", ("登録日",)),
    ("registration_date", ("registration", "date")),
    ("registration_date", ("dateofregistration",)),
    ("support_details", ("支援", "内容")),
    ("support_details", ("支援業務",)),
    ("support_details", ("support", "detail")),
    ("support_details", ("support", "content")),
    ("support_details", ("support", "operation")),
    ("representative", ("代表者",)),
    ("representative", ("representative",)),
    ("telephone", ("電話",)),
    ("telephone", ("tel",)),
    ("telephone", ("phone",)),
    ("postal_code", ("郵便",)),
    ("postal_code", ("postal",)),
    ("postal_code", ("postcode",)),
    ("postal_code", ("zip",)),
    ("address", ("住所",)),
    ("address", ("所在地",)),
    ("address", ("address",)),
    ("languages", ("言語",)),
    ("languages", ("language",)),
    ("notes", ("備考",)),
    ("notes", ("remark",)),
    ("notes", ("note",)),
    ("name", ("氏名",)),
    ("name", ("名称",)),
    ("name", ("name",)),
)

# A label that repeats (a second 郵便番号 under a "support office" group header) names the
# office's column.
SECOND_OCCURRENCE = {
    "postal_code": "office_postal_code",
    "address": "office_address",
    "name": "office_name",
}

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def normalize_header(value: object) -> str:
    text = unicodedata.normalize("NFKC", str(value or "")).casefold()
    return _NOISE.sub("", text)


def classify(value: object) -> str | None:
    """The field a header cell names, or None."""
    text = normalize_header(value)
    if not text or len(text) > 120:
        return None
    for key, words in RULES:
        if all(word in text for word in words):
            return key
    return None


def map_header(cells: list[object]) -> dict[int, str]:
    """{column index: field} for a header row; each field at most once."""
    mapping: dict[int, str] = {}
    taken: set[str] = set()
    for index, cell in enumerate(cells):
        key = classify(cell)
        if key is None:
            continue
        if key in taken:
            key = SECOND_OCCURRENCE.get(key, "")
            if not key or key in taken:
                continue
        mapping[index] = key
        taken.add(key)
    return mapping


def is_japanese(cells: list[object]) -> bool:
    return any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", str(c or "")) for c in cells)
