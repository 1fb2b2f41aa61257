"""Cleaning one cell of the list into the value stored: registration numbers, dates in
Western or Japanese-era form, postal codes and telephone numbers that lost their leading
zero in Excel, and text."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from django.utils.translation import gettext as _

from sswbridge.security.controls import control_character, describe
from sswbridge.support.columns import Column, ValueType


class CellError(ValueError):
    """A cell that cannot be read; the message is translated."""


_NUMBER = re.compile(r"^(\d{2})\s*登?\s*[-‐‑–—−ー－]?\s*(\d{1,6})$")
_WESTERN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_ERA = re.compile(
    r"^(令和|平成|昭和|R|H|S)\s*(元|\d{1,2})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$"
)
ERA_START = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988, "昭和": 1925, "S": 1925}
EXCEL_EPOCH = dt.date(1899, 12, 30)


def registration_number(value: object) -> str:
    """The canonical form `19登-000001`."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip().upper()
    match = _NUMBER.match(text)
    if not match:
        raise CellError(_("Not a registration number of the form 19登-000001."))
    return f"{match.group(1)}登-{int(match.group(2)):06d}"


def parse_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 20000 < value < 80000:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = unicodedata.normalize("NFKC", str(value)).strip().upper()
    try:
        match = _WESTERN.match(text)
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _ERA.match(text)
        if match:
            year = 1 if match.group(2) == "元" else int(match.group(2))
            return dt.date(
                ERA_START[match.group(1)] + year, int(match.group(3)), int(match.group(4))
            )
    except ValueError:
        pass
    raise CellError(_("Not a date."))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    bad = control_character(text)
    if bad:
        raise CellError(
            _("The cell holds a control character (%(character)s), which is not allowed.")
            % {"character": describe(bad)}
        )
    return text


def postal_code(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        digits = f"{int(value):07d}"
        return f"{digits[:3]}-{digits[3:]}"
    return _text(value)


def telephone(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"0{int(value)}"  # Japanese numbers start with 0, which Excel drops
    return _text(value)


def clean(column: Column, value: object) -> str | dt.date | None:
    """The stored value of one cell; CellError when it cannot be read."""
    if column.type == ValueType.DATE:
        return parse_date(value)
    if column.type == ValueType.NUMBER:
        return registration_number(value)
    if column.type == ValueType.POSTAL:
        text = postal_code(value)
    elif column.type == ValueType.PHONE:
        text = telephone(value)
    else:
        text = _text(value)
    if len(text) > column.max_length:
        raise CellError(
            _("At most %(limit)d characters are allowed.") % {"limit": column.max_length}
        )
    return text
