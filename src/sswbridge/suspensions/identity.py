"""What identifies an affected person to an embassy (issue 16): nationality, passport and
residence card numbers, date of birth, SSW field and contact; cleaned the same way for the
one-by-one form, the API and the bulk upload.

A passport number is 6 to 12 letters and digits (ICAO 9303 allows up to 9 in the machine
readable zone; some issuers print longer). A Japanese residence card number is two letters,
eight digits and two letters (e.g. AB12345678CD). Spaces and dashes are dropped and letters
upper-cased before either is checked.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sswbridge.core.cleaning import clean_text
from sswbridge.frameworks.models import SSWField

PASSPORT = re.compile(r"[A-Z0-9]{6,12}")
RESIDENCE_CARD = re.compile(r"[A-Z]{2}[0-9]{8}[A-Z]{2}")
IDENTITY_FIELDS = (
    "nationality",
    "passport_number",
    "residence_card_number",
    "date_of_birth",
    "field_id",
    "contact",
)


def _compact(value: object) -> str:
    return re.sub(r"[\s\-]", "", str(value or "")).upper()


def clean_passport(value: object) -> str:
    number = _compact(value)
    if number and not PASSPORT.fullmatch(number):
        raise ValidationError(
            {"passport_number": [_("A passport number is 6 to 12 letters and digits.")]}
        )
    return number


def clean_residence_card(value: object) -> str:
    number = _compact(value)
    if number and not RESIDENCE_CARD.fullmatch(number):
        raise ValidationError(
            {
                "residence_card_number": [
                    _(
                        "A residence card number is two letters, eight digits and two "
                        "letters (AB12345678CD)."
                    )
                ]
            }
        )
    return number


def clean_birth(value: dt.date | None) -> dt.date | None:
    if value is not None and value >= timezone.localdate():
        raise ValidationError({"date_of_birth": [_("The date of birth must lie in the past.")]})
    return value


def clean_field(value: SSWField | str | None) -> SSWField | None:
    """An active SSW field of the framework's list, given as itself or by its code."""
    if value in (None, ""):
        return None
    code = value.code if isinstance(value, SSWField) else str(value).strip()
    found = SSWField.objects.filter(code=code, active=True).first()
    if found is None:
        raise ValidationError({"field": [_("No such SSW field.")]})
    return found


def clean_identity(data: dict[str, Any]) -> dict[str, Any]:
    """Every identity field cleaned; all problems at once, each under its field's name."""
    cleaners: dict[str, Any] = {
        "nationality": lambda v: clean_text(
            "nationality", v or "", limit=100, required=False, line=True
        ),
        "passport_number": clean_passport,
        "residence_card_number": clean_residence_card,
        "date_of_birth": clean_birth,
        "field": clean_field,
        "contact": lambda v: clean_text("contact", v or "", limit=300, required=False, line=True),
    }
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, cleaner in cleaners.items():
        try:
            cleaned[name] = cleaner(data.get(name))
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    return cleaned
