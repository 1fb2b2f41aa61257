"""Identifiers of intermediaries in the form used for matching.

The value as given is kept for display; the normalized value is what two reports of the
same phone, address or registration number have in common.
"""

from __future__ import annotations

import unicodedata

from sswbridge.intermediaries.models import IdentifierType

_WEB_PREFIXES = ("https://", "http://", "www.")


def normalize(type_: str, value: str) -> str:
    """The value of an identifier of this type, reduced for matching."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    if type_ == IdentifierType.PHONE:
        return "".join(ch for ch in text if ch.isdigit())
    if type_ == IdentifierType.EMAIL:
        return text.casefold()
    if type_ == IdentifierType.WEBSITE:
        text = text.casefold()
        for prefix in _WEB_PREFIXES:
            if text.startswith(prefix):
                text = text[len(prefix) :]
        return text.rstrip("/")
    if type_ == IdentifierType.ADDRESS:
        return " ".join(text.casefold().split())
    # Registration and tax numbers: letters and digits only, so "19登-000001" matches
    # "19登000001" and full-width digits match ASCII ones.
    return "".join(ch for ch in text.upper() if ch.isalnum())


def normalize_query(text: str) -> set[str]:
    """The forms a search text may take among normalized identifiers (three characters or
    more, so that a short query does not match every phone number)."""
    forms = {normalize(kind.value, text) for kind in IdentifierType}
    return {form for form in forms if len(form) >= 3}
