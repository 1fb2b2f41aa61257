"""Text normalization shared by every step of screening.

`fold` makes two spellings of the same characters equal: Unicode NFKC (which also turns
half-width katakana and full-width Latin into their ordinary forms, and ㈱ into (株)), case
folding, and one form for the many dashes, quotes and apostrophes. `split` cuts a folded
name into words at spaces, punctuation and hyphens, keeping Japanese runs whole.
"""

from __future__ import annotations

import re
import unicodedata

# Every dash and hyphen becomes "-", every quote and apostrophe is dropped or made a space.
_DASHES = dict.fromkeys(map(ord, "‐‑‒–—―−﹣－"), "-")
_APOSTROPHES = dict.fromkeys(map(ord, "'’‘`´ʹʺʼˈ"), "")  # O'Brien = OBrien; ь as ʹ
_QUOTES = dict.fromkeys(map(ord, '«»"“”„‟‹›「」『』〈〉《》'), " ")
_TABLE = {**_DASHES, **_APOSTROPHES, **_QUOTES}

# A word is a run of letters, digits or marks; everything else separates words.
_SEPARATOR = re.compile(r"[^\w]+|_+")

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u30fc]")


def fold(text: str) -> str:
    """NFKC, case-folded, one form for dashes and quotes; spaces collapsed."""
    text = unicodedata.normalize("NFKC", text or "").translate(_TABLE).casefold()
    return " ".join(text.split())


def split(folded: str) -> list[str]:
    """The words of a folded text: cut at spaces, punctuation and hyphens."""
    return [word for word in _SEPARATOR.split(folded) if word]


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def has_japanese(text: str) -> bool:
    return _JAPANESE.search(text) is not None


def strip_marks(text: str) -> str:
    """Latin letters without diacritics: ö → o, ü → u, ō → o, é → e."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Identifiers -------------------------------------------------------------------------------

PHONE_DIGITS = 9  # national significant digits compared: +996 555 123 456 = 0555 123 456


def normalize_identifier(kind: str, value: str) -> str:
    """An identifier reduced for matching.

    Phones keep their last nine digits, so a number with or without the country code or
    trunk prefix is the same; registration and tax numbers keep letters and digits only
    (19登-000001 = 19登000001); e-mail addresses are case-folded.
    """
    text = unicodedata.normalize("NFKC", value or "").strip()
    if kind == "phone":
        digits = "".join(ch for ch in text if ch.isdigit())
        return digits[-PHONE_DIGITS:] if len(digits) >= 7 else ""
    if kind == "email":
        return text.casefold()
    return "".join(ch for ch in text.upper() if ch.isalnum())


def identifier_group(kind: str) -> str:
    """Identifier types compared with each other: a tax number typed as a registration
    number still matches."""
    if kind in ("registration_number", "tax_number", "number"):
        return "number"
    return kind
