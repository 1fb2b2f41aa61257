"""Kyrgyz and Russian Cyrillic in Latin letters, and the skeleton where all spellings meet.

One Cyrillic name has many Latin spellings: BGN/PCGN gives ж→j, ң→ng, ө→ö, ү→ü, х→kh;
passports give ж→zh or dzh, х→kh or h, й→i, ю→iu, я→ia; plain ASCII drops the marks.
`conventions()` writes a word in each of them (for explanations and for showing the
variants), and `skeleton()` reduces any Latin spelling to one canonical form, so that all
conventions (and Japanese romaji, long vowels and all) compare equal without generating
every combination. Matching happens between skeletons only.

Why not PyICU's transliterators: ICU has no Kyrgyz BGN/PCGN or passport rules, and PyICU
ships no wheels, so installing it needs a compiler and libicu headers; these tables are
short, exact and testable.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sswbridge.screening.normalize import strip_marks

_VOWELS = set("аеёиоөуүыэюя")

# Kyrgyz BGN/PCGN (1979), with the Russian letters the Kyrgyz alphabet shares.
_BGN_KY = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "ң": "ng",
    "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ү": "ü",
    "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
    "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Kazakh and Tajik letters occasionally met in Kyrgyz names
    "ғ": "gh", "қ": "q", "ә": "ä", "ұ": "u", "һ": "h", "і": "i", "җ": "j",
}  # fmt: skip

# Differences of the other conventions from Kyrgyz BGN/PCGN.
_BGN_RU = {"ж": "zh", "ң": "n", "ө": "o", "ү": "u"}
_PASSPORT = {
    "ж": "zh", "х": "kh", "й": "i", "ю": "iu", "я": "ia", "ө": "o", "ү": "u", "ң": "n",
    "ё": "e", "ъ": "ie",
}  # fmt: skip
_PASSPORT_DZH = {
    "ж": "dzh", "х": "h", "й": "y", "ю": "yu", "я": "ya", "ө": "o", "ү": "yu", "ң": "ng",
    "ё": "e",
}  # fmt: skip

# The names of the conventions, as shown in explanations (translated there).
BGN = "bgn"
BGN_RU = "bgn_ru"
PASSPORT = "passport"
PASSPORT_DZH = "passport_dzh"
ASCII = "ascii"


def _write(word: str, overrides: dict[str, str], *, ye: bool) -> str:
    out: list[str] = []
    previous = ""
    for ch in word:
        if ch == "е" and ye and (not previous or previous in _VOWELS or previous in "ъь"):
            out.append("ye")  # BGN/PCGN: е is "ye" initially and after vowels
        else:
            out.append(overrides.get(ch, _BGN_KY.get(ch, ch)))
        previous = ch
    return "".join(out)


@lru_cache(maxsize=65536)
def conventions(word: str) -> dict[str, str]:
    """A folded (lower-case) Cyrillic word written in each Latin convention."""
    bgn = _write(word, {}, ye=True)
    return {
        BGN: bgn,
        BGN_RU: _write(word, _BGN_RU, ye=True),
        PASSPORT: _write(word, _PASSPORT, ye=False),
        PASSPORT_DZH: _write(word, _PASSPORT_DZH, ye=False),
        ASCII: strip_marks(bgn),
    }


def to_latin(word: str) -> str:
    """The Kyrgyz BGN/PCGN spelling of a folded Cyrillic word (other letters kept)."""
    return _write(word, {}, ye=True)


# The skeleton rules, in order. Each folds spellings that different conventions (or
# careless writers) use for one sound. Both sides of a comparison go through the same
# rules, so a rule that also merges two unrelated spellings costs a little precision but
# never breaks a match.
#
# Each rule comes with a letter that every match holds: a word without it skips the rule
# (the same result, without running the pattern; "" runs it always).
_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(p), r, needs)
    for p, r, needs in [
        (r"shch|sch", "sh", "c"),  # щ
        (r"dzh|zh|dj", "j", ""),  # ж: passport zh / dzh, BGN j
        (r"kh", "h", "k"),  # х: kh / h
        (r"tch", "ch", "t"),
        (r"ck", "k", "c"),
        (r"ph", "f", "p"),
        (r"x", "ks", "x"),
        (r"q", "k", "q"),
        (r"w", "v", "w"),
        (r"c(?=[eiy])", "s", "c"),  # English c before e, i, y sounds as s ...
        (r"c(?!h)", "k", "c"),  # ... and as k elsewhere (ch stays)
        (r"y", "i", "y"),  # й, ы: y / i; я ya / ia; ю yu / iu
        (r"ng", "n", "g"),  # ң: ng / n
        (r"m(?=[bp])", "n", "m"),  # Hepburn: shimbun / shinbun
        (r"oh(?=[^aeiou]|$)", "o", "h"),  # passport romaji ō written oh: Ohno, Satoh
        (r"ou", "o", "u"),  # ō written ou (wapuro romaji, pykakasi)
        (r"^ie", "e", "e"),  # е: Yelena / Elena
        (r"(?<=[aeiou])ie", "e", "e"),  # Sergeyev / Sergeev
        (r"iu", "u", "u"),  # ү written yu in some passports; ю yu / u
        # Katakana has one row for l and r (Nurlan = ヌルラン, nurran = nuran).
        (r"l", "r", "l"),
        (r"([a-z])\1+", r"\1", ""),  # double letters and long vowels: oo, uu, ss, nn
        # ti is written チ (chi) or ティ in katakana; Kunrei romaji writes ち as ti too.
        (r"chi", "ti", "h"),
    ]
]
_NOT_LATIN = re.compile(r"[^a-z0-9]")


@lru_cache(maxsize=262144)
def skeleton(word: str) -> str:
    """The canonical form of a Latin word (any case, marks allowed) for matching."""
    text = _NOT_LATIN.sub("", strip_marks(word.lower()))
    for pattern, replacement, needs in _RULES:
        if needs in text:
            text = pattern.sub(replacement, text)
    return text
