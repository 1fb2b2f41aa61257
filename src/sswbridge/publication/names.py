"""Search keys for names in any script.

`search_key` folds a name so that the ways it is written meet: full- and half-width forms
(NFKC), case, katakana and hiragana, Cyrillic and its Latin spellings (Kyrgyz ж as j, zh or
dzh; ң as ng; ө, ү as o, u; х as kh or h), diacritics, spaces and punctuation, and the legal
form (ОсОО, LLC, 株式会社 ...). Search compares keys: a query matches when its key is part
of the name's key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import jaconv

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "ng",
    "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "u",
    "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ә": "a", "ғ": "g", "қ": "k",
    "ұ": "u", "һ": "h",
}  # fmt: skip
_TABLE = str.maketrans(_CYRILLIC)
_LATIN_FOLDS = (("dzh", "j"), ("zh", "j"), ("kh", "h"), ("dj", "j"), ("ck", "k"))
LEGAL_FORMS = frozenset(
    [
        "osoo",
        "ooo",
        "oao",
        "zao",
        "ao",
        "aak",
        "jchk",
        "ip",
        "llc",
        "ltd",
        "co",
        "inc",
        "corp",
        "kk",
        "gk",
        "yk",
        "llp",
        "plc",
        "jsc",
        "gmbh",
    ]
)
JAPANESE_LEGAL_FORMS = (
    "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "一般社団法人", "公益社団法人",
    "一般財団法人", "公益財団法人", "特定非営利活動法人", "協同組合", "事業協同組合",
    "行政書士法人", "社会福祉法人", "(株)", "(有)", "(同)", "(社)", "(一社)", "(協)",
)  # fmt: skip
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


def _strip_marks(text: str) -> str:
    """Latin letters without their diacritics (ö → o); kana keep their voicing marks."""
    out = []
    for ch in text:
        if "\u00c0" <= ch <= "\u024f":
            ch = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            )
        out.append(ch)
    return "".join(out)


def search_key(value: str, *, keep_legal_form: bool = False) -> str:
    text = unicodedata.normalize("NFKC", value or "").casefold()
    if not keep_legal_form:
        for form in JAPANESE_LEGAL_FORMS:
            text = text.replace(form, " ")
    text = jaconv.kata2hira(text).translate(_TABLE)
    text = _strip_marks(text)
    for spelling, folded in _LATIN_FOLDS:
        text = text.replace(spelling, folded)
    tokens = _TOKEN.findall(text)
    if not keep_legal_form:
        kept = [t for t in tokens if t not in LEGAL_FORMS]
        tokens = kept or tokens
    return "".join(tokens)


def number_key(value: str) -> str:
    """A registration or other number, compared without spaces, dashes and width."""
    text = unicodedata.normalize("NFKC", value or "").upper()
    return re.sub(r"[\s\-‐‑–—−ー_./]+", "", text)


def matches(query: str, names: Iterable[str], numbers: Iterable[str]) -> bool:
    """Whether a register page's search `query` finds a record of these names or numbers."""
    key, number = search_key(query), number_key(query)
    return any(key and key in search_key(n) for n in names if n) or any(
        number and number in number_key(n) for n in numbers if n
    )
